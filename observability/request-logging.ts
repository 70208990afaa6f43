/**
 * First middleware of the app: gives each request its id and logs one line when it ends.
 *
 * The id is the client's `X-Request-Id` when that is a sane token, else a new UUID; it is echoed
 * in the response's `X-Request-Id`, and entered for the rest of the request, so every log line
 * written meanwhile — and every workflow message sent (observability/temporal-client-interceptor.ts)
 * — carries it. The line names the method, the route pattern, the status and the duration: never
 * the URL, headers or bodies (tokens, passwords and personal data travel there).
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { isSaneRequestId } from '../domain/request-id';
import { routeOf, trackRoute } from './http-route';
import { runInRequest } from './request-context';

export const REQUEST_ID_HTTP_HEADER = 'X-Request-Id';

/** What the request lines need of a logger (a pino logger from observability/logger.ts). */
export interface RequestLineLogger {
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Polled by load balancers and scrapers every few seconds: their successes are debug lines. */
const PROBE_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

function writesLines(logger: Partial<RequestLineLogger> | undefined): logger is RequestLineLogger {
  return typeof logger?.info === 'function' && typeof logger.debug === 'function' && typeof logger.error === 'function';
}

/**
 * With a mere error sink (`{ error }`) the ids are still given, echoed and passed on; only the
 * request lines are not written.
 */
export function requestLogging(given: Partial<RequestLineLogger> | undefined): RequestHandler {
  const logger = writesLines(given) ? given : undefined;
  return (req, res, next) => {
    const incoming = req.get(REQUEST_ID_HTTP_HEADER);
    const requestId = isSaneRequestId(incoming) ? incoming : randomUUID();
    res.setHeader(REQUEST_ID_HTTP_HEADER, requestId);
    trackRoute(req);
    if (logger) logRequestLine(logger, req, res, requestId);
    runInRequest(requestId, next);
  };
}

function logRequestLine(logger: RequestLineLogger, req: Request, res: Response, requestId: string): void {
  const started = process.hrtime.bigint();
  // 'close' comes after 'finish', and also when the client hangs up before the response is done.
  res.once('close', () => {
    const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
    const route = routeOf(req);
    const line = {
      requestId,
      method: req.method,
      route,
      status: res.statusCode,
      durationMs,
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    if (res.statusCode >= 500) logger.error(line, '请求失败');
    else if (route && PROBE_ROUTES.has(route) && res.statusCode < 400) logger.debug(line, '请求完成');
    else logger.info(line, '请求完成');
  });
}
