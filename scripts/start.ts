/**
 * `npm start`: the whole service on one machine (docs/design.md §9). Starts what is not given from outside
 * (a Temporal dev server unless TEMPORAL_ADDRESS, an embedded PostgreSQL unless DATABASE_URL), applies
 * migrations, seeds the demo accounts, runs the worker and the API as child processes, waits for
 * /readyz and prints where everything is. Ctrl-C stops it all in dependency order: the API and the
 * worker first, then the servers they use.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { loadConfigOrExit, type Config } from '../config';
import { runMigrations } from '../db/migrate';
import { buildWeb } from '../launcher/build-web';
import { startEmbeddedPostgres } from '../launcher/embedded-postgres';
import { freePort, isPortFree, sleep, stopChild } from '../launcher/processes';
import { loadOrCreateDevSecrets } from '../launcher/secrets';
import { seedDemo } from '../launcher/seed';
import { SIGNINGS_LIST_QUERY } from '../workflows/search-attributes';
import { startTemporalDevServer } from '../launcher/temporal-dev-server';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const say = (message: string) => console.log(`[启动 start] ${message}`);
const seconds = (fromMs: number) => `${((performance.now() - fromMs) / 1000).toFixed(1)} s`;

/** Everything started so far, stopped in reverse groups on the way out. */
const children: Array<{ name: string; child: ChildProcess }> = [];
const servers: Array<{ name: string; stop(): Promise<void> }> = [];
let shuttingDown: Promise<never> | undefined;

function shutdown(code: number, reason?: string): Promise<never> {
  shuttingDown ??= (async () => {
    if (reason) console.error(`[启动 start] ${reason}`);
    say('正在停止 (stopping)…');
    // Children first: the API drains requests and the worker finishes its tasks while Temporal and
    // PostgreSQL are still there to answer them.
    await Promise.all(children.map(({ child }) => stopChild(child, 10_000)));
    await Promise.all(
      servers.map(({ name, stop }) =>
        stop().catch((err: unknown) => console.error(`[启动 start] 停止 ${name} 出错 (error stopping ${name}):`, err)),
      ),
    );
    say('已停止 (stopped)');
    process.exit(code);
  })();
  return shuttingDown;
}

