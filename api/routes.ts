/**
 * Every route the app serves, as the feature modules declare them (api/http/define-route.ts), in
 * the order the OpenAPI document lists them. `ROUTES` is derived from these groups and nothing
 * else: the document (api/openapi/document.ts), the method and role guards (api/http/route-guard.ts),
 * the JSON body check (api/http/json-body.ts), the fuzzing and the authorization matrix all read it, and
 * createApp refuses to start if it mounts a group not listed here or leaves one unmounted.
 */
import type { RouteGroup } from './http/define-route';
import type { RouteSpec } from './http/route-spec';
import { metricsRoutes } from './metrics';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi/document';
import { openApiRoutes } from './openapi/router';
import { studentAccountRoutes, studentImportRoutes } from './roster/routes';
import { loginRoutes } from './auth/login-routes';
import { codecRoutes } from './ops/codec';
import { codeRoutes } from './codes/routes';
import { draftRoutes } from './drafts/routes';
import { employerDeskRoutes } from './desk/employer-routes';
import { employerRegistrationRoutes } from './auth/employer-registration';
import { healthRoutes } from './ops/health';
import { meRoutes } from './me/routes';
import { notificationRoutes } from './notifications/inbox-routes';
import { schoolDeskRoutes } from './desk/school-routes';
import { rescissionDeskRoutes } from './desk/rescission-routes';
import { sessionRoutes } from './auth/session-routes';
import { signingBatchRoutes } from './signings/batch-routes';
import { signingRoutes } from './signings/routes';
import { rescissionRoutes } from './rescissions/routes';
import { templateRoutes } from './drafts/template-routes';
import { versionRoutes } from './signings/version-routes';
import { webhookRoutes } from './notifications/webhook-routes';

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
  rescissionRoutes,
  versionRoutes,
  signingBatchRoutes,
  draftRoutes,
  templateRoutes,
  schoolDeskRoutes,
  rescissionDeskRoutes,
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
