/**
 * The route pattern that handled a request (`/api/signings/:id/employer-sign`) — what a log line
 * names instead of the URL, whose ids, 考生号 and query strings are not for logs.
 *
 * Express keeps only the innermost router's part in `req.route.path` and restores `req.baseUrl`
 * as an error travels back out of nested routers, so the full pattern is taken at the moment the
 * router assigns `req.route`, when `baseUrl` is still the mount path of the router that matched
 * (lower-cased: matching ignores case, so `/API/…` names the same route). The request log and the
 * HTTP metrics both read it; the first of them to call trackRoute installs the accessor.
 */
import type { Request } from 'express';

const fullRoute = Symbol('fullRoute');
type TrackedRequest = Request & { [fullRoute]?: string | undefined };

export function trackRoute(req: Request): void {
  const tracked = req as TrackedRequest;
  if (fullRoute in tracked) return;
  tracked[fullRoute] = undefined;
  const previous = Object.getOwnPropertyDescriptor(req, 'route');
  let route: unknown = previous && 'value' in previous ? previous.value : undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => (previous?.get ? previous.get.call(req) : route),
    set(value: { path?: unknown } | undefined) {
      if (previous?.set) previous.set.call(req, value);
      else route = value;
      if (value && typeof value.path === 'string') tracked[fullRoute] = `${req.baseUrl.toLowerCase()}${value.path}`;
    },
  });
}

/** The pattern of the route that matched, or null when none did (404, or refused before routing). */
export function routeOf(req: Request): string | null {
  const tracked = (req as TrackedRequest)[fullRoute];
  if (tracked !== undefined) return tracked;
  const route = req.route as { path?: unknown } | undefined;
  return route && typeof route.path === 'string' ? `${req.baseUrl}${route.path}` : null;
}
