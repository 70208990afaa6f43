/**
 * Serves the portal: the Vite build of web/ (web/dist), from the same origin as the API, so the
 * session cookie can be SameSite=Strict and no CORS is needed.
 *
 * - Files as built (`express.static`, no directory index). Vite names everything under /assets/
 *   by a hash of its content, so those are cached for a year and never revalidated; everything
 *   else (index.html, favicon…) is `no-cache`: revalidated, so a release shows at once.
 * - The history fallback: the portal routes in the browser (/student, /employer/signings/:id/sign…),
 *   so a page request (GET or HEAD that accepts text/html) for any other path answers index.html.
 *   Not for the service's own paths (/api, /codec, /docs, /metrics, the probes, /openapi.json):
 *   an unknown one keeps its JSON 404, and neither for a missing /assets/ file.
 * - A webRoot without index.html (the portal not built) answers page requests 503 with how to
 *   build it, instead of a 404 that looks like a broken server.
 *
 * Every portal response carries nosniff, Referrer-Policy same-origin, no framing, and a CSP that
 * allows only this origin's scripts: antd's CSS-in-JS writes <style> tags and style attributes, so
 * styles need 'unsafe-inline'; the school's agreement preview frames /api/… (same origin).
 * This is middleware, not an API operation: it is not a declared route (api/routes.ts).
 */
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, Router } from 'express';

/** Paths the service answers itself: never files or pages of the portal. */
const SERVICE_PATHS = ['/api', '/codec', '/docs', '/metrics', '/healthz', '/readyz', '/openapi.json'];
const ASSETS = '/assets';

const under = (p: string, prefix: string) => p === prefix || p.startsWith(`${prefix}/`);

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const PORTAL_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export const PORTAL_NOT_BUILT = '门户尚未构建：请运行 npm run build:web';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>网上签约</title></head>
<body><p>${PORTAL_NOT_BUILT}</p></body>
</html>
`;

const IMMUTABLE = 'public, max-age=31536000, immutable';

function isPageRequest(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (under(req.path, ASSETS)) return false;
  return (req.get('accept') ?? '').includes('text/html');
}

export function portalRouter(webRoot: string): Router {
  const root = path.resolve(webRoot);
  const indexHtml = path.join(root, 'index.html');
  const router = Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    // The service's own paths leave this router untouched, to the JSON 404 after it.
    if (SERVICE_PATHS.some((p) => under(req.path, p))) return next('router');
    res.set(PORTAL_SECURITY_HEADERS);
    next();
  });

  router.use(
    express.static(root, {
      index: false,
      // Cache-Control is ours (setHeaders), not serve-static's max-age=0.
      cacheControl: false,
      setHeaders: (res, file) => {
        const inAssets = path.relative(root, file).split(path.sep)[0] === ASSETS.slice(1);
        res.setHeader('Cache-Control', inAssets ? IMMUTABLE : 'no-cache');
      },
    }),
  );

  router.use((req: Request, res: Response, next: NextFunction) => {
    if (!isPageRequest(req)) return next();
    res.sendFile(indexHtml, { headers: { 'Cache-Control': 'no-cache' } }, (err?: NodeJS.ErrnoException) => {
      // After the headers went out (the client went away mid-file) there is nothing left to answer.
      if (!err || res.headersSent) return;
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') {
        res.status(503).set('Cache-Control', 'no-store').type('html').send(NOT_BUILT_PAGE);
        return;
      }
      next(err);
    });
  });

  return router;
}
