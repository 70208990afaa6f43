/**
 * http_request_duration_seconds{method, route, code}. `route` is the Express pattern that handled
 * the request (`/api/signings/:id/employer-sign`), never the URL, so ids, usernames or query
 * strings never become label values and the number of series stays bounded by the routes in the
 * app. Requests answered before any route matched (404, 401 from the auth middleware, a 429, an
 * idempotent replay) are `unmatched`.
 */
import type { Request, RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';

export const UNMATCHED_ROUTE = 'unmatched';

const matchedRoute = Symbol('matchedRoute');
type TrackedRequest = Request & { [matchedRoute]?: string };

/**
 * Express keeps only the last router's part in `req.route.path`, and restores `req.baseUrl` as an
 * error travels back out of nested routers. So the full pattern is captured at the moment the
 * router assigns `req.route`: at that point `baseUrl` is the mount path of the router that matched
 * (every mount path in this app is a fixed string; lower-cased because matching ignores case, so
 * `/API/…` cannot mint new series).
 */
function trackRoute(req: TrackedRequest): void {
  // Chain to an accessor another middleware (the request logger) may already have put there.
  const previous = Object.getOwnPropertyDescriptor(req, 'route');
  let route: unknown = previous && 'value' in previous ? previous.value : undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => (previous?.get ? previous.get.call(req) : route),
    set(value: { path?: unknown } | undefined) {
      if (previous?.set) previous.set.call(req, value);
      else route = value;
      if (value && value.path !== undefined) req[matchedRoute] = `${req.baseUrl.toLowerCase()}${String(value.path)}`;
    },
  });
}

export function httpMetrics(registry: Registry): RequestHandler {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP 请求耗时（秒），按方法、路由模式与状态码 (HTTP request duration by method, route pattern and status code)',
    labelNames: ['method', 'route', 'code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req, res, next) => {
    const tracked = req as TrackedRequest;
    trackRoute(tracked);
    const end = duration.startTimer();
    // 'finish': the whole response was handed to the OS. A client that hangs up first is not counted.
    res.once('finish', () => {
      end({ method: req.method, route: tracked[matchedRoute] ?? UNMATCHED_ROUTE, code: String(res.statusCode) });
    });
    next();
  };
}
