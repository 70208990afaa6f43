/**
 * Serving the portal (api/http/portal.ts) from a tiny fake Vite build in a temp folder: the history
 * fallback answers index.html for the portal's own routes, hashed /assets/ files are immutable and
 * everything else revalidates, the service's paths keep their meaning (JSON 404s under /api, the
 * docs, the probes), every portal response has the security headers, and a missing build says how
 * to make one.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_NOT_BUILT } from '../../api/http/portal';
import { type Harness, createWorld, startHarness } from '../support/harness';
import { ApiClient } from '../support/http';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root">门户首页</div></body></html>';
const ASSET = 'console.log("portal");';
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

let h: Harness;
let built: string;
let unbuilt: string;
let dirs: string[] = [];
beforeAll(async () => {
  h = await startHarness();
  const webRoot = await mkdtemp(path.join(os.tmpdir(), 'portal-'));
  await mkdir(path.join(webRoot, 'assets'));
  await writeFile(path.join(webRoot, 'index.html'), INDEX);
  await writeFile(path.join(webRoot, 'assets', 'index-abc123.js'), ASSET);
  await writeFile(path.join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(webRoot, '.build-stamp'), 'secret-ish');
  const empty = await mkdtemp(path.join(os.tmpdir(), 'portal-unbuilt-'));
  dirs = [webRoot, empty];
  built = await h.startApi({ webRoot });
  unbuilt = await h.startApi({ webRoot: empty });
});
afterAll(async () => {
  await h?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function expectSecurityHeaders(res: Response, what: string) {
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('same-origin');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).toContain("style-src 'self' 'unsafe-inline'");
  expect(csp, what).toContain("frame-ancestors 'none'");
}

async function expectJsonError(res: Response, status: number, what: string) {
  expect(res.status, what).toBe(status);
  expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string } };
  expect(typeof body.error.code, what).toBe('string');
}

describe('the portal’s pages', () => {
  it('/, /student and a deep link answer index.html, revalidated each time', async () => {
    for (const page of ['/', '/student', `/employer/signings/${randomUUID()}/sign`, '/school/students?page=2']) {
      const res = await fetch(`${built}${page}`, { headers: HTML });
      expect(res.status, page).toBe(200);
      expect(res.headers.get('content-type'), page).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control'), page).toBe('no-cache');
      expectSecurityHeaders(res, page);
      expect(await res.text(), page).toBe(INDEX);
    }
    const head = await fetch(`${built}/student`, { method: 'HEAD', headers: HTML });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('only for page requests: not for JSON, not for other methods, not for a missing asset', async () => {
    await expectJsonError(await fetch(`${built}/student`, { headers: { accept: 'application/json' } }), 404, 'JSON accept');
    await expectJsonError(await fetch(`${built}/student`, { method: 'POST', headers: HTML }), 404, 'POST');
    await expectJsonError(await fetch(`${built}/assets/missing-0000.js`, { headers: HTML }), 404, 'missing asset');
  });

  it('serves hashed assets immutable, other files no-cache, and no dotfiles', async () => {
    const asset = await fetch(`${built}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expectSecurityHeaders(asset, 'asset');
    expect(await asset.text()).toBe(ASSET);

    const icon = await fetch(`${built}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);

    await expectJsonError(await fetch(`${built}/.build-stamp`), 404, 'dotfile');
    // Nothing outside the build folder, however the path is spelled.
    for (const sneaky of ['/..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2fpackage.json']) {
      const res = await fetch(`${built}${sneaky}`, { headers: HTML });
      const text = await res.text();
      expect(text, sneaky).not.toContain('root:');
      expect(text, sneaky).not.toContain('"dependencies"');
    }
  });
});

describe('the service’s own paths keep their meaning', () => {
  it('/api/… unknown is the JSON error, never index.html', async () => {
    const world = await createWorld(h.database);
    const student = await ApiClient.login(built, world.student.username);
    await expectJsonError(await fetch(`${built}/api/nope`, { headers: { ...HTML, ...student.credentialHeaders() } }), 404, 'signed in');
    // Without a login too: an /api path nobody serves is 404 before authentication (api/http/route-guard.ts).
    await expectJsonError(await fetch(`${built}/api/nope`, { headers: HTML }), 404, 'anonymous');
    // The codec endpoint asks for its operator credentials first, as before.
    await expectJsonError(await fetch(`${built}/codec/nope`, { headers: HTML }), 401, 'codec');
    await expectJsonError(await fetch(`${built}/docs/assets/nope.js`, { headers: HTML }), 404, 'docs asset');
  });

  it('/docs, /openapi.json, /healthz and the code lists answer as without the portal', async () => {
    const docs = await fetch(`${built}/docs`, { headers: HTML });
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('SwaggerUIBundle');
    // The docs page keeps its own policy (it may be framed by this origin, the portal may not).
    expect(docs.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");

    const health = await fetch(`${built}/healthz`, { headers: HTML });
    expect(await health.json()).toEqual(expect.objectContaining({ status: 'ok' }));
    expect((await fetch(`${built}/openapi.json`, { headers: HTML })).headers.get('content-type')).toMatch(/^application\/json/);
    expect((await fetch(`${built}/api/codes/industries`, { headers: HTML })).status).toBe(200);
  });

  it('without a webRoot nothing extra is served', async () => {
    await expectJsonError(await fetch(`${h.baseUrl}/`, { headers: HTML }), 404, '/ without a portal');
    await expectJsonError(await fetch(`${h.baseUrl}/student`, { headers: HTML }), 404, '/student without a portal');
  });
});

describe('a webRoot without a build', () => {
  it('answers page requests 503 with how to build the portal; the API works', async () => {
    const res = await fetch(`${unbuilt}/student`, { headers: HTML });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain(PORTAL_NOT_BUILT);
    expect(PORTAL_NOT_BUILT).toBe('门户尚未构建：请运行 npm run build:web');

    await expectJsonError(await fetch(`${unbuilt}/assets/index-abc123.js`), 404, 'asset without a build');
    expect((await fetch(`${unbuilt}/healthz`)).status).toBe(200);
    expect((await fetch(`${unbuilt}/api/codes/regions`)).status).toBe(200);
  });
});
