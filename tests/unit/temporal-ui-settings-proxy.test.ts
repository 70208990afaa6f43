/**
 * launcher/temporal-ui-settings-proxy.ts against a stand-in for the dev server's UI: the settings get
 * the codec's credentials and sign-in hint, everything else passes through unchanged (status,
 * headers, cookies, bodies both ways).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODEC_SIGN_IN_HINT, type UiSettingsProxy, codecSignInUrl, patchUiSettings, startUiSettingsProxy } from '../../launcher/temporal-ui-settings-proxy';

// What the embedded UI server (2.54.1) answers, as `temporal server start-dev --ui-codec-endpoint` sets it.
const SETTINGS = {
  Auth: { Enabled: false, Options: null },
  DefaultNamespace: '',
  Codec: { Endpoint: 'http://127.0.0.1:3000/codec', PassAccessToken: false, IncludeCredentials: false, DefaultErrorMessage: '', DefaultErrorLink: '' },
  Version: '2.54.1',
};

let upstream: http.Server;
let proxy: UiSettingsProxy;
const seen: Array<{ method: string; url: string; body: string; acceptEncoding?: string | undefined }> = [];

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, body: Buffer.concat(chunks).toString(), acceptEncoding: req.headers['accept-encoding'] });
      if (req.url?.startsWith('/api/v1/settings')) {
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': '_csrf=abc; Path=/; SameSite=Strict' });
        res.end(JSON.stringify(SETTINGS));
      } else if (req.url === '/gzipped') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync('压缩的内容'));
      } else {
        res.writeHead(req.method === 'POST' ? 201 : 404, { 'content-type': 'text/plain', 'x-upstream': 'yes' });
        res.end(`echo:${Buffer.concat(chunks).toString()}`);
      }
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  proxy = await startUiSettingsProxy({
    host: '127.0.0.1',
    port: 0,
    targetPort: (upstream.address() as AddressInfo).port,
    codec: { endpoint: SETTINGS.Codec.Endpoint, errorMessage: CODEC_SIGN_IN_HINT, errorLink: codecSignInUrl(SETTINGS.Codec.Endpoint) },
  });
});

afterAll(async () => {
  await proxy?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('the UI settings proxy', () => {
  it('turns on the codec’s credentials and adds the sign-in hint, keeping the other settings and the cookie', async () => {
    const res = await fetch(`${proxy.url}/api/v1/settings?`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual(['_csrf=abc; Path=/; SameSite=Strict']);
    expect(await res.json()).toEqual({
      ...SETTINGS,
      Codec: {
        Endpoint: 'http://127.0.0.1:3000/codec',
        PassAccessToken: false,
        IncludeCredentials: true,
        DefaultErrorMessage: CODEC_SIGN_IN_HINT,
        DefaultErrorLink: 'http://127.0.0.1:3000/codec/login',
      },
    });
    // Asked for uncompressed, since it is rewritten.
    expect(seen.at(-1)!.acceptEncoding).toBeUndefined();
  });

  it('passes everything else through as it is: methods, bodies, statuses, headers, compressed bodies', async () => {
    const posted = await fetch(`${proxy.url}/api/v1/namespaces/default/workflows?x=1`, { method: 'POST', body: '{"a":"签约"}' });
    expect(posted.status).toBe(201);
    expect(posted.headers.get('x-upstream')).toBe('yes');
    expect(await posted.text()).toBe('echo:{"a":"签约"}');
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/v1/namespaces/default/workflows?x=1', body: '{"a":"签约"}' });
    expect((await fetch(`${proxy.url}/missing`)).status).toBe(404);
    const gzipped = await fetch(`${proxy.url}/gzipped`);
    expect(await gzipped.text()).toBe('压缩的内容');
  });

  it('leaves a settings body it does not understand alone', () => {
    expect(() => patchUiSettings('not json', { endpoint: 'x' })).toThrow();
    expect(JSON.parse(patchUiSettings('{}', { endpoint: 'http://h/codec' }))).toEqual({ Codec: { Endpoint: 'http://h/codec', IncludeCredentials: true } });
  });

  it('the sign-in page is the codec’s /login, with or without a trailing slash', () => {
    expect(codecSignInUrl('https://api.example.edu.cn/codec/')).toBe('https://api.example.edu.cn/codec/login');
    expect(codecSignInUrl('https://api.example.edu.cn/codec')).toBe('https://api.example.edu.cn/codec/login');
  });
});
