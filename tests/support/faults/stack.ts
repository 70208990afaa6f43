/**
 * A private stack that a fault test may break at will: its own Temporal dev server (persistent
 * SQLite file), its own embedded PostgreSQL, the worker as a child process (so it can be kill -9'd)
 * and the API as a child process too (`api/server.ts` as production runs it, so a crash shows as a
 * crash and cannot take the test process with it). Nothing is shared with other test files, so
 * stopping Temporal or PostgreSQL hurts only the test that did it.
 *
 * Every process started here is stopped by close(), and a process `exit` hook kills whatever is
 * left should the test process die first: no orphans. A child that exits without being told to is
 * recorded in `unexpectedExits`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { type Database, connectDatabase } from '../../../db/client';
import { runMigrations } from '../../../db/migrate';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../../../launcher/embedded-postgres';
import { freePort, isAlive, sleep } from '../../../launcher/processes';
import { resolveTemporalCli } from '../../../launcher/temporal-cli';
import { type TemporalDevServerHandle, startTemporalDevServer } from '../../../launcher/temporal-dev-server';
import { dataConverterFor } from '../../../temporal/data-converter';
import { generatePayloadKey } from '../../../temporal/payload-codec';
import { formatPayloadKey } from '../../../temporal/payload-keys';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NAMESPACE = 'default';

export interface FaultStackOptions {
  /** SMTP server the worker sends e-mails through. */
  smtpUrl?: string;
}

export interface FaultStack {
  baseUrl: string;
  /** The test's own pool (seeding and checks), apart from the API's and the worker's. */
  database: Database;
  /** A Temporal client with the service's data converter (Queries, Updates from "the UI"). */
  client: Client;
  taskQueue: string;
  jwtSecret: string;
  /** Children that exited without being told to, with the end of their output. */
  unexpectedExits: string[];
  /** PID of the current worker process (undefined while none runs). */
  workerPid(): number | undefined;
  /** kill -9 the worker process; resolves once it is gone. */
  killWorker(): Promise<void>;
  /** Starts a worker process; resolves once it polls its task queue. */
  startWorker(): Promise<void>;
  /** Stops the Temporal dev server (SIGTERM by default, or SIGKILL); its SQLite file stays. */
  stopTemporal(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts the dev server again on the same port and SQLite file. */
  startTemporal(): Promise<void>;
  /** Stops PostgreSQL (fast shutdown: open connections are cut). */
  stopPostgres(): Promise<void>;
  /** Starts PostgreSQL again on the same port and data folder. */
  startPostgres(): Promise<void>;
  /** Stops everything; safe to call more than once. */
  close(): Promise<void>;
}

/** A `node --import tsx <script>` child: one process (the tsx CLI would run the script in a grandchild). */
interface Child {
  process: ChildProcess;
  output(): string;
  /** Set before a deliberate kill, so the exit is not reported as unexpected. */
  expectExit(): void;
}

function isRunning(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

export async function startFaultStack(options: FaultStackOptions = {}): Promise<FaultStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wangqian-faults-'));
  const [temporalPort, uiPort, pgPort, apiPort, cli] = await Promise.all([freePort(), freePort(), freePort(), freePort(), resolveTemporalCli()]);
  const pgPassword = randomBytes(18).toString('base64url');
  const taskQueue = `faults-${randomUUID()}`;
  const jwtSecret = randomUUID() + randomUUID();
  // The worker encrypts what it stores in Temporal; the API and the test's client hold the same key.
  const payloadKey = generatePayloadKey('faults');
  const unexpectedExits: string[] = [];

  let temporal: TemporalDevServerHandle | undefined;
  let postgres: EmbeddedPostgresHandle | undefined;
  let worker: Child | undefined;
  let api: Child | undefined;
  let database: Database | undefined;
  let connection: Connection | undefined;

  // Last resort if the test process exits without close(): only synchronous work is possible.
  const killLeftovers = () => {
    for (const child of [worker, api]) if (isRunning(child?.process)) child.process.kill('SIGKILL');
  };
  process.once('exit', killLeftovers);

  const startTemporal = async () => {
    temporal = await startTemporalDevServer({ dataDir, port: temporalPort, uiPort, namespace: NAMESPACE, cli });
  };
  const startPostgres = async () => {
    postgres = await startEmbeddedPostgres({ dataDir, port: pgPort, password: pgPassword, durable: false });
  };

  const killChild = async (child: Child | undefined) => {
    if (!child || !isRunning(child.process)) return;
    child.expectExit();
    const exited = new Promise((resolve) => child.process.once('exit', resolve));
    child.process.kill('SIGKILL');
    await exited;
  };

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= closeAll());
  const closeAll = async () => {
    await Promise.all([killChild(api), killChild(worker)]);
    await connection?.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
    await Promise.allSettled([temporal?.stop(), postgres?.stop()]);
    process.removeListener('exit', killLeftovers);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await Promise.all([startTemporal(), startPostgres()]);
    await runMigrations(postgres!.url);
    const temporalAddress = temporal!.address;
    const databaseUrl = postgres!.url;
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: NAMESPACE,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: databaseUrl,
      PAYLOAD_KEYS: formatPayloadKey(payloadKey),
      // Several stacks may run at once (parallel test files): no fixed metrics port.
      WORKER_METRICS_ADDRESS: 'off',
    };

