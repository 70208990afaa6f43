/**
 * createApp: the Express application, built from its dependencies. The server entry and the API
 * tests both use it, so tests exercise exactly what production serves.
 */
import type { Client, Connection } from '@temporalio/client';
import express, { type Express } from 'express';
import type { Database } from '../db/client';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from '../domain/deadline-policy';
import { parseDurationMs } from '../domain/duration';
import { authenticate, createTokenService } from './auth';
import { createSessionStore } from './browser-sessions';
import { AppError, type ErrorLogger, errorMiddleware } from './errors';
import { idempotency } from './idempotency';
import { jsonBody } from './json-body';
import { methodGuard, roleGuard } from './route-guard';
import { refuseUnstorableText } from './storable-text';
import { createLogger } from '../observability/logger';
import { type RequestLineLogger, requestLogging } from '../observability/request-logging';
import { createMetrics } from './metrics';
import { openApiRouter } from './openapi/router';
import { portalRouter } from './portal';
import { type RateLimitSettings, loginRateLimit, registrationRateLimit, studentAccountsRouter } from './routes/accounts';
import { agreementDocumentRouter } from './routes/agreement-document';
import { authRouter } from './routes/auth';
import { type CodecSettings, codecRouter } from './routes/codec';
import { codesRouter } from './routes/codes';
import { draftsRouter } from './routes/drafts';
import { employerRegisterRouter } from './routes/employer-register';
import { employerDeskRouter } from './routes/employer-desk';
import { healthRouter } from './routes/health';
import { meRouter } from './routes/me';
import { notificationsRouter } from './routes/notifications';
import { schoolDeskRouter } from './routes/school-desk';
import { sessionRouter } from './routes/session';
import { signingsBatchRouter } from './routes/signings-batch';
import { signingsRouter } from './routes/signings';
import { studentImportRouter } from './routes/student-import';
import { templatesRouter } from './routes/templates';
import { versionsRouter } from './routes/versions';
import { webhooksRouter } from './routes/webhooks';

export interface AppDeps {
  database: Database;
  temporal: Client;
  /** The client's connection, for the readiness probe. */
  connection: Connection;
  taskQueue: string;
  jwtSecret: string;
  jwtTtl?: string;
  /** How long a browser session (the portal's cookie) lasts from its login, e.g. `12h` (default: 12h, as jwtTtl). */
  sessionTtl?: string;
  /** Deadline policy for new signings (default: 3/3/1/14 days, docs/design.md §3). */
  deadlinePolicy?: DeadlinePolicy;
  /** Failed logins per client IP and username (default 10 per 15 minutes). */
  loginRateLimit?: RateLimitSettings;
  /** Employer self-registrations per client IP (default 20 per hour). */
  registrationRateLimit?: RateLimitSettings;
  /**
   * A logger from observability/logger.ts: one line per request and the errors, each with its
   * requestId. A bare error sink (`{ error }`) gets the errors only. Default: JSON on stdout.
   */
  logger?: RequestLineLogger | ErrorLogger;
  /** A worker's Temporal SDK metrics URL to append to GET /metrics (the embedded launcher sets it). */
  workerMetricsUrl?: string | undefined;
  /** True once shutdown began: /readyz answers 503 so load balancers stop sending. */
  isDraining?: () => boolean;
  /** How long one database read of the business metrics serves /metrics (default 30 s; tests: 0). */
  metricsMaxAgeMs?: number;
  /** The codec endpoint for the Temporal UI (/codec/encode, /codec/decode); not mounted without it. */
  codec?: CodecSettings;
  /** The built portal (web/dist), served at / with its history fallback (api/portal.ts); nothing extra without it. */
  webRoot?: string;
}

/** A session lifetime such as `12h` in ms; a bad one stops createApp (config.ts checks SESSION_TTL at boot). */
function sessionTtlMs(text: string): number {
  const ms = parseDurationMs(text);
  if (ms === undefined || ms < 1000) throw new Error(`createApp: sessionTtl "${text}" is not a duration of at least 1 s (e.g. 12h, 30m)`);
  return ms;
}