let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    // One Ctrl-C arrives twice under `npm start`: from the terminal and relayed by tsx's wrapper.
    if (shuttingDown && Date.now() - firstSignalAt > 1_000) say('仍在停止，请稍候 (still stopping, please wait)…');
    firstSignalAt ||= Date.now();
    void shutdown(0);
  });
}
process.on('uncaughtException', (err) => void shutdown(1, `意外错误 (unexpected error): ${err.stack ?? err}`));
process.on('unhandledRejection', (err) => void shutdown(1, `意外错误 (unexpected error): ${(err as Error)?.stack ?? err}`));

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const dataDir = path.resolve(config.DATA_DIR);
  const apiHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const apiUrl = `http://${apiHost.includes(':') ? `[${apiHost}]` : apiHost}:${config.PORT}`;

  // Fail before starting anything if the API could not listen anyway.
  if (!(await isPortFree(config.PORT, config.HOST))) {
    throw new Error(`端口 ${config.PORT} 已被占用 (port ${config.PORT} is in use); 设置 PORT 换一个端口`);
  }

  say(`数据目录 (data folder): ${dataDir}`);
  const secrets = await loadOrCreateDevSecrets(dataDir);

  // Independent, so in parallel; allSettled so a failure of one still lets the other register
  // itself for shutdown instead of being left running. The portal is built only when its sources
  // changed since the last build (a fresh clone builds it once; how long that takes:
  // BENCHMARKS.md, "Figures behind code comments").
  const [temporalResult, databaseResult, webResult] = await Promise.allSettled([
    startTemporal(config, dataDir, `${apiUrl}/codec`),
    startDatabase(config, dataDir, secrets.postgresPassword),
    buildPortal(),
  ]);
  if (temporalResult.status === 'rejected') throw temporalResult.reason;
  if (databaseResult.status === 'rejected') throw databaseResult.reason;
  if (webResult.status === 'rejected') throw webResult.reason;
  const temporal = temporalResult.value;
  const databaseUrl = databaseResult.value;

  let t = performance.now();
  say('数据库迁移 (applying migrations)…');
  await runMigrations(databaseUrl);
  say(`数据库迁移完成 (migrations applied) ${seconds(t)}`);

  t = performance.now();
  const logins = await seedDemo(databaseUrl, dataDir);
  say(`演示数据就绪 (demo data ready) ${seconds(t)}`);

  // The worker's Temporal SDK metrics on a free port (unless set), appended to the API's /metrics:
  // one endpoint shows everything on a single machine.
  const workerMetricsAddress = process.env.WORKER_METRICS_ADDRESS ? config.WORKER_METRICS_ADDRESS : `127.0.0.1:${await freePort()}`;
  const workerMetricsHost = workerMetricsAddress.replace(/^0\.0\.0\.0:/, '127.0.0.1:').replace(/^\[::\]:/, '[::1]:');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
    WORKER_METRICS_ADDRESS: workerMetricsAddress,
    ...(workerMetricsAddress === 'off' ? {} : { WORKER_METRICS_URL: config.WORKER_METRICS_URL ?? `http://${workerMetricsHost}/metrics` }),
    JWT_SECRET: config.JWT_SECRET ?? secrets.jwtSecret,
    // The development payload key, unless PAYLOAD_KEYS comes from outside (then the children inherit it).
    ...(config.PAYLOAD_KEYS ? {} : { PAYLOAD_KEYS: `${secrets.payloadKeyId}:${secrets.payloadKey}`, PAYLOAD_KEY_ID: secrets.payloadKeyId }),
    PORT: String(config.PORT),
    HOST: config.HOST,
    // People read this terminal: readable log lines unless LOG_FORMAT asks for JSON.
    LOG_FORMAT: process.env.LOG_FORMAT || 'pretty',
  };
  t = performance.now();
  const childrenStartedAt = Date.now();
  say('启动 worker 与 API (starting the worker and the API)…');
  startChild('worker', 'worker.ts', env);
  startChild('api', 'api/server.ts', env);
  await waitForReady(`${apiUrl}/readyz`, 120_000);
  say(`API 就绪 (API ready) ${seconds(t)}`);
  await waitForWorker(temporal.address, config.TEMPORAL_NAMESPACE, config.TEMPORAL_TASK_QUEUE, childrenStartedAt, 120_000);
  say(`worker 就绪 (worker polling ${config.TEMPORAL_TASK_QUEUE}) ${seconds(t)}`);

  // uptime: from the moment Node started, so tsx start-up and module loading count too.
  printBanner({ apiUrl, namespace: config.TEMPORAL_NAMESPACE, temporal, dataDir, logins, tookSeconds: process.uptime() });
}

async function buildPortal(): Promise<void> {
  const { built, ms } = await buildWeb({ ifStale: true });
  if (!built) say(`门户已是最新 (portal up to date, checked in ${(ms / 1000).toFixed(1)} s)`);
}

async function startTemporal(config: Config, dataDir: string, codecEndpoint: string): Promise<{ address: string; uiUrl?: string }> {
  if (config.TEMPORAL_ADDRESS) {
    say(`使用已有的 Temporal (using existing Temporal): ${config.TEMPORAL_ADDRESS}`);
    return { address: config.TEMPORAL_ADDRESS };
  }
  const t = performance.now();
  say(`启动 Temporal 开发服务器 (starting Temporal dev server), 日志 (log): ${path.join(dataDir, 'temporal.log')}`);
  const server = await startTemporalDevServer({
    dataDir,
    port: config.TEMPORAL_DEV_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    namespace: config.TEMPORAL_NAMESPACE,
    // The UI decodes the encrypted payloads through the API's /codec (operators sign in there).
    uiCodecEndpoint: codecEndpoint,
  });
  servers.push({ name: 'Temporal', stop: server.stop });
  say(`Temporal 就绪 (ready) ${server.address} ${seconds(t)}`);
  return server;
}

async function startDatabase(config: Config, dataDir: string, password: string): Promise<string> {
  if (config.DATABASE_URL) {
    say('使用已有的 PostgreSQL (using existing PostgreSQL from DATABASE_URL)');
    return config.DATABASE_URL;
  }
  const t = performance.now();
  say(`启动内置 PostgreSQL (starting embedded PostgreSQL) 端口 (port) ${config.EMBEDDED_PG_PORT}`);
  const pg = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_PG_PORT, password });
  servers.push({ name: 'PostgreSQL', stop: pg.stop });
  say(`PostgreSQL 就绪 (ready) ${seconds(t)}`);
  return pg.url;
}

