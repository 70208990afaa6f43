/**
 * GET /metrics (Prometheus text format): the API process's default metrics, the HTTP histogram, the
 * business metrics read from PostgreSQL and, when `workerMetricsUrl` is set (the embedded launcher
 * sets it to its worker's exporter), that worker's Temporal SDK metrics appended, so one endpoint
 * shows everything on a single machine. In production Prometheus scrapes each worker itself.
 */
import type { RequestHandler } from 'express';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type postgres from 'postgres';
import { businessMetrics } from './business-metrics';
import { httpMetrics } from './http-metrics';
import { scrapeWorker } from './worker-scrape';
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS } from '../http/route-spec';

export interface MetricsOptions {
  sql: postgres.Sql;
  /** A worker's SDK exporter, e.g. http://127.0.0.1:9464/metrics, appended to every scrape. */
  workerMetricsUrl?: string | undefined;
  /** How long one database read of the business metrics serves scrapes (default 30 s). */
  businessMaxAgeMs?: number | undefined;
  onError?: (err: unknown, message: string) => void;
}

export interface Metrics {
  registry: Registry;
  /** Times every request; mount first, before anything that can answer. */
  middleware: RequestHandler;
  /** The GET /metrics handler. */
  handler: RequestHandler;
}

export function createMetrics(options: MetricsOptions): Metrics {
  // One registry per app rather than prom-client's global one: tests run several apps per process.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const middleware = httpMetrics(registry);
  businessMetrics(registry, options.sql, {
    onError: (err) => options.onError?.(err, '业务指标读取失败 (business metrics read failed)'),
    ...(options.businessMaxAgeMs === undefined ? {} : { maxAgeMs: options.businessMaxAgeMs }),
  });
  const handler: RequestHandler = async (_req, res) => {
    const [own, worker] = await Promise.all([
      registry.metrics(),
      options.workerMetricsUrl ? scrapeWorker(options.workerMetricsUrl) : undefined,
    ]);
    res.type(registry.contentType).send(worker === undefined ? own : `${own}\n${worker}`);
  };
  return { registry, middleware, handler };
}

/** GET /metrics, served by the app's `Metrics.handler`. */
export const metricsRoutes = routeGroup<{ handler: RequestHandler }>('metrics', [
  defineRoute({
    operationId: 'metrics',
    method: 'get',
    path: '/metrics',
    tag: TAGS.ops,
    summary: 'Prometheus 指标（HTTP 延迟、状态转换、通知投递、worker 指标）',
    roles: 'anyone',
    schemas: {},
    success: [{ status: 200, description: 'Prometheus 文本格式', formats: ['text'] }],
    handle: ({ handler }) => handler,
  }),
]);
