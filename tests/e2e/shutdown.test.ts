/**
 * SIGTERM to the real processes (`node --import tsx api/server.ts`, `… worker.ts`) against this
 * test run's Temporal and PostgreSQL.
 *
 * API: a login whose body is still being sent when SIGTERM arrives. `Expect: 100-continue` tells
 * the test that the server has the request (it answers 100 once the headers are in); half the body
 * goes out, SIGTERM, the test waits until a new connection is refused (the listener is closed),
 * sends the rest, and gets the normal 200 with a token; then the process exits 0.
 *
 * Worker: the SDK's Prometheus exporter serves `temporal_` metrics at WORKER_METRICS_ADDRESS (the
 * API appends them when WORKER_METRICS_URL points there); then a webhook delivery is held open by
 * the receiver while SIGTERM arrives, the worker waits for that activity, which completes and
 * records the delivery once released, and the process exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createApp } from '../../api/app';
import { parseConfig, payloadKeyringOf } from '../../config';
import { type Database, connectDatabase } from '../../db/client';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema';
import { freePort, waitForExit } from '../../launcher/processes';
import { dataConverterFor } from '../../temporal/data-converter';
import { newParties } from '../support/flows';
import { type Harness, TEST_PASSWORD, createWorld } from '../support/harness';
import { scrape } from '../support/prometheus';
import { sampleApplication } from '../support/sample-data';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PAYLOAD_KEYS = `shutdown-test:${randomBytes(32).toString('base64')}`;

let database: Database;
const children: ChildProcess[] = [];

beforeAll(() => {
  database = connectDatabase(inject('databaseUrl'));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(children.map(waitForExit));
  await database?.close();
});

interface Spawned {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnEntry(entry: string, env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATABASE_URL: inject('databaseUrl'),
      PAYLOAD_KEYS,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exit };
}

/** Polls until `check` passes; fails early, with the process's output, if the process died. */
async function until<T>(spawned: Spawned, check: () => Promise<T>, what: string, timeout = 30_000): Promise<T> {
  return vi.waitFor(
    async () => {
      if (spawned.child.exitCode !== null) throw new Error(`process exited (${spawned.child.exitCode}) before ${what}:\n${spawned.output()}`);
      return check();
    },
    { timeout, interval: 250 },
  );
}

/** Starting a process (tsx, and the worker's workflow bundle) takes long on a busy 2-core machine. */
const START_TIMEOUT = 150_000;

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

describe('API process on SIGTERM', () => {
  it('finishes the request in flight, refuses new connections, and exits 0', async () => {
    const world = await createWorld(database);
    const port = await freePort();
    const api = spawnEntry('api/server.ts', { PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: randomBytes(32).toString('hex') });
    const base = `http://127.0.0.1:${port}`;
    await until(api, async () => expect((await fetch(`${base}/readyz`)).status).toBe(200), 'ready', START_TIMEOUT);

    const body = Buffer.from(JSON.stringify({ username: world.student.username, password: TEST_PASSWORD }));
    const half = Math.floor(body.length / 2);
    let serverHasIt!: () => void;
    const continued = new Promise<void>((resolve) => (serverHasIt = resolve));
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length), expect: '100-continue' },
    });
    req.once('continue', () => serverHasIt());
    const response = new Promise<{ status: number; json: any }>((resolve, reject) => {
      req.once('response', (res: IncomingMessage) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
      });
      req.once('error', reject);
    });
    req.flushHeaders();
    await continued;
    req.write(body.subarray(0, half));

    api.child.kill('SIGTERM');
    // The listener closes at once: new connections are refused while our request is still open.
    await until(api, async () => expect(await connectionRefused(port)).toBe(true), 'the listener closed');
    expect(api.child.exitCode).toBeNull();

    req.end(body.subarray(half));
    const answered = await response;
    expect(answered.status).toBe(200);
    expect(answered.json.token).toEqual(expect.any(String));
    expect(await api.exit).toEqual({ code: 0, signal: null });
  }, 240_000);
});