    const spawnChild = async (name: string, script: string, childEnv: NodeJS.ProcessEnv, isReady: (output: string) => Promise<boolean>): Promise<Child> => {
      let output = '';
      let expected = false;
      const proc = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      const collect = (chunk: Buffer) => {
        output = (output + chunk.toString('utf8')).slice(-20_000);
      };
      proc.stdout!.on('data', collect);
      proc.stderr!.on('data', collect);
      proc.once('exit', (code, signal) => {
        if (!expected) unexpectedExits.push(`${name} PID ${proc.pid} exited (code ${code}, signal ${signal}):\n${output.slice(-4_000)}`);
      });
      const child: Child = { process: proc, output: () => output, expectExit: () => (expected = true) };
      while (!(await isReady(output))) {
        if (!isRunning(proc)) throw new Error(`${name} exited before it was ready:\n${output}`);
        await sleep(100);
      }
      return child;
    };

    const startWorker = async () => {
      if (isRunning(worker?.process)) throw new Error('a worker is already running');
      worker = await spawnChild('worker', 'worker.ts', { ...env, SMTP_URL: options.smtpUrl ?? '' }, async (out) => out.includes('worker 已启动'));
    };
    const killWorker = () => killChild(worker);

    const stopTemporal = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
      if (signal === 'SIGKILL') {
        // The launcher's handle only knows SIGTERM; its pid file names the server process.
        const pid = Number((await readFile(path.join(dataDir, 'temporal.pid'), 'utf8')).trim());
        if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
          process.kill(pid, 'SIGKILL');
          while (isAlive(pid)) await sleep(20);
        }
      }
      await temporal?.stop();
      temporal = undefined;
    };
    const stopPostgres = async () => {
      await postgres?.stop();
      postgres = undefined;
    };

    const baseUrl = `http://127.0.0.1:${apiPort}`;
    await startWorker();
    // SMTP_URL for the API too: it queues the submission's e-mails (only when e-mail is on).
    api = await spawnChild('api', 'api/server.ts', { ...env, HOST: '127.0.0.1', PORT: String(apiPort), JWT_SECRET: jwtSecret, SMTP_URL: options.smtpUrl ?? '' }, async () =>
      fetch(`${baseUrl}/healthz`).then(
        (res) => res.ok,
        () => false,
      ),
    );

    database = connectDatabase(databaseUrl, { max: 4 });
    connection = await Connection.connect({ address: temporalAddress });
    const client = new Client({
      connection,
      namespace: NAMESPACE,
      dataConverter: dataConverterFor({ encodingKeyId: payloadKey.id, keys: new Map([[payloadKey.id, payloadKey.key]]) }),
    });

    return {
      baseUrl,
      database,
      client,
      taskQueue,
      jwtSecret,
      unexpectedExits,
      workerPid: () => (isRunning(worker?.process) ? worker.process.pid : undefined),
      killWorker,
      startWorker,
      stopTemporal,
      startTemporal,
      stopPostgres,
      startPostgres,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
