/**
 * The embedded Temporal: `temporal server start-dev` with its state in `<dataDir>/temporal.sqlite`,
 * so workflows started before a restart are still there after it. Search attributes are registered
 * at every start (idempotent), and readiness means the frontend answers for our namespace with them.
 * With a codec endpoint, the Web UI the operator opens is served through
 * launcher/temporal-ui-settings-proxy.ts, so that it sends the operator's login with its decode calls
 * (the CLI has no flag for that) and says where to sign in when decoding fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../workflows/search-attributes';
import { devServerArgs } from '../temporal/dev-server-args';
import { commandLine, freePort, isAlive, isOrphaned, isPortFree, sleep, stopChild, terminatePid } from './processes';
import { resolveTemporalCli } from './temporal-cli';
import { CODEC_SIGN_IN_HINT, type UiSettingsProxy, codecSignInUrl, startUiSettingsProxy } from './temporal-ui-settings-proxy';

export interface TemporalDevServerOptions {
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** Path to the `temporal` binary; resolved (and installed if need be) when omitted. */
  cli?: string;
  /**
   * The Web UI's remote codec (`--ui-codec-endpoint`): the API's /codec, so an operator reads the
   * encrypted payloads in plaintext. The UI then sends the browser's credentials with its calls
   * (the operator's login from `<endpoint>/login`), and names that page when decoding fails.
   */
  uiCodecEndpoint?: string;
  /** How long to wait for the frontend; default 60 s. */
  readyTimeoutMs?: number;
}

export interface TemporalDevServerHandle {
  /** host:port of the gRPC frontend. */
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServerHandle> {
  const dataDir = path.resolve(options.dataDir);
  const { port, uiPort, namespace } = options;
  const dbFile = path.join(dataDir, 'temporal.sqlite');
  const logFile = path.join(dataDir, 'temporal.log');
  const pidFile = path.join(dataDir, 'temporal.pid');
  await mkdir(dataDir, { recursive: true });

  await clearOrphan(pidFile, dbFile);
  for (const [p, setting] of [[port, 'TEMPORAL_DEV_PORT'], [uiPort, 'TEMPORAL_UI_PORT']] as const) {
    if (!(await isPortFree(p, HOST))) {
      throw new Error(`端口 ${p} 已被占用，无法启动 Temporal 开发服务器 (port ${p} is in use); 设置 ${setting}，或用 TEMPORAL_ADDRESS 指向已有的 Temporal`);
    }
  }

  const cli = options.cli ?? (await resolveTemporalCli());
  // With a codec, the dev server's own UI listens on an internal port behind the settings proxy.
  const serverUiPort = options.uiCodecEndpoint ? await freePort() : uiPort;
  const args = [
    'server', 'start-dev',
    '--db-filename', dbFile,
    '--port', String(port),
    '--ui-port', String(serverUiPort),
    '--ip', HOST,
    '--namespace', namespace,
    '--log-level', 'warn',
    '--ui-disable-news-fetch', // the UI would otherwise call out to the internet
    ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
    ...devServerArgs(),
  ];

  // The server writes straight into the log file, so its output survives even if we die.
  const logFd = openSync(logFile, 'a');
  writeSync(logFd, `\n--- ${new Date().toISOString()} ${cli} ${args.join(' ')}\n`);
  let child: ChildProcess;
  try {
    // detached: its own process group, so a Ctrl-C in the terminal reaches only the launcher, which
    // stops the API and worker before the server they talk to.
    child = spawn(cli, args, { stdio: ['ignore', logFd, logFd], detached: true });
  } finally {
    closeSync(logFd);
  }
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  await spawned;
  await writeFile(pidFile, `${child.pid}\n`);

  // Safety net: never leave a server behind if this process exits without calling stop().
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);

  let proxy: UiSettingsProxy | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      process.removeListener('exit', onExit);
      await proxy?.close();
      await stopChild(child, 10_000);
      await rm(pidFile, { force: true });
    })());

  if (options.uiCodecEndpoint) {
    try {
      proxy = await startUiSettingsProxy({
        host: HOST,
        port: uiPort,
        targetPort: serverUiPort,
        codec: { endpoint: options.uiCodecEndpoint, includeCredentials: true, errorMessage: CODEC_SIGN_IN_HINT, errorLink: codecSignInUrl(options.uiCodecEndpoint) },
      });
    } catch (err) {
      await stop();
      throw err;
    }
  }

  const address = `${HOST}:${port}`;
  try {
    await waitUntilReady(address, namespace, child, options.readyTimeoutMs ?? 60_000);
  } catch (err) {
    await stop();
    const tail = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-15).join('\n');
    throw new Error(`Temporal 开发服务器启动失败 (dev server failed to start): ${(err as Error).message}\n${logFile}:\n${tail}`, { cause: err });
  }
  return { address, uiUrl: `http://${HOST}:${uiPort}`, stop };
}

/** Polls until the frontend describes our namespace and lists our search attributes. */
async function waitUntilReady(address: string, namespace: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const expected = Object.keys(SEARCH_ATTRIBUTE_REGISTRATIONS);
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 2_000 });
      await connection.workflowService.describeNamespace({ namespace });
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      const missing = expected.filter((name) => !(name in (customAttributes ?? {})));
      if (missing.length === 0) return;
      lastError = new Error(`search attributes not registered yet: ${missing.join(', ')}`);
    } catch (err) {
      lastError = err;
    } finally {
      await connection?.close().catch(() => undefined);
    }
    await sleep(200);
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s: ${(lastError as Error | undefined)?.message ?? 'no answer'}`);
}

/**
 * A dev server left running by a launcher that was killed keeps the port and the SQLite file; stop
 * it. One whose parent is still a live launcher or test run is someone else's: refuse instead of
 * opening the same SQLite file twice.
 */
async function clearOrphan(pidFile: string, dbFile: string): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const cmd = commandLine(pid);
  if (!cmd || !cmd.includes('start-dev') || !cmd.includes(dbFile)) return; // PID reused by something else
  if (!isOrphaned(pid)) {
    throw new Error(`另一个进程正在使用 ${dbFile} (Temporal dev server PID ${pid} belongs to another running launcher); 先停止它`);
  }
  console.error(`[temporal] 停止上次运行遗留的开发服务器 (stopping orphaned dev server PID ${pid} from a killed run)`);
  await terminatePid(pid, 'SIGTERM', 10_000);
}
