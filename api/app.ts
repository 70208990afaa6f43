/**
 * createApp: the Express application, built from its dependencies. The server entry and the API
 * tests both use it, so tests exercise exactly what production serves.
 */
import type { Client, Connection } from '@temporalio/client';
import express, { type Express } from 'express';
import type { Database } from '../db/client';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from '../domain/deadline-policy';
import { authenticate, createTokenService } from './auth';
import { AppError, type ErrorLogger, errorMiddleware } from './errors';
import { idempotency } from './idempotency';
import { authRouter } from './routes/auth';
import { healthRouter } from './routes/health';
import { meRouter } from './routes/me';
import { notificationsRouter } from './routes/notifications';
import { signingsRouter } from './routes/signings';
import { webhooksRouter } from './routes/webhooks';

export interface AppDeps {
  database: Database;
  temporal: Client;
  /** The client's connection, for the readiness probe. */
  connection: Connection;
  taskQueue: string;
  jwtSecret: string;
  jwtTtl?: string;
  /** Deadline policy for new signings (default: DESIGN's 3/3/1/14 days). */
  deadlinePolicy?: DeadlinePolicy;
  logger?: ErrorLogger;
}

export function createApp(deps: AppDeps): Express {
  const { db, sql } = deps.database;
  const tokens = createTokenService(deps.jwtSecret, deps.jwtTtl ?? '12h');
  const temporal = { client: deps.temporal, taskQueue: deps.taskQueue, deadlinePolicy: deps.deadlinePolicy ?? DEFAULT_DEADLINE_POLICY };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '256kb' }));

  app.use(healthRouter({ sql, connection: deps.connection }));
  app.use('/api/auth', authRouter({ db, tokens }));

  const api = express.Router();
  api.use(authenticate(tokens));
  api.use(idempotency(db));
  api.use('/me', meRouter({ db }));
  api.use('/me/notifications', notificationsRouter({ db }));
  api.use('/signings', signingsRouter({ db, temporal }));
  api.use('/webhooks', webhooksRouter({ db }));
  app.use('/api', api);

  app.use((req, _res, next) => next(new AppError('NOT_FOUND', `接口不存在：${req.method} ${req.path}`)));
  app.use(errorMiddleware(deps.logger ?? { error: (obj, msg) => console.error(msg, obj) }));
  return app;
}
