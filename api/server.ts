/**
 * The API process: config → database + Temporal client → createApp → listen. Production runs it
 * alone (`npm run api`); the embedded launcher starts it as a child.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { codecCorsOriginsOf, deadlinePolicyOf, loadConfigOrExit, parseConfig, payloadKeyringOf, requireSetting } from '../config';
import { connectDatabase } from '../db/client';
import { installPostgresWriteGuard } from '../db/postgres-write-guard';
import { createDataConverter } from '../temporal/data-converter';
import { AesGcmPayloadCodec } from '../temporal/payload-codec';
import { createLogger } from '../observability/logger';
import { clientInterceptors } from '../observability/temporal-client-interceptor';
import { createApp } from './app';
import { createDrainState, installGracefulShutdown } from './http/graceful-shutdown';

/** The portal's build (`npm run build:web`), next to this repository's api/ folder. */
const WEB_ROOT = path.resolve(fileURLToPath(new URL('../web/dist', import.meta.url)));

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // PostgreSQL going down must not crash the API through a postgres.js timer (see the guard).
  installPostgresWriteGuard();
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, name: 'api' });
  const database = connectDatabase(requireSetting(config, 'DATABASE_URL'));
  const connection = await Connection.connect({ address: requireSetting(config, 'TEMPORAL_ADDRESS') });
  // The same payload codec as the worker: encrypts what the API sends, and serves the UI's /codec.
  const payloadCodec = new AesGcmPayloadCodec(payloadKeyringOf({ ...config, PAYLOAD_KEYS: requireSetting(config, 'PAYLOAD_KEYS') }));
  const client = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    // Each request's id goes on the workflow messages it sends.
    interceptors: clientInterceptors(),
    dataConverter: createDataConverter(payloadCodec),
  });
  const drain = createDrainState();
  const app = createApp({
    database,
    temporal: client,
    connection,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    jwtSecret: requireSetting(config, 'JWT_SECRET'),
    jwtTtl: config.JWT_TTL,
    sessionTtl: config.SESSION_TTL,
    deadlinePolicy: deadlinePolicyOf(config),
    emailEnabled: config.SMTP_URL !== undefined,
    rescissionLimit: config.RESCISSION_LIMIT_PER_STUDENT,
    codec: { codec: payloadCodec, uiOrigins: codecCorsOriginsOf(config), namespace: config.TEMPORAL_NAMESPACE },
    logger,
    workerMetricsUrl: config.WORKER_METRICS_URL,
    isDraining: () => drain.draining,
    webRoot: WEB_ROOT,
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info({ url: `http://${config.HOST}:${config.PORT}` }, 'API 已启动');
  });

  installGracefulShutdown({
    server,
    drain,
    logger,
    closeResources: () => Promise.allSettled([database.close(), connection.close()]),
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    // main() exits by itself on a bad configuration, so here it parses.
    const config = parseConfig();
    createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, name: 'api' }).fatal({ err }, 'API 启动失败 (API failed to start)');
    process.exit(1);
  });
}
