/**
 * createApp: the Express application, built from its dependencies. The server entry and the API
 * tests both use it, so tests exercise exactly what production serves.
 */
import type { Client, Connection } from '@temporalio/client';
import express, { type Express } from 'express';
import type { Database } from '../db/client';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from '../domain/deadline-policy';
import { parseDurationMs } from '../domain/duration';
import { authenticate, createTokenService } from './auth/authenticate';
import { createSessionStore } from './auth/browser-sessions';
import { AppError, type ErrorLogger, errorMiddleware } from './http/errors';
import { idempotency } from './http/idempotency';
import { jsonBody } from './http/json-body';
import { methodGuard, roleGuard } from './http/route-guard';
import { refuseUnstorableText } from './http/storable-text';
import { createLogger } from '../observability/logger';
import { type RequestLineLogger, requestLogging } from '../observability/request-logging';
import { createMetrics } from './metrics';
import { docsAssets } from './openapi/router';
import { portalRouter } from './http/portal';
import { codecMiddleware } from './ops/codec';
import { type RateLimitSettings, loginRateLimit, registrationRateLimit } from './auth/rate-limits';
import type { CodecSettings } from './ops/codec';
import { ROUTE_GROUPS, openApiDocument } from './routes';
import { type RouteGroup, routeMounter } from './http/define-route';
import { codecRoutes } from './ops/codec';
import { codeRoutes } from './codes/routes';
import { draftRoutes } from './drafts/routes';
import { employerDeskRoutes } from './desk/employer-routes';
import { employerRegistrationRoutes } from './auth/employer-registration';
import { healthRoutes } from './ops/health';
import { loginRoutes } from './auth/login-routes';
import { meRoutes } from './me/routes';
import { metricsRoutes } from './metrics';
import { notificationRoutes } from './notifications/inbox-routes';
import { openApiRoutes } from './openapi/router';
import { schoolDeskRoutes } from './desk/school-routes';
import { rescissionDeskRoutes } from './desk/rescission-routes';
import { sessionRoutes } from './auth/session-routes';
import { signingBatchRoutes } from './signings/batch-routes';
import { signingRoutes } from './signings/routes';
import { rescissionRoutes } from './rescissions/routes';
import { readMultipartBodies } from './rescissions/letter';
import { studentAccountRoutes, studentImportRoutes } from './roster/routes';
import { templateRoutes } from './drafts/template-routes';
import { versionRoutes } from './signings/version-routes';
import { webhookRoutes } from './notifications/webhook-routes';

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
  /** Whether the worker sends e-mail (SMTP_URL set; default false): the submission's notice, written here, queues e-mails only then. */
  emailEnabled?: boolean;
  /** 解约 approved per student at most where the school set no limit (default 1, docs/design.md §11). */
  rescissionLimit?: number;
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
  /** The built portal (web/dist), served at / with its history fallback (api/http/portal.ts); nothing extra without it. */
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
  const temporal = {
    client: deps.temporal,
    taskQueue: deps.taskQueue,
    deadlinePolicy: deps.deadlinePolicy ?? DEFAULT_DEADLINE_POLICY,
    emailEnabled: deps.emailEnabled ?? false,
  };
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
  const { mount, unmounted } = routeMounter(ROUTE_GROUPS);
  // First, so the histogram times everything, body parsing included.
  app.use(metrics.middleware);
  // Before everything that can answer or fail: every response carries an X-Request-Id.
  app.use(requestLogging(logger));
  // A method the path does not have is 405, an unknown /api path 404: before any authentication.
  app.use(methodGuard());
  // Before the JSON parser: the codec authenticates first, then parses its own larger bodies.
  if (deps.codec) {
    const codecDeps = { db, tokens, settings: deps.codec };
    app.use('/codec', ...codecMiddleware(codecDeps), mount(codecRoutes, codecDeps, '/codec'));
  }
  // JSON bodies: 256 KB, UTF-8, 64 levels deep; a body in another media type only where the route declares one.
  app.use(jsonBody());
  // No handler (nor workflow behind it) sees text PostgreSQL cannot store: NUL, controls, bidi
  // overrides. Here for the routes anyone may call; after authentication for the others.
  app.use(refuseUnstorableText({ beforeAuthentication: true }));

  app.use(mount(healthRoutes, { sql, connection: deps.connection, isDraining: deps.isDraining }));
  app.use(mount(metricsRoutes, { handler: metrics.handler }));
  // GET /openapi.json and GET /docs (offline Swagger UI), with Swagger UI's assets.
  app.use(mount(openApiRoutes, { document: openApiDocument }));
  app.use(...docsAssets());
  // One counter of failed logins for both ways of signing in (token and browser session).
  const loginLimiter = loginRateLimit(deps.loginRateLimit);
  // Each group is mounted at the prefix its paths share: the metrics' and logs' route label is that
  // mount path plus the route's own part (observability/http-route.ts), e.g. `/api/signings/`.
  app.use('/api/auth', mount(loginRoutes, { db, tokens, loginLimiter }, '/api/auth'), mount(sessionRoutes, { db, sessions, loginLimiter }, '/api/auth'));
  // Open code lists for the portal's forms (no login, cached by browsers).
  app.use('/api/codes', mount(codeRoutes, undefined, '/api/codes'));
  app.use('/api/employers', mount(employerRegistrationRoutes, { db, registrationLimiter: registrationRateLimit(deps.registrationRateLimit) }, '/api/employers'));
  // Outside the Idempotency-Key middleware: these responses carry initial passwords, which it would store.
  app.use('/api/school/students', auth, roleGuard(), refuseUnstorableText(), mount(studentImportRoutes, { db }, '/api/school/students'), mount(studentAccountRoutes, { db }, '/api/school/students'));

  const api = express.Router();
  api.use(auth);
  // Authorization before the Idempotency-Key is looked at: a student's key on a school action is 403, not 409.
  api.use(roleGuard());
  api.use(refuseUnstorableText());
  // A multipart body (the 解约 request with its letter) is read here, so the Idempotency-Key's
  // fingerprint covers it.
  api.use(readMultipartBodies());
  api.use(idempotency(db));
  const signingDeps = { db, temporal };
  const under = <D>(prefix: string, group: RouteGroup<D>, groupDeps: D) => api.use(prefix, mount(group, groupDeps, `/api${prefix}`));
  under('/me', meRoutes, { db });
  under('/me/notifications', notificationRoutes, { db });
  // The school's batch actions (/signings/school-confirm, /signings/school-return) before /signings/:id/….
  under('/signings', signingBatchRoutes, { ...signingDeps, logger });
  under('/signings', signingRoutes, signingDeps);
  const rescissionDeps = { ...signingDeps, rescissionLimit: deps.rescissionLimit ?? 1 };
  under('/signings', rescissionRoutes, rescissionDeps);
  // The employer's agreement draft (…/agreement/draft) and the sent versions with their changes.
  under('/signings', draftRoutes, { db });
  under('/signings', versionRoutes, { db });
  under('/school/signings', schoolDeskRoutes, { db });
  under('/school/rescissions', rescissionDeskRoutes, { ...rescissionDeps, logger });
  under('/employer/signings', employerDeskRoutes, { db });
  under('/employer/templates', templateRoutes, { db });
  under('/webhooks', webhookRoutes, { db });
  app.use('/api', api);
  const missing = unmounted().filter((name) => name !== codecRoutes.name || deps.codec);
  if (missing.length) throw new Error(`createApp: route groups declared in api/routes.ts but not mounted: ${missing.join(', ')}`);
  // After every API and docs route, so the portal never shadows one.
  if (deps.webRoot !== undefined) app.use(portalRouter(deps.webRoot));

  app.use((req, _res, next) => next(new AppError('NOT_FOUND', `接口不存在：${req.method} ${req.path}`)));
  app.use(errorMiddleware(logger));
  return app;
}
