/**
 * The embedded Web UI's codec settings, which `temporal server start-dev` cannot set.
 *
 * The CLI (1.9.1) builds its UI server's configuration in code: `--ui-codec-endpoint` sets the
 * codec's endpoint and nothing else, so "include credentials" stays off, and there is no flag,
 * environment variable or config file for it (temporalio/cli internal/devserver/server.go,
 * `buildUIServer`). With it off, the browser sends the UI's decode calls to the API's /codec without
 * the operator's login, and decoding fails even after signing in. The UI's own dialog can override
 * the setting only per browser, and its default view (the cluster's setting) has no such toggle.
 *
 * So the launcher puts this small reverse proxy where the operator opens the UI: everything is
 * passed through to the dev server's UI on an internal port, except the UI's settings
 * (`GET /api/v1/settings`), whose `Codec` gets `IncludeCredentials: true` and, when given, the
 * message and link the UI shows when a decode fails (`DefaultErrorMessage`, `DefaultErrorLink`):
 * "sign in to the codec here". Compose's `temporalio/ui` image reads the same settings from its
 * environment (TEMPORAL_CODEC_*), so it needs no proxy.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UiCodecSettings {
  /** The codec endpoint (the API's /codec), as `--ui-codec-endpoint` gives it. */
  endpoint: string;
  /** Send the browser's credentials (the operator's Basic login) with the decode calls. Default true. */
  includeCredentials?: boolean;
  /** Shown by the UI when decoding fails. */
  errorMessage?: string;
  /** Linked from that message: where the operator signs in. */
  errorLink?: string;
}

export interface UiSettingsProxyOptions {
  host: string;
  port: number;
  /** The dev server's own UI, on `host`. */
  targetPort: number;
  codec: UiCodecSettings;
}

export interface UiSettingsProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * What the UI says when a payload cannot be decoded (it links the sign-in page): the embedded UI's
 * and compose's (TEMPORAL_CODEC_DEFAULT_ERROR_MESSAGE; tests/deploy/docker-compose.test.ts compares).
 */
export const CODEC_SIGN_IN_HINT = '无法解码：请先以运维账号登录 codec（打开下面的链接，输入运维账号的用户名和密码），然后刷新本页';

/** Where an operator's browser signs in to the codec (api/ops/codec.ts). */
export function codecSignInUrl(codecEndpoint: string): string {
  return `${codecEndpoint.replace(/\/+$/, '')}/login`;
}

const SETTINGS_PATH = /^\/api\/v1\/settings\/?(\?|$)/;

/** The settings JSON with the codec's fields replaced (Go field names, as the UI server writes them). */
export function patchUiSettings(body: string, codec: UiCodecSettings): string {
  const settings = JSON.parse(body) as { Codec?: Record<string, unknown> };
  settings.Codec = {
    ...settings.Codec,
    Endpoint: codec.endpoint,
    IncludeCredentials: codec.includeCredentials ?? true,
    ...(codec.errorMessage !== undefined ? { DefaultErrorMessage: codec.errorMessage } : {}),
    ...(codec.errorLink !== undefined ? { DefaultErrorLink: codec.errorLink } : {}),
  };
  return JSON.stringify(settings);
}

export async function startUiSettingsProxy(options: UiSettingsProxyOptions): Promise<UiSettingsProxy> {
  const server = http.createServer((req, res) => {
    const isSettings = req.method === 'GET' && SETTINGS_PATH.test(req.url ?? '');
    const headers = { ...req.headers };
    // The settings are rewritten, so they must come uncompressed.
    if (isSettings) delete headers['accept-encoding'];
    const upstream = http.request(
      { host: options.host, port: options.targetPort, method: req.method, path: req.url, headers },
      (answer) => {
        if (!isSettings || answer.statusCode !== 200) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          let body: string;
          try {
            body = patchUiSettings(Buffer.concat(chunks).toString('utf8'), options.codec);
          } catch {
            body = Buffer.concat(chunks).toString('utf8'); // not the JSON we know: as it came
          }
          const outHeaders = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
          delete outHeaders['transfer-encoding'];
          res.writeHead(200, outHeaders);
          res.end(body);
        });
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Temporal UI 暂不可用 (the dev server UI is not answering)');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