export function createApp(deps: AppDeps): Express {
  const { db, sql } = deps.database;
  const tokens = createTokenService(deps.jwtSecret, deps.jwtTtl ?? '12h');
  const sessions = createSessionStore(db, sessionTtlMs(deps.sessionTtl ?? '12h'));
  const auth = authenticate({ tokens, sessions });
  const temporal = { client: deps.temporal, taskQueue: deps.taskQueue, deadlinePolicy: deps.deadlinePolicy ?? DEFAULT_DEADLINE_POLICY };
  const logger = deps.logger ?? createLogger({ level: 'info', name: 'api' });
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const metrics = createMetrics({
    sql,
    workerMetricsUrl: deps.workerMetricsUrl,
    businessMaxAgeMs: deps.metricsMaxAgeMs,
    onError: (err, msg) => (deps.logger ? deps.logger.error({ err }, msg) : console.error(msg, err)),
  });
  // First, so the histogram times everything, body parsing included.
  app.use(metrics.middleware);
  // Before everything that can answer or fail: every response carries an X-Request-Id.
  app.use(requestLogging(logger));
  // A method the path does not have is 405, an unknown /api path 404: before any authentication.
  app.use(methodGuard());
  // Before the JSON parser: the codec authenticates first, then parses its own larger bodies.
  if (deps.codec) app.use('/codec', codecRouter({ db, tokens, settings: deps.codec }));
  // JSON bodies: 256 KB, UTF-8, 64 levels deep; a body in another media type only where the route table declares one.
  app.use(jsonBody());
  // No handler (nor workflow behind it) sees text PostgreSQL cannot store: NUL, controls, bidi
  // overrides. Here for the routes anyone may call; after authentication for the others.
  app.use(refuseUnstorableText({ beforeAuthentication: true }));

  app.use(healthRouter({ sql, connection: deps.connection, isDraining: deps.isDraining }));
  app.get('/metrics', metrics.handler);
  // GET /openapi.json and GET /docs (offline Swagger UI); every route is listed in api/openapi/routes.ts.
  app.use(openApiRouter());
  // One counter of failed logins for both ways of signing in (token and browser session).
  const loginLimiter = loginRateLimit(deps.loginRateLimit);
  app.use('/api/auth/login', loginLimiter);
  app.use('/api/auth', authRouter({ db, tokens }), sessionRouter({ db, sessions, loginLimiter }));
  // Open code lists for the portal's forms (no login, cached by browsers).
  app.use('/api/codes', codesRouter());
  app.use('/api/employers/register', registrationRateLimit(deps.registrationRateLimit));
  app.use('/api/employers', employerRegisterRouter({ db }));
  // Outside the Idempotency-Key middleware: these responses carry initial passwords, which it would store.
  app.use('/api/school/students', auth, roleGuard(), refuseUnstorableText(), studentImportRouter({ db }), studentAccountsRouter({ db }));

  const api = express.Router();
  api.use(auth);
  // Authorization before the Idempotency-Key is looked at: a student's key on a school action is 403, not 409.
  api.use(roleGuard());
  api.use(refuseUnstorableText());
  api.use(idempotency(db));
  api.use('/me', meRouter({ db }));
  api.use('/me/notifications', notificationsRouter({ db }));
  // The school's batch actions (/signings/school-confirm, /signings/school-return) before /signings/:id/….
  api.use('/signings', signingsBatchRouter({ db, temporal, logger }));
  // ?format=html of GET /signings/:id/agreement (the printable 就业协议书); JSON passes on.
  api.use('/signings', agreementDocumentRouter({ db }));
  api.use('/signings', signingsRouter({ db, temporal }));
  // The employer's agreement draft (…/agreement/draft) and the sent versions with their changes.
  api.use('/signings', draftsRouter({ db }));
  api.use('/signings', versionsRouter({ db }));
  api.use('/school/signings', schoolDeskRouter({ db }));
  api.use('/employer/signings', employerDeskRouter({ db }));
  api.use('/employer/templates', templatesRouter({ db }));
  api.use('/webhooks', webhooksRouter({ db }));
  app.use('/api', api);
  // After every API and docs route, so the portal never shadows one.
  if (deps.webRoot !== undefined) app.use(portalRouter(deps.webRoot));

  app.use((req, _res, next) => next(new AppError('NOT_FOUND', `接口不存在：${req.method} ${req.path}`)));
  app.use(errorMiddleware(logger));
  return app;
}
