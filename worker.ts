/**
 * The worker process: config → connections → workflows + activities on the signing task queue.
 * Production runs it alone (`npm run worker`); the embedded launcher starts it as a child.
 */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from './activities';
import { type Config, configSchema, loadConfigOrExit, parseConfig, payloadKeyringOf, requireSetting } from './config';
import { connectDatabase } from './db/client';
import { installPostgresWriteGuard } from './db/postgres-write-guard';
import { createLogger } from './observability/logger';
import { installRuntime } from './observability/runtime';
import { requestIdActivityInterceptor } from './observability/temporal-activity-interceptor';
import { FORWARD_CORE_LOGS, sdkLogger } from './observability/temporal-sdk-logger';
import { dataConverterFor } from './temporal/data-converter';
import type { PayloadKey } from './temporal/payload-keys';

export const WORKFLOWS_PATH = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));
/** Carries each message's request id to the workflow's log lines, activities and child workflows. */
export const WORKFLOW_INTERCEPTORS_PATH = fileURLToPath(new URL('./workflows/request-id-interceptors.ts', import.meta.url));

/**
 * Pure domain modules the workflow code uses, loaded ONCE per workflow thread and shared by every
 * run in it (the SDK deep-freezes them), instead of instantiated again for each run: the signing
 * rules with their zod payload checks are most of the bundle, and instantiating them cost each new
 * or re-created run heap and CPU (BENCHMARKS.md, "Open signings (worker memory)"). Nothing in their
 * import graph may hold per-run state, since every run sees the same instance
 * (tests/unit/shared-workflow-modules.test.ts checks this).
 */
export const SHARED_WORKFLOW_MODULES = [
  'domain/signing-machine.ts',
  'domain/notification-event.ts',
  'domain/employment-plan.ts',
  'domain/deadline-policy.ts',
  'domain/beijing-time.ts',
  'domain/status.ts',
].map((file) => fileURLToPath(new URL(`./${file}`, import.meta.url)));

/** Lets the shared (frozen) zod parse: see temporal/zod-shared-loader.cjs. */
function shareableZod(config: WebpackConfiguration): WebpackConfiguration {
  const rule = { test: /[\\/]node_modules[\\/]zod[\\/].*\.js$/, use: [ZOD_SHARED_LOADER] };
  return { ...config, module: { ...config.module, rules: [...(config.module?.rules ?? []), rule] } };
}
const ZOD_SHARED_LOADER = fileURLToPath(new URL('./temporal/zod-shared-loader.cjs', import.meta.url));
type WebpackConfiguration = Parameters<NonNullable<NonNullable<WorkerOptions['bundlerOptions']>['webpackConfigHook']>>[0];

/**
 * The workflow side of every worker: code and workflow interceptors. The replay test
 * (tests/replay) replays recorded histories with exactly these, so keep them in this one constant.
 */
export const WORKFLOW_OPTIONS = {
  workflowsPath: WORKFLOWS_PATH,
  interceptors: { workflowModules: [WORKFLOW_INTERCEPTORS_PATH] },
  bundlerOptions: { preloadModules: SHARED_WORKFLOW_MODULES, webpackConfigHook: shareableZod },
} satisfies Pick<WorkerOptions, 'workflowsPath' | 'interceptors' | 'bundlerOptions'>;

export interface RunningWorker {
  worker: Worker;
  /** Resolves when the worker has stopped (after shutdown() or a fatal error). */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * The workflow code: bundled here at start (WORKFLOW_OPTIONS), or prebuilt with the same
 * interceptors by scripts/bundle-workflows.ts (production images), which skips webpack.
 */
function workflowSource(bundlePath: string | undefined): Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'> & { interceptors: { workflowModules?: string[] } } {
  return bundlePath ? { workflowBundle: { codePath: bundlePath }, interceptors: {} } : WORKFLOW_OPTIONS;
}

/** Creates and starts a worker; tests use this too with their own addresses. */
export async function startWorker(
  config: Pick<Config, 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'> &
    Partial<Pick<Config, 'SMTP_URL' | 'SMTP_FROM' | 'PAYLOAD_KEY_ID' | 'WORKFLOW_BUNDLE_PATH' | 'WORKER_MAX_CACHED_WORKFLOWS'>> & { TEMPORAL_ADDRESS: string; DATABASE_URL: string; PAYLOAD_KEYS: PayloadKey[] },
  shutdownOptions: Pick<WorkerOptions, 'shutdownGraceTime' | 'shutdownForceTime'> = {},
): Promise<RunningWorker> {
  const database = connectDatabase(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    // Encrypts every payload and failure message the worker sends (see temporal/data-converter).
    dataConverter: dataConverterFor(payloadKeyringOf(config)),
    ...workflowSource(config.WORKFLOW_BUNDLE_PATH),
    interceptors: { ...workflowSource(config.WORKFLOW_BUNDLE_PATH).interceptors, activity: [requestIdActivityInterceptor] },
    activities: createActivities({
      db: database.db,
      mail: config.SMTP_URL ? { url: config.SMTP_URL, from: config.SMTP_FROM ?? configSchema.shape.SMTP_FROM.parse(undefined) } : undefined,
    }),
    // Unset (tests): the SDK's default, sized from the heap.
    ...(config.WORKER_MAX_CACHED_WORKFLOWS === undefined ? {} : { maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS }),
    ...shutdownOptions,
  });
  const done = worker.run().finally(async () => {
    await connection.close();
    await database.close();
  });
  return {
    worker,
    done,
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}

const WORKER_SHUTDOWN = { shutdownGraceTime: '20s', shutdownForceTime: '25s' } as const;

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // PostgreSQL going down must not crash the worker through a postgres.js timer (see the guard).
  installPostgresWriteGuard();
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, name: 'worker' });
  // Before any connection: the SDK's, the workflows' and the activities' lines go to the same logger.
  installRuntime({
    logger: sdkLogger(logger),
    logging: FORWARD_CORE_LOGS,
    metricsAddress: config.WORKER_METRICS_ADDRESS === 'off' ? undefined : config.WORKER_METRICS_ADDRESS,
  });
  const running = await startWorker(
    {
      ...config,
      TEMPORAL_ADDRESS: requireSetting(config, 'TEMPORAL_ADDRESS'),
      DATABASE_URL: requireSetting(config, 'DATABASE_URL'),
      PAYLOAD_KEYS: requireSetting(config, 'PAYLOAD_KEYS'),
    },
    // On SIGTERM the SDK stops polling, finishes the workflow tasks in hand and waits for running
    // activities; after the grace time it asks them to cancel, after the force time it gives up
    // (run() rejects, exit 1). Both within compose's stop_grace_period of 30 s.
    WORKER_SHUTDOWN,
  );
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, temporalAddress: config.TEMPORAL_ADDRESS }, 'worker 已启动');
  // The SDK installs SIGINT/SIGTERM handlers that drain the worker; run() then resolves.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => logger.info({ signal }, 'worker 停止轮询，等待进行中的任务完成 (draining)'));
  }
  await running.done;
  logger.info('worker 已停止');
  // Drained and closed; exit explicitly so that no stray handle can keep the process alive.
  process.exit(0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    // main() exits by itself on a bad configuration, so here it parses.
    const config = parseConfig();
    createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, name: 'worker' }).fatal({ err }, 'worker 启动失败 (worker failed)');
    process.exit(1);
  });
}
