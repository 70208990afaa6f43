/**
 * http_request_duration_seconds{method, route, code}. `route` is the Express pattern that handled
 * the request (`/api/signings/:id/employer-sign`), never the URL, so ids, usernames or query
 * strings never become label values and the number of series stays bounded by the routes in the
 * app. Requests answered before any route matched (404, 401 from the auth middleware, a 429, an
 * idempotent replay) are `unmatched`.
 */
import type { RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';
import { routeOf, trackRoute } from '../../observability/http-route';

export const UNMATCHED_ROUTE = 'unmatched';

export function httpMetrics(registry: Registry): RequestHandler {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP 请求耗时（秒），按方法、路由模式与状态码 (HTTP request duration by method, route pattern and status code)',
    labelNames: ['method', 'route', 'code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req, res, next) => {
    trackRoute(req);
    const end = duration.startTimer();
    // 'finish': the whole response was handed to the OS. A client that hangs up first is not counted.
    res.once('finish', () => {
      end({ method: req.method, route: routeOf(req) ?? UNMATCHED_ROUTE, code: String(res.statusCode) });
    });
    next();
  };
}
