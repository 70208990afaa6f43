/**
 * GET /healthz (the process is alive) and GET /readyz (it can serve: PostgreSQL and Temporal
 * both answer, and it is not shutting down). Load balancers and the launcher poll /readyz; once
 * SIGTERM began the drain it answers 503 at once, so they stop sending new requests here.
 */
import type { Connection } from '@temporalio/client';
import type postgres from 'postgres';
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json } from '../http/route-spec';
import { healthSchema, readinessSchema } from '../openapi/responses';

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

export interface HealthDeps {
  sql: postgres.Sql;
  connection: Connection;
  isDraining?: (() => boolean) | undefined;
}

export const healthRoutes = routeGroup<HealthDeps>('health', [
  defineRoute({
    operationId: 'healthz',
    method: 'get',
    path: '/healthz',
    tag: TAGS.ops,
    summary: '存活检查',
    roles: 'anyone',
    schemas: {},
    success: [json(200, '进程存活', healthSchema)],
    handle: () =>
      (_req, res) => {
        res.json({ status: 'ok' });
      },
  }),
  defineRoute({
    operationId: 'readyz',
    method: 'get',
    path: '/readyz',
    tag: TAGS.ops,
    summary: '就绪检查（PostgreSQL 与 Temporal 均可达）',
    roles: 'anyone',
    schemas: {},
    success: [json(200, '可以服务', readinessSchema)],
    errors: ['UNAVAILABLE'],
    handle: ({ sql, connection, isDraining = () => false }) =>
      async (_req, res) => {
        if (isDraining()) {
          res.status(503).json({ status: 'draining', message: '服务正在停止，不再接收新请求' });
          return;
        }
        const [database, temporalCheck] = await Promise.all([
          probe(() => sql`select 1`, 2000),
          probe(() => connection.healthService.check({}), 2000),
        ]);
        const ready = database.ok && temporalCheck.ok;
        res.status(ready ? 200 : 503).json({
          status: ready ? 'ready' : 'unavailable',
          checks: { database, temporal: temporalCheck },
        });
      },
  }),
]);
