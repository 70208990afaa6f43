/**
 * The stack under test. By default a throwaway one in a temporary folder — a Temporal dev server
 * (SQLite file, as `npm start` runs it), an embedded PostgreSQL (durable, as `npm start` runs it)
 * with the migrations, the worker as a child process (`worker.ts`, so its RSS is its own) and the
 * API in this process (createApp on a free port). Reuse flags swap in running servers.
 * The bare baseline's worker always runs here, as its own child process on its own task queue.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { type Database, connectDatabase } from '../db/client';
import { runMigrations } from '../db/migrate';
import { startEmbeddedPostgres } from '../launcher/embedded-postgres';
import { freePort } from '../launcher/processes';
import { startTemporalDevServer } from '../launcher/temporal-dev-server';
import { dataConverterFor } from '../temporal/data-converter';
import { generatePayloadKey } from '../temporal/payload-codec';
import { formatPayloadKey } from '../temporal/payload-keys';
import { type TsxChild, startTsxChild } from './children';
import type { CpuSources } from './cpu';
import type { BenchOptions } from './options';

export interface BenchStack {
  dataDir: string;
  temporalAddress: string;
  databaseUrl: string;
  apiUrl: string;
  jwtSecret: string;
  taskQueue: string | undefined;
  bareTaskQueue: string;
  /** The bench's own pool (seeding, list-mode inserts). */
  database: Database;
  /** A plain client (default data converter): the bare baseline's. */
  client: Client;
  /** The service worker child, when the bench started it. */
  worker: TsxChild | undefined;
  bareWorker: TsxChild;
  /** What was started here and what was reused, for the report. */
  started: string[];
  /** PIDs whose CPU time the bench charges to a phase (servers it started itself). */
  cpuSources(): Promise<CpuSources>;
  close(): Promise<void>;
}

export async function startStack(options: BenchOptions, say: (line: string) => void): Promise<BenchStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wangqian-bench-'));
  const cleanups: (() => Promise<void>)[] = [];
  const started: string[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => console.error('cleanup failed:', err));
    // --keep leaves the folder (the servers' and workers' logs) for a look afterwards.
    if (options.keep) say(`kept ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  };
  try {
    let temporalAddress = options.temporalAddress;
    if (!temporalAddress) {
      const server = await startTemporalDevServer({ dataDir, port: await freePort(), uiPort: await freePort(), namespace: 'default' });
      cleanups.push(server.stop);
      temporalAddress = server.address;
      started.push('temporal-dev-server');
      say(`Temporal dev server ${temporalAddress}`);
    }
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({
        dataDir,
        port: await freePort(),
        password: randomBytes(18).toString('base64url'),
        // Counts every statement the clients send, in every backend (bench/sql-counts.ts); not the ones
        // PostgreSQL runs inside them (foreign-key checks). Negligible overhead.
        settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'top', 'pg_stat_statements.track_utility': 'on' },
      });
      cleanups.push(pg.stop);
      databaseUrl = pg.url;
      started.push('embedded-postgres');
      say('embedded PostgreSQL ready');
    }
    await runMigrations(databaseUrl);

    const connection = await Connection.connect({ address: temporalAddress });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: 'default' });
    const database = connectDatabase(databaseUrl);
    cleanups.push(database.close);

    const bareTaskQueue = `bench-bare-${randomUUID()}`;
    const bare = await startTsxChild('bench/bare-worker.ts', { TEMPORAL_ADDRESS: temporalAddress, BARE_TASK_QUEUE: bareTaskQueue }, path.join(dataDir, 'bare-worker.log'), /bare worker ready/);
    cleanups.push(bare.stop);

    let apiUrl = options.apiUrl;
    let jwtSecret = options.jwtSecret;
    let taskQueue = options.taskQueue;
    let worker: TsxChild | undefined;
    if (!apiUrl) {
      taskQueue = `bench-${randomUUID()}`;
      // The service encrypts what it stores in Temporal: worker and API share a fresh key.
      const payloadKey = generatePayloadKey('bench');
      worker = await startTsxChild(
        'worker.ts',
        {
          TEMPORAL_ADDRESS: temporalAddress,
          DATABASE_URL: databaseUrl,
          TEMPORAL_NAMESPACE: 'default',
          TEMPORAL_TASK_QUEUE: taskQueue,
          PAYLOAD_KEYS: formatPayloadKey(payloadKey),
          PAYLOAD_KEY_ID: '',
          SMTP_URL: '',
          // As in production: the SDK's Prometheus exporter on (here on a free port).
          WORKER_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
        },
        path.join(dataDir, 'worker.log'),
        /worker 已启动/,
        { heapProbe: true },
      );
      cleanups.push(worker.stop);
      started.push('worker (child process)');
      say(`worker PID ${worker.pid} on ${taskQueue}`);

      jwtSecret = randomBytes(32).toString('hex');
      const apiDatabase = connectDatabase(databaseUrl);
      cleanups.push(apiDatabase.close);
      const apiClient = new Client({
        connection,
        namespace: 'default',
        dataConverter: dataConverterFor({ encodingKeyId: payloadKey.id, keys: new Map([[payloadKey.id, payloadKey.key]]) }),
      });
      const app = createApp({
        database: apiDatabase,
        temporal: apiClient,
        connection,
        taskQueue,
        jwtSecret,
        logger: { error: (obj, msg) => console.error(msg, obj) },
      });
      const server = await new Promise<Server>((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      // Keep-alive sockets would hold close() open until they time out.
      cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())).then(() => undefined));
      cleanups.push(async () => void server.closeAllConnections());
      apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      started.push('api (in process)');
    }
    const pidIn = async (file: string) => {
      const pid = Number((await readFile(path.join(dataDir, file), 'utf8').catch(() => '')).split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    };
    const cpuSources = async (): Promise<CpuSources> => ({
      temporal: await pidIn('temporal.pid'),
      postgres: await pidIn('postgres/postmaster.pid'),
      worker: worker?.pid,
      bareWorker: bare.pid,
    });
    return {
      dataDir,
      temporalAddress,
      databaseUrl,
      apiUrl,
      jwtSecret: jwtSecret!,
      taskQueue,
      bareTaskQueue,
      database,
      client,
      worker,
      bareWorker: bare,
      started,
      cpuSources,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
