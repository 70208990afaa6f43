/**
 * /readyz against a PostgreSQL of this test's own (not the shared one: it is stopped and started
 * again here): ready, then 503 naming the database while PostgreSQL is down, then ready again once
 * it is back on the same folder and port — the pool reconnects by itself. And 503 while draining.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app';
import { type Database, connectDatabase } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../../launcher/embedded-postgres';
import { freePort } from '../../launcher/processes';

let dataDir: string;
let pgPort: number;
const password = randomBytes(18).toString('base64url');
let pg: EmbeddedPostgresHandle | undefined;
let database: Database;
let connection: Connection;
let server: Server;
let baseUrl: string;
let draining = false;

const startPostgres = () => startEmbeddedPostgres({ dataDir, port: pgPort, password, durable: false });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wangqian-readyz-'));
  pgPort = await freePort();
  pg = await startPostgres();
  await runMigrations(pg.url);
  database = connectDatabase(pg.url);
  connection = await Connection.connect({ address: inject('temporalAddress') });
  const app = createApp({
    database,
    temporal: new Client({ connection }),
    connection,
    taskQueue: 'unused',
    jwtSecret: randomBytes(32).toString('hex'),
    isDraining: () => draining,
    logger: { error: () => undefined },
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await connection?.close();
  await database?.close();
  await pg?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function readyz(): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/readyz`);
  return { status: res.status, body: await res.json() };
}

describe('/readyz', () => {
  it('is 503 naming the database while PostgreSQL is down, and 200 again once it is back', async () => {
    expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: { ok: true }, temporal: { ok: true } } } });

    await pg!.stop();
    pg = undefined;
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('unavailable');
    expect(down.body.checks.database.ok).toBe(false);
    expect(down.body.checks.database.error).toEqual(expect.any(String));
    expect(down.body.checks.temporal.ok).toBe(true);
    // Still down on the next probe (no lucky cached answer).
    expect((await readyz()).status).toBe(503);

    pg = await startPostgres();
    // The first probe after the restart already passes: the pool drops dead connections and dials anew.
    expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready', checks: { database: { ok: true } } } });
  });

  it('is 503 while the process drains, without probing anything', async () => {
    draining = true;
    try {
      const res = await readyz();
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'draining', message: expect.any(String) });
      // Liveness is another question: the process is alive.
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    } finally {
      draining = false;
    }
    expect((await readyz()).status).toBe(200);
  });
});
