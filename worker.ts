/**
 * The worker process: config → connections → workflows + activities on the signing task queue.
 * Production runs it alone (`npm run worker`); the embedded launcher starts it as a child.
 */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from './activities';
import { type Config, configSchema, loadConfigOrExit, parseConfig, requireSetting } from './config';
import { connectDatabase } from './db/client';
import { createLogger } from './observability/logger';
import { installRuntime } from './observability/runtime';
import { requestIdActivityInterceptor } from './observability/temporal-activity-interceptor';
import { FORWARD_CORE_LOGS, sdkLogger } from './observability/temporal-sdk-logger';

export const WORKFLOWS_PATH = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));
/** Carries each message's request id to the workflow's log lines, activities and child workflows. */
export const WORKFLOW_INTERCEPTORS_PATH = fileURLToPath(new URL('./workflows/request-id-interceptors.ts', import.meta.url));

/**
 * The workflow side of every worker: code and workflow interceptors. The replay test
 * (tests/replay) replays recorded histories with exactly these, so keep them in this one constant.
 */
export const WORKFLOW_OPTIONS = {
  workflowsPath: WORKFLOWS_PATH,
  interceptors: { workflowModules: [WORKFLOW_INTERCEPTORS_PATH] },
} satisfies Pick<WorkerOptions, 'workflowsPath' | 'interceptors'>;

export interface RunningWorker {
  worker: Worker;
  /** Resolves when the worker has stopped (after shutdown() or a fatal error). */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/** Creates and starts a worker; tests use this too with their own addresses. */
export async function startWorker(
  config: Pick<Config, 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'> &
    Partial<Pick<Config, 'SMTP_URL' | 'SMTP_FROM'>> & { TEMPORAL_ADDRESS: string; DATABASE_URL: string },
): Promise<RunningWorker> {
  const database = connectDatabase(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...WORKFLOW_OPTIONS,
    interceptors: { ...WORKFLOW_OPTIONS.interceptors, activity: [requestIdActivityInterceptor] },
    activities: createActivities({
      db: database.db,
      mail: config.SMTP_URL ? { url: config.SMTP_URL, from: config.SMTP_FROM ?? configSchema.shape.SMTP_FROM.parse(undefined) } : undefined,
    }),
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

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, name: 'worker' });
  // Before any connection: the SDK's, the workflows' and the activities' lines go to the same logger.
  installRuntime({ logger: sdkLogger(logger), logging: FORWARD_CORE_LOGS });
  const running = await startWorker({
    ...config,
    TEMPORAL_ADDRESS: requireSetting(config, 'TEMPORAL_ADDRESS'),
    DATABASE_URL: requireSetting(config, 'DATABASE_URL'),
  });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, temporalAddress: config.TEMPORAL_ADDRESS }, 'worker 已启动');
  // The SDK installs SIGINT/SIGTERM handlers that drain the worker; run() then resolves.
  await running.done;
  logger.info('worker 已停止');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    // main() exits by itself on a bad configuration, so here it parses.
    const config = parseConfig();
    createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, name: 'worker' }).fatal({ err }, 'worker 启动失败 (worker failed)');
    process.exit(1);
  });
}
