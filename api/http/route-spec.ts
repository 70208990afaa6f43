/**
 * What a route declares about itself: `RouteSpec` (method, path, roles, params/query/body
 * schemas, responses, body kind) and `route()`, which fills in what follows from it (the error
 * codes it can answer, Idempotency-Key, security). Each route is declared once, beside its handler,
 * with `defineRoute` (api/http/define-route.ts); api/routes.ts collects them into `ROUTES`, from
 * which the OpenAPI document, the method/role guards, the fuzzing and the authorization matrix
 * are all derived.
 *
 * For suites that generate requests from `ROUTES`:
 * - `routeKey(r)` = `"GET /api/signings/{id}"` (unique).
 * - `roles`: `'anyone'` (no token needed) or the roles a handler lets through. A signed-in caller
 *   of another role gets 403 (an operator's token on the party API too); without a token 401.
 * - `owns`: the path parameter naming a resource that belongs to a party (a signing, a template…).
 *   Another party's resource, and a malformed id, answer 404 (existence is not revealed); path
 *   parameters never answer 400.
 * - `action`: the signing workflow action a route performs; whether it is accepted in a status is
 *   `isAllowed(action, status, role)` from domain/status (otherwise 409 CONFLICT).
 * - `rescissionAction`: the 解约 step a route takes on the signing's request (`request`, or an
 *   action of domain/rescission.ts); whether it fits is `mayRequestRescission` for a request and
 *   `allowedRescissionActions` of the open request's state for an answer (otherwise 409).
 * - `schemas.params|query|body`: zod schemas; `requestJsonSchemas(route)` gives JSON Schema for
 *   generators. `requestContentType` says how the body is sent; `bodyOptional` that it may be absent.
 * - `fillPath(route, params)` turns the OpenAPI path into a URL; `expressPath(route)` into
 *   Express's `:param` form.
 * - `errors`: every error code the route answers for a client's mistake (api/http/errors.ts maps codes
 *   to statuses; `errorStatuses(route)` does it here). No route answers 5xx to a client mistake.
 */
import { ACCOUNT_ROLES, type AccountRole } from '../../domain/account-role';
import type { RescissionAction } from '../../domain/rescission';
import { PARTIES, type PartyAction } from '../../domain/status';
import { z } from '../../domain/zod';
import { ERROR_STATUS, type ErrorCode } from './errors';
import { jsonObjectSchema } from '../openapi/responses';

/** Every account role: the three parties and `operator` (domain/account-role). */
export const ROLES = ACCOUNT_ROLES;
export type Role = AccountRole;
/** `'anyone'`: no authentication. Otherwise the roles the handler serves. */
export type Access = 'anyone' | readonly Role[];

/** The three parties of a signing: routes that only need a signed-in party (callerOf). */
export const ANY_PARTY: readonly Role[] = PARTIES;

