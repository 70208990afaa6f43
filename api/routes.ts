/**
 * Every route the app serves, as the feature modules declare them (api/http/define-route.ts), in
 * the order the OpenAPI document lists them. `ROUTES` is derived from these groups and nothing
 * else: the document (api/openapi/document.ts), the method and role guards (api/route-guard.ts),
 * the JSON body check (api/json-body.ts), the fuzzing and the authorization matrix all read it, and
 * createApp refuses to start if it mounts a group not listed here or leaves one unmounted.
 */
import type { RouteGroup } from './http/define-route';
import type { RouteSpec } from './http/route-spec';
import { metricsRoutes } from './metrics';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi/document';
import { openApiRoutes } from './openapi/router';
import { studentAccountRoutes } from './routes/accounts';
import { loginRoutes } from './routes/auth';
import { codecRoutes } from './routes/codec';
import { codeRoutes } from './routes/codes';
import { draftRoutes } from './routes/drafts';
import { employerDeskRoutes } from './routes/employer-desk';
import { employerRegistrationRoutes } from './routes/employer-register';
import { healthRoutes } from './routes/health';
import { meRoutes } from './routes/me';
import { notificationRoutes } from './routes/notifications';
import { schoolDeskRoutes } from './routes/school-desk';
import { sessionRoutes } from './routes/session';
import { signingBatchRoutes } from './routes/signings-batch';
import { signingRoutes } from './routes/signings';
import { studentImportRoutes } from './routes/student-import';
import { templateRoutes } from './routes/templates';
import { versionRoutes } from './routes/versions';
import { webhookRoutes } from './routes/webhooks';

export const ROUTE_GROUPS: readonly RouteGroup<never>[] = [
  healthRoutes,
  metricsRoutes,
  openApiRoutes,
  codecRoutes,
  loginRoutes,
  sessionRoutes,
  employerRegistrationRoutes,
  meRoutes,
  signingRoutes,
  versionRoutes,
  signingBatchRoutes,
  draftRoutes,
  templateRoutes,
  schoolDeskRoutes,
  employerDeskRoutes,
  notificationRoutes,
  webhookRoutes,
  codeRoutes,
  studentImportRoutes,
  studentAccountRoutes,
] as readonly RouteGroup<never>[];

/** Every HTTP operation the app serves, once. */
export const ROUTES: readonly RouteSpec[] = ROUTE_GROUPS.flatMap((group) => group.routes.map((r) => r.spec));

/** The route for a method and an OpenAPI path, if any. */
export function findRoute(method: string, path: string): RouteSpec | undefined {
  return ROUTES.find((r) => r.method === method.toLowerCase() && r.path === path);
}

let cached: OpenApiDocument | undefined;

/** The OpenAPI document of ROUTES, built on first use. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument(ROUTES);
  return cached;
}
