/**
 * The route methodGuard matched for a request (api/http/route-guard.ts), kept on `res.locals`, for
 * later middleware such as the body parser and the Idempotency-Key. A module of its own, importing
 * types only: the middleware that asks is imported by route modules, and route-guard imports them all.
 */
import type { Response } from 'express';
import type { RouteSpec } from './route-spec';

export function matchedRoute(res: Response): RouteSpec | undefined {
  return (res.locals as { route?: RouteSpec }).route;
}

export function setMatchedRoute(res: Response, route: RouteSpec): void {
  (res.locals as { route?: RouteSpec }).route = route;
}