export const HTTP_METHODS = ['get', 'post', 'put', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type ResponseFormat = 'json' | 'csv' | 'html' | 'pdf' | 'text' | 'png' | 'jpeg';
export const CONTENT_TYPES: Record<ResponseFormat, string> = {
  json: 'application/json',
  text: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** What a path parameter names; someone else's, or a malformed id, is 404. */
export type OwnedResource = 'signing' | 'template' | 'webhook' | 'notification' | 'student';

export const TAGS = {
  ops: '运维',
  auth: '登录与账号',
  signings: '网上签约',
  drafts: '协议草稿与模板',
  desks: '工作台',
  notifications: '通知与 Webhook',
  school: '学校管理',
  codes: '代码表',
  codec: 'Temporal 编解码',
} as const;
export type Tag = (typeof TAGS)[keyof typeof TAGS];

export interface SuccessResponse {
  status: 200 | 201 | 204;
  description: string;
  /** The representations the route answers with (query `format` picks one where several). */
  formats: readonly ResponseFormat[];
  /** JSON shape (documentation; the handlers' presenters build the bodies). */
  schema?: z.ZodType;
}

export interface RouteSpec {
  /** Unique, stable; the OpenAPI operationId. */
  operationId: string;
  method: HttpMethod;
  /** OpenAPI form: `/api/signings/{id}`. */
  path: string;
  tag: Tag;
  summary: string;
  description?: string;
  roles: Access;
  schemas: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    body?: z.ZodType;
  };
  /** How the body is sent (default JSON). */
  requestContentType: 'application/json' | 'text/csv';
  /**
   * The body may also come as `multipart/form-data` (with a file), in this shape: the route parses
   * it itself (api/rescissions/letter.ts); the JSON body check lets it through.
   */
  multipartBody?: z.ZodType;
  /** The body may be absent (an empty-bodied action). */
  bodyOptional: boolean;
  success: readonly SuccessResponse[];
  /** Every error code the route answers to a client's mistake (sorted by status). */
  errors: readonly ErrorCode[];
  /**
   * Whether `Idempotency-Key` is honoured (POSTs behind the idempotency middleware), and how a
   * concurrent copy is kept from acting twice (api/http/idempotency.ts): `record` for a party
   * action (one Temporal Update, deduplicated by its id) and the submission (which records its
   * answer in its own transaction), `reserve` for the rest.
   */
  idempotencyKey: false | IdempotencyMode;
  owns?: { param: string; resource: OwnedResource };
  action?: PartyAction;
  /** The 解约 step the route takes (see above). */
  rescissionAction?: 'request' | RescissionAction;
  /**
   * The body's sections read a blank string as "not filled in" (domain/agreement-draft's
   * `blanksAsUnset`: a half-filled form saves as it stands); the document says so field by field.
   */
  blanksAsUnset?: boolean;
  /** Requests are counted by a rate limiter (failed logins, registrations, failed codec credentials); past the limit: 429. */
  rateLimited?: 'login' | 'registration' | 'codec-auth';
  /**
   * How a caller authenticates, any one of these (empty for `'anyone'`): `bearerAuth` is the token
   * of `POST /api/auth/login`; `cookieAuth` the portal's session cookie of `POST /api/auth/session`
   * (every party route; its writes must come from the same origin, api/http/csrf.ts); `basicAuth` (the
   * codec endpoint only) an operator's username and password.
   */
  security: readonly SecurityScheme[];
}

export type SecurityScheme = 'bearerAuth' | 'cookieAuth' | 'basicAuth';

/** How a keyed POST keeps a concurrent copy from acting twice (api/http/idempotency.ts). */
export type IdempotencyMode = 'reserve' | 'record';

export type RouteInput = Omit<RouteSpec, 'errors' | 'requestContentType' | 'bodyOptional' | 'idempotencyKey' | 'security'> & {
  security?: readonly SecurityScheme[];
  /** Codes besides those implied (401 signed-in, 403 not every role, 400 input, 404 owns, 413 JSON body). */
  errors?: readonly ErrorCode[];
  requestContentType?: RouteSpec['requestContentType'];
  bodyOptional?: boolean;
  idempotencyKey?: false | IdempotencyMode;
};

/** The path and the error codes that follow from the route's access and inputs. */
export function route(input: RouteInput): RouteSpec {
  const underApi = input.path.startsWith('/api/');
  // The idempotency middleware covers the bearer-authenticated /api router (api/app.ts); the
  // roster import and the password reset are mounted outside it on purpose.
  const keyed = input.method === 'post' && underApi && input.roles !== 'anyone' && !input.path.startsWith('/api/school/students');
  const oneUpdate = input.action !== undefined || (input.rescissionAction !== undefined && input.rescissionAction !== 'request');
  const idempotencyKey = input.idempotencyKey ?? (keyed ? (oneUpdate ? 'record' : 'reserve') : false);
  const codes = new Set<ErrorCode>(input.errors ?? []);
  if (input.roles !== 'anyone') {
    codes.add('UNAUTHENTICATED');
    // Operators' tokens are refused by the party API (api/auth/authenticate.ts), parties' by the codec endpoint.
    if (!ROLES.every((role) => input.roles.includes(role))) codes.add('FORBIDDEN');
  }
  if (input.schemas.body || input.schemas.query) codes.add('VALIDATION_FAILED');
  if (input.owns) codes.add('NOT_FOUND');
  const requestContentType = input.requestContentType ?? 'application/json';
  // Any body may be sent, so every body-taking operation can meet a too-large or wrongly typed one (api/http/json-body.ts).
  if (input.schemas.body && requestContentType === 'application/json') {
    codes.add('PAYLOAD_TOO_LARGE');
    codes.add('UNSUPPORTED_MEDIA_TYPE');
  }
  // api/http/idempotency.ts: a malformed key is 400, a key reused for another request or still in progress 409.
  if (idempotencyKey) {
    codes.add('VALIDATION_FAILED');
    codes.add('CONFLICT');
  }
  if (input.rateLimited) codes.add('TOO_MANY_REQUESTS');
  const errors = [...codes].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b]);
  return {
    ...input,
    requestContentType,
    bodyOptional: input.bodyOptional ?? false,
    // A party's routes take the Bearer token and the portal's session cookie alike (api/auth/authenticate.ts).
    security: input.security ?? (input.roles === 'anyone' ? [] : ['bearerAuth', 'cookieAuth']),
    idempotencyKey,
    errors,
  };
}


/** A JSON success response. */
export const json = (status: SuccessResponse['status'], description: string, schema: z.ZodType = jsonObjectSchema): SuccessResponse => ({
  status,
  description,
  formats: ['json'],
  schema,
});

/** A 204 success response. */
export const noContent = (description: string): SuccessResponse => ({ status: 204, description, formats: [] });

/** `"GET /api/signings/{id}"`. */
export function routeKey(r: Pick<RouteSpec, 'method' | 'path'>): string {
  return `${r.method.toUpperCase()} ${r.path}`;
}

/** `/api/signings/{id}` → `/api/signings/:id`. */
export function expressPath(r: Pick<RouteSpec, 'path'>): string {
  return r.path.replace(/\{([^}]+)\}/g, ':$1');
}

/** The path parameters' names, in order. */
export function pathParamNames(r: Pick<RouteSpec, 'path'>): string[] {
  return [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/**
 * The URL path with `params` filled in (each value percent-encoded, so any string, however hostile,
 * stays one path segment). Throws when one is missing.
 */
export function fillPath(r: Pick<RouteSpec, 'path'>, params: Record<string, string | number>): string {
  return r.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`fillPath ${r.path}: missing path parameter "${name}"`);
    return encodeURIComponent(String(value));
  });
}

/** The HTTP statuses of `errors`. */
export function errorStatuses(r: Pick<RouteSpec, 'errors'>): number[] {
  return [...new Set(r.errors.map((code) => ERROR_STATUS[code]))];
}

/** The roles allowed, spelled out (`'anyone'` → every role). */
export function allowedRoles(r: Pick<RouteSpec, 'roles'>): readonly Role[] {
  return r.roles === 'anyone' ? ROLES : r.roles;
}

/** JSON Schemas (draft 2020-12, input side) of a route's params, query and body, for generators. */
export function requestJsonSchemas(r: RouteSpec): { params?: object; query?: object; body?: object } {
  const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return {
    ...(r.schemas.params ? { params: toJson(r.schemas.params) } : {}),
    ...(r.schemas.query ? { query: toJson(r.schemas.query) } : {}),
    ...(r.schemas.body ? { body: toJson(r.schemas.body) } : {}),
  };
}