describe('worker process', () => {
  let worker: Spawned;
  let metricsAddress: string;
  const taskQueue = `shutdown-test-${randomUUID()}`;

  beforeAll(async () => {
    metricsAddress = `127.0.0.1:${await freePort()}`;
    worker = spawnEntry('worker.ts', { TEMPORAL_TASK_QUEUE: taskQueue, WORKER_METRICS_ADDRESS: metricsAddress });
    // Started: its exporter answers.
    await until(worker, async () => expect((await fetch(`http://${metricsAddress}/metrics`)).status).toBe(200), 'the exporter answered', START_TIMEOUT);
  }, START_TIMEOUT + 10_000);

  it("serves the Temporal SDK's metrics at WORKER_METRICS_ADDRESS, which the API can append", async () => {
    const sdk = await until(
      worker,
      async () => {
        const res = await scrape(`http://${metricsAddress}/metrics`);
        // The poller gauge exists once the worker polls its task queue.
        expect(res.samples.some((s) => s.name === 'temporal_num_pollers' && s.labels.task_queue === taskQueue)).toBe(true);
        return res;
      },
      'the SDK metrics appeared',
      START_TIMEOUT,
    );
    expect(sdk.status).toBe(200);
    expect(sdk.samples.some((s) => s.name === 'temporal_worker_start')).toBe(true);

    const connection = await Connection.connect({ address: inject('temporalAddress') });
    const app = createApp({
      database,
      temporal: new Client({ connection }),
      connection,
      taskQueue,
      jwtSecret: randomBytes(32).toString('hex'),
      workerMetricsUrl: `http://${metricsAddress}/metrics`,
    });
    const server = await listen(app);
    try {
      const combined = await scrape(`${server.url}/metrics`);
      expect(combined.samples.some((s) => s.name === 'wangqian_worker_metrics_up' && s.value === 1)).toBe(true);
      expect(combined.samples.some((s) => s.name === 'temporal_num_pollers' && s.labels.task_queue === taskQueue)).toBe(true);
      expect(combined.text).toContain('# TYPE http_request_duration_seconds histogram');
    } finally {
      await new Promise((resolve) => server.server.close(resolve));
      await connection.close();
    }
  }, START_TIMEOUT + 30_000);

  it('lets the activity in flight finish after SIGTERM, then exits 0', async () => {
    // The employer's webhook receiver holds the first delivery open until the test releases it.
    let held: ServerResponse | undefined;
    let arrived!: () => void;
    const deliveryArrived = new Promise<void>((resolve) => (arrived = resolve));
    const receiver = createServer((req, res) => {
      req.resume();
      req.once('end', () => {
        if (held) return res.writeHead(200).end();
        held = res;
        arrived();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));

    // An API on the worker's task queue, with the processes' payload keys.
    const keyring = payloadKeyringOf(parseConfig({ PAYLOAD_KEYS }) as { PAYLOAD_KEYS: NonNullable<ReturnType<typeof parseConfig>['PAYLOAD_KEYS']> });
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    const app = createApp({
      database,
      temporal: new Client({ connection, dataConverter: dataConverterFor(keyring) }),
      connection,
      taskQueue,
      jwtSecret: randomBytes(32).toString('hex'),
    });
    const server = await listen(app);
    try {
      const p = await newParties({ baseUrl: server.url, database } as Harness);
      const hook = await p.employer.post('/api/webhooks', { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` });
      expect(hook.status).toBe(201);
      const created = await p.student.post('/api/signings', sampleApplication(p.world.employer.creditCode));
      expect(created.status).toBe(201);

      await deliveryArrived; // sendWebhook is running in the worker, waiting for our answer
      worker.child.kill('SIGTERM');
      // The worker logs the drain (the SDK's own handler ran on the same signal); it is still
      // running, because the activity is.
      await until(worker, async () => expect(worker.output()).toContain('(draining)'), 'the drain began');
      expect(worker.child.exitCode).toBeNull();
      expect(worker.output()).not.toContain('worker 已停止');
      held!.writeHead(200).end();

      expect(await worker.exit).toEqual({ code: 0, signal: null });
      expect(worker.output()).toContain('worker 已停止');
      const rows = await database.db
        .select({ status: webhookDeliveries.status, attempts: webhookDeliveries.attempts })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(eq(webhookEndpoints.id, hook.body.id));
      expect(rows).toEqual([{ status: 'delivered', attempts: 1 }]);
    } finally {
      await new Promise((resolve) => server.server.close(resolve));
      await connection.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  }, 120_000);
});

async function listen(app: ReturnType<typeof createApp>): Promise<{ url: string; server: Server }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
