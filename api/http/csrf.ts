/**
 * Cross-site request forgery protection for cookie-authenticated requests. A browser attaches the
 * session cookie by itself, so a page of another site could make it send a write to this API with
 * the user's session (a Bearer token is never attached by the browser, so Bearer requests need no
 * such check). SameSite=Strict already keeps the cookie off cross-site requests in current
 * browsers; this is the second line, for browsers or setups where it does not (a sibling subdomain
 * counts as "same site" for SameSite, but not as the same origin here).
 *
 * A state-changing request authenticated by the cookie, and the session login and logout
 * themselves (login CSRF would sign the victim into the attacker's account), must show they come
 * from our own pages: `Sec-Fetch-Site` when the browser sends it (every current one does) must be
 * `same-origin`, or `none` (the user typed it); otherwise `Origin` must be this server's own
 * origin. A request with neither header is refused: browsers send at least one on such requests,
 * and a non-browser client should use a Bearer token.
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

function normalisedOrigin(text: string): string | undefined {
  try {
    const origin = new URL(text).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** The request's own origin as the browser would write it (scheme, host, port unless the default). */
function ownOrigin(req: Request): string | undefined {
  const host = req.get('host');
  return host ? normalisedOrigin(`${req.protocol}://${host}`) : undefined;
}

function isSameOrigin(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = req.get('origin');
  if (origin === undefined) return false;
  const own = ownOrigin(req);
  return own !== undefined && normalisedOrigin(origin) === own;
}

/** 403 CROSS_SITE_REQUEST unless the request comes from this origin's own pages (see the header). */
export function assertSameOrigin(req: Request): void {
  if (!isSameOrigin(req)) {
    throw new AppError('FORBIDDEN', '跨站请求已被拒绝（CSRF 保护）', { reason: 'CROSS_SITE_REQUEST' });
  }
}

/** Middleware form of `assertSameOrigin`, for every method (the session login and logout). */
export function sameOriginOnly(req: Request, _res: Response, next: NextFunction): void {
  assertSameOrigin(req);
  next();
}
