/**
 * GET /healthz (the process is alive) and GET /readyz (it can serve: PostgreSQL and Temporal
 * both answer, and it is not shutting down). Load balancers and the launcher poll /readyz; once
 * SIGTERM began the drain it answers 503 at once, so they stop sending new requests here.
 */
import type { Connection } from '@temporalio/client';
import { Router } from 'express';
import type postgres from 'postgres';

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

export function healthRouter({
  sql,
  connection,
  isDraining = () => false,
}: {
  sql: postgres.Sql;
  connection: Connection;
  isDraining?: (() => boolean) | undefined;
}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
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
  });
  return router;
}