/** `node --import tsx <entry>`; its output is prefixed so the two logs can be told apart. */
function startChild(name: string, entry: string, env: NodeJS.ProcessEnv): void {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: a terminal Ctrl-C reaches only us, and we stop the children in order.
    detached: true,
  });
  children.push({ name, child });
  for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]] as const) {
    createInterface({ input: stream }).on('line', (line) => out.write(`[${name}] ${line}\n`));
  }
  child.on('error', (err) => void shutdown(1, `${name} 无法启动 (could not start): ${err.message}`));
  child.on('exit', (code, signal) => {
    if (!shuttingDown) void shutdown(1, `${name} 意外退出 (exited unexpectedly): code ${code}, signal ${signal}`);
  });
}

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (shuttingDown) await shuttingDown;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`API 在 ${timeoutMs / 1000} 秒内未就绪 (not ready in time): ${url} → ${last}`);
}

/**
 * The worker is ready once Temporal has seen it poll the task queue. Pollers seen before it was
 * spawned (an earlier run against the same external server) don't count.
 */
async function waitForWorker(address: string, namespace: string, taskQueue: string, sinceMs: number, timeoutMs: number): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (shuttingDown) await shuttingDown;
      const { pollers } = await connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue } });
      const fresh = (pollers ?? []).some((p) => Number(p.lastAccessTime?.seconds ?? 0) * 1000 >= sinceMs - 1_000);
      if (fresh) return;
      await sleep(250);
    }
    throw new Error(`worker 在 ${timeoutMs / 1000} 秒内未开始轮询 (did not start polling ${taskQueue} in time)`);
  } finally {
    await connection.close();
  }
}

/** The Temporal UI's list of signings only (README: the signings query), without the notification workflows. */
function signingsListUrl(uiUrl: string, namespace: string): string {
  return `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(SIGNINGS_LIST_QUERY)}`;
}

function printBanner(info: {
  apiUrl: string;
  namespace: string;
  temporal: { address: string; uiUrl?: string };
  dataDir: string;
  logins: Array<{ username: string; password: string; role: string; name: string }>;
  tookSeconds: number;
}): void {
  const rule = '═'.repeat(72);
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - width(s)));
  const lines = [
    rule,
    `  网上签约 已启动 (ready)  用时 (startup took) ${info.tookSeconds.toFixed(1)} s`,
    '',
    `  ${pad('门户 (portal):', 24)}${info.apiUrl}/   ← 在浏览器中打开，用下面的演示账号登录 (open in a browser, sign in below)`,
    `  ${pad('API:', 24)}${info.apiUrl}/api`,
    `  ${pad('接口文档 (API docs):', 24)}${info.apiUrl}/docs  (OpenAPI: ${info.apiUrl}/openapi.json)`,
    `  ${pad('就绪检查 (readiness):', 24)}${info.apiUrl}/readyz`,
    info.temporal.uiUrl
      ? `  ${pad('Temporal UI:', 24)}${info.temporal.uiUrl}`
      : `  ${pad('Temporal:', 24)}${info.temporal.address}（外部服务，UI 见其部署 / external: see its own UI）`,
    ...(info.temporal.uiUrl ? [`  ${pad('签约列表 (signings):', 24)}${signingsListUrl(info.temporal.uiUrl, info.namespace)}`] : []),
    `  ${pad('UI 解码登录 (codec):', 24)}${info.apiUrl}/codec/login  （运维账号 operator 在浏览器中登录一次 / sign in once as an operator）`,
    `  ${pad('数据目录 (data):', 24)}${info.dataDir}`,
    '',
    '  演示账号 (demo logins):',
    `    ${pad('角色 role', 12)}${pad('用户名 username', 22)}${pad('密码 password', 22)}姓名 name`,
    ...info.logins.map((l) => `    ${pad(l.role, 12)}${pad(l.username, 22)}${pad(l.password, 22)}${l.name}`),
    '',
    '  按 Ctrl-C 停止 (press Ctrl-C to stop)',
    rule,
  ];
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((err: unknown) => void shutdown(1, `启动失败 (start-up failed): ${err instanceof Error ? err.message : String(err)}`));
