/**
 * Two answers decided from the declared routes (api/routes.ts) before any router runs:
 *
 * - `methodGuard`: a declared path, asked with a method it does not serve, is 405 with
 *   `Allow` (RFC 9110 §15.5.6) — before authentication, so `DELETE /api/codes/regions` is not a 401
 *   and `TRACE /healthz` not a 404. An `/api` path no route declares is 404, also before
 *   authentication. OPTIONS is answered here with the same `Allow` (204), except on /codec, whose
 *   CORS middleware answers the Temporal UI's preflights.
 * - `roleGuard`: a signed-in caller whose role the matched route does not serve is 403 before the
 *   Idempotency-Key middleware reads the key: a refusal must not depend on, or touch, the key store.
 *   The handlers still check roles themselves; this only answers first.
 */
import type { Request, RequestHandler } from 'express';
import { type Party, forbiddenFor, maybeCallerOf } from '../auth/authenticate';
import { AppError } from './errors';
import { setMatchedRoute } from './matched-route';
import { type RouteSpec, expressPath } from './route-spec';
import { ROUTES } from '../routes';

interface Matcher {
  route: RouteSpec;
  pattern: RegExp;
  /** Path parameters: a literal path wins over a parameterised one (`/signings/school-confirm` over `/signings/{id}`). */
  params: number;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Express routes case-insensitively and with an optional trailing slash; so do these. Built on
// first use, so that importing this module never depends on the feature modules' load order.
let matchers: Matcher[] | undefined;
const buildMatchers = (): Matcher[] => ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${expressPath(route).split(/(:\w+)/).map((part) => (part.startsWith(':') ? '[^/]+' : escape(part))).join('')}/?$`, 'i'),
  params: (route.path.match(/\{/g) ?? []).length,
}));

/** The routes whose path matches `path` (the request's full path), literal ones first. */
export function routesMatching(path: string): RouteSpec[] {
  matchers ??= buildMatchers();
  const matching = matchers.filter((m) => m.pattern.test(path));
  // As in OpenAPI, a concrete path wins over a template: `/api/signings/school-confirm` is that
  // path's (POST only), not `/api/signings/{id}`'s with id = "school-confirm".
  const fewest = Math.min(...matching.map((m) => m.params));
  return matching.filter((m) => m.params === fewest).map((m) => m.route);
}

/** The route that serves `method` on `path`, if any. */
export function routeFor(method: string, path: string): RouteSpec | undefined {
  const wanted = method === 'HEAD' ? 'get' : method.toLowerCase();
  return routesMatching(path).find((r) => r.method === wanted);
}

/** The `Allow` value for the routes of one path: their methods, HEAD with GET, and OPTIONS. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'];

export function allowHeader(routes: readonly RouteSpec[]): string {
  const methods = new Set(routes.map((r) => r.method.toUpperCase()));
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  return METHOD_ORDER.filter((m) => methods.has(m)).join(', ');
}

function fullPath(req: Request): string {
  return `${req.baseUrl}${req.path}`;
}


export function methodGuard(): RequestHandler {
  return (req, res, next) => {
    const path = fullPath(req);
    const routes = routesMatching(path);
    if (req.method === 'OPTIONS') {
      // The codec's CORS preflight is answered by its own middleware; elsewhere the methods, without a login.
      if (routes.length === 0 || /^\/codec\//i.test(path)) return next();
      res.setHeader('Allow', allowHeader(routes));
      res.status(204).end();
      return;
    }
    if (routes.length === 0) {
      if (/^\/api(\/|$)/i.test(path)) throw new AppError('NOT_FOUND', `接口不存在：${req.method} ${req.path}`);
      return next(); // the portal's pages and assets
    }
    const route = routeFor(req.method, path);
    if (route) {
      setMatchedRoute(res, route);
      return next();
    }
    res.setHeader('Allow', allowHeader(routes));
    throw new AppError('METHOD_NOT_ALLOWED', `${path} 不支持 ${req.method} 方法（支持：${allowHeader(routes)}）`, { allow: allowHeader(routes).split(', ') });
  };
}

export function roleGuard(): RequestHandler {
  return (req, _res, next) => {
    const route = routeFor(req.method, fullPath(req));
    const caller = maybeCallerOf(req);
    if (route && caller && route.roles !== 'anyone' && !route.roles.includes(caller.role)) {
      throw forbiddenFor(caller.role, route.roles.filter((r): r is Party => r !== 'operator'));
    }
    next();
  };
}
