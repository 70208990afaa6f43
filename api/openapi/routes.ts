/**
 * THE route table: every HTTP operation the app serves, once. The OpenAPI document
 * (api/openapi/document.ts) is generated from it, a test checks it against the routes actually
 * mounted in createApp (both ways), and the fuzzing and authorization-matrix suites iterate it, so
 * a route added to the app and forgotten here fails CI.
 *
 * Request schemas are the very zod objects the handlers validate with (imported from domain/ and
 * from the route modules), never copies.
 *
 * For suites that generate requests from this table:
 * - `ROUTES`: `RouteSpec[]`; `routeKey(r)` = `"GET /api/signings/{id}"` (unique).
 * - `roles`: `'anyone'` (no token needed) or the roles a handler lets through. A signed-in caller
 *   of another role gets 403 (an operator's token on the party API too); without a token 401.
 * - `owns`: the path parameter naming a resource that belongs to a party (a signing, a template…).
 *   Another party's resource, and a malformed id, answer 404 (existence is not revealed); path
 *   parameters never answer 400.
 * - `action`: the signing workflow action a route performs; whether it is accepted in a status is
 *   `isAllowed(action, status, role)` from domain/status (otherwise 409 CONFLICT).
 * - `schemas.params|query|body`: zod schemas; `z.toJSONSchema(schema, { io: 'input' })` or
 *   `requestJsonSchemas(route)` gives JSON Schema for generators. `requestContentType` says how the
 *   body is sent; `bodyOptional` that it may be absent.
 * - `fillPath(route, params)` turns the OpenAPI path into a URL; `expressPath(route)` into
 *   Express's `:param` form.
 * - `errors`: every error code the route answers for a client's mistake (api/errors.ts maps codes
 *   to statuses; `errorStatuses(route)` does it here). No route answers 5xx to a client mistake.
 */
import { templateCreateSchema, templateUpdateSchema, draftPatchSchema } from '../../domain/agreement-draft';
import {
  applicationSchema,
  archiveSchema,
  employerSignSchema,
  examineeNoSchema,
  loginSchema,
  reasonSchema,
  studentConfirmSchema,
} from '../../domain/schemas';
import { webhookEndpointSchema } from '../../domain/schemas/webhook';
import { ACCOUNT_ROLES, type AccountRole } from '../../domain/account-role';
import { PARTIES, type PartyAction, partiesFor } from '../../domain/status';
import { z } from '../../domain/zod';
import { employerDeskQuerySchema, schoolDeskQuerySchema } from '../desk-params';
import { useDraftSchema } from '../drafts';
import { ERROR_STATUS, type ErrorCode } from '../errors';
import { documentQuerySchema } from '../routes/agreement-document';
import { employerRegistrationSchema } from '../routes/employer-register';
import { passwordChangeSchema } from '../routes/me';
import { inboxQuerySchema } from '../routes/notifications';
import { fromTemplateSchema } from '../routes/drafts';
import { schoolConfirmBatchSchema, schoolReturnBatchSchema } from '../routes/signings-batch';
import { agreementQuerySchema, listQuerySchema } from '../routes/signings';
import { codecBodySchema } from '../routes/codec';
import { emptyBodySchema, uuidParamSchema } from '../validate';
import {
  agreementVersionResponseSchema,
  batchResultsSchema,
  codeListSchema,
  healthSchema,
  jsonObjectSchema,
  loginResponseSchema,
  readinessSchema,
  regionTreeSchema,
  sessionResponseSchema,
  signingEventsSchema,
  signingPageSchema,
  signingResponseSchema,
} from './responses';

/** Every account role: the three parties and `operator` (domain/account-role). */
export const ROLES = ACCOUNT_ROLES;
export type Role = AccountRole;
/** `'anyone'`: no authentication. Otherwise the roles the handler serves. */
export type Access = 'anyone' | readonly Role[];

/** The three parties of a signing: routes that only need a signed-in party (callerOf). */
export const ANY_PARTY: readonly Role[] = PARTIES;

export const HTTP_METHODS = ['get', 'post', 'put', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type ResponseFormat = 'json' | 'csv' | 'html' | 'pdf' | 'text';
export const CONTENT_TYPES: Record<ResponseFormat, string> = {
  json: 'application/json',
  text: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  pdf: 'application/pdf',
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
  /** The body may be absent (an empty-bodied action). */
  bodyOptional: boolean;
  success: readonly SuccessResponse[];
  /** Every error code the route answers to a client's mistake (sorted by status). */
  errors: readonly ErrorCode[];
  /** Whether `Idempotency-Key` is honoured (POSTs behind the idempotency middleware). */
  idempotencyKey: boolean;
  owns?: { param: string; resource: OwnedResource };
  action?: PartyAction;
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
   * (every party route; its writes must come from the same origin, api/csrf.ts); `basicAuth` (the
   * codec endpoint only) an operator's username and password.
   */
  security: readonly SecurityScheme[];
}

export type SecurityScheme = 'bearerAuth' | 'cookieAuth' | 'basicAuth';

type RouteInput = Omit<RouteSpec, 'errors' | 'requestContentType' | 'bodyOptional' | 'idempotencyKey' | 'security'> & {
  security?: readonly SecurityScheme[];
  /** Codes besides those implied (401 signed-in, 403 not every role, 400 input, 404 owns, 413 JSON body). */
  errors?: readonly ErrorCode[];
  requestContentType?: RouteSpec['requestContentType'];
  bodyOptional?: boolean;
  idempotencyKey?: boolean;
};

/** The path and the error codes that follow from the route's access and inputs. */
function route(input: RouteInput): RouteSpec {
  const underApi = input.path.startsWith('/api/');
  // The idempotency middleware covers the bearer-authenticated /api router (api/app.ts); the
  // roster import and the password reset are mounted outside it on purpose.
  const idempotencyKey =
    input.idempotencyKey ?? (input.method === 'post' && underApi && input.roles !== 'anyone' && !input.path.startsWith('/api/school/students'));
  const codes = new Set<ErrorCode>(input.errors ?? []);
  if (input.roles !== 'anyone') {
    codes.add('UNAUTHENTICATED');
    // Operators' tokens are refused by the party API (api/auth.ts), parties' by the codec endpoint.
    if (!ROLES.every((role) => input.roles.includes(role))) codes.add('FORBIDDEN');
  }
  if (input.schemas.body || input.schemas.query) codes.add('VALIDATION_FAILED');
  if (input.owns) codes.add('NOT_FOUND');
  const requestContentType = input.requestContentType ?? 'application/json';
  // Any body may be sent, so every body-taking operation can meet a too-large or wrongly typed one (api/json-body.ts).
  if (input.schemas.body && requestContentType === 'application/json') {
    codes.add('PAYLOAD_TOO_LARGE');
    codes.add('UNSUPPORTED_MEDIA_TYPE');
  }
  // api/idempotency.ts: a malformed key is 400, a key reused for another request or still in progress 409.
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
    // A party's routes take the Bearer token and the portal's session cookie alike (api/auth.ts).
    security: input.security ?? (input.roles === 'anyone' ? [] : ['bearerAuth', 'cookieAuth']),
    idempotencyKey,
    errors,
  };
}

const signingParam = z.object({ id: uuidParamSchema.meta({ description: '网签编号（UUID）' }) });
const templateParam = z.object({ id: uuidParamSchema.meta({ description: '协议模板编号（UUID）' }) });
const webhookParam = z.object({ id: uuidParamSchema.meta({ description: 'Webhook 地址编号（UUID）' }) });
const notificationParam = z.object({ id: uuidParamSchema.meta({ description: '通知编号（UUID）' }) });
const examineeNoParam = z.object({ examineeNo: examineeNoSchema.meta({ description: '考生号（9–15 位数字）' }) });
const ownSigning = { param: 'id', resource: 'signing' } as const;

/**
 * GET /api/signings/{id}/agreement is one operation served by two handlers: `format=html|pdf`
 * (the printable document, routes/agreement-document.ts) and JSON otherwise (routes/signings.ts).
 * Its query is both handlers' schemas together: the same `version`, and `format` as either's.
 */
const agreementAnyFormatQuerySchema = z
  .object({
    version: agreementQuerySchema.shape.version,
    format: z.enum([...agreementQuerySchema.shape.format.unwrap().options, ...documentQuerySchema.shape.format.options]).default('json'),
  })
  .strict();

const CODES_CACHING = '无需登录。`Cache-Control: public, max-age=3600`，并带强 ETag：以 `If-None-Match` 重新验证，未变时 304（无响应体）。';

/** The employer-sign body: the full agreement, or the saved draft (routes/signings.ts → api/drafts.ts). */
const employerSignBodySchema = z.union([employerSignSchema, useDraftSchema]);

const json = (status: SuccessResponse['status'], description: string, schema: z.ZodType = jsonObjectSchema): SuccessResponse => ({
  status,
  description,
  formats: ['json'],
  schema,
});
const noContent = (description: string): SuccessResponse => ({ status: 204, description, formats: [] });

/** One signing action: its parties come from the domain's rules, as in the handler. */
function signingAction(path: string, action: PartyAction, summary: string, body: z.ZodType, extra: Partial<RouteInput> = {}): RouteSpec {
  return route({
    operationId: `signing_${action}`,
    method: 'post',
    path: `/api/signings/{id}/${path}`,
    tag: TAGS.signings,
    summary,
    roles: partiesFor(action),
    schemas: { params: signingParam, body },
    success: [json(200, '操作已受理，返回更新后的网签记录', signingResponseSchema)],
    errors: ['CONFLICT'],
    owns: ownSigning,
    action,
    ...extra,
  });
}

export const ROUTES: readonly RouteSpec[] = [
  // ── 运维 ──
  route({
    operationId: 'healthz',
    method: 'get',
    path: '/healthz',
    tag: TAGS.ops,
    summary: '存活检查',
    roles: 'anyone',
    schemas: {},
    success: [json(200, '进程存活', healthSchema)],
  }),
  route({
    operationId: 'readyz',
    method: 'get',
    path: '/readyz',
    tag: TAGS.ops,
    summary: '就绪检查（PostgreSQL 与 Temporal 均可达）',
    roles: 'anyone',
    schemas: {},
    success: [json(200, '可以服务', readinessSchema)],
    errors: ['UNAVAILABLE'],
  }),
  route({
    operationId: 'metrics',
    method: 'get',
    path: '/metrics',
    tag: TAGS.ops,
    summary: 'Prometheus 指标（HTTP 延迟、状态转换、通知投递、worker 指标）',
    roles: 'anyone',
    schemas: {},
    success: [{ status: 200, description: 'Prometheus 文本格式', formats: ['text'] }],
  }),
  route({
    operationId: 'openapi',
    method: 'get',
    path: '/openapi.json',
    tag: TAGS.ops,
    summary: '本 OpenAPI 3.1 文档',
    roles: 'anyone',
    schemas: {},
    success: [json(200, 'OpenAPI 文档')],
  }),
  route({
    operationId: 'docs',
    method: 'get',
    path: '/docs',
    tag: TAGS.ops,
    summary: '交互式接口文档（Swagger UI，离线可用）',
    roles: 'anyone',
    schemas: {},
    success: [{ status: 200, description: 'HTML 页面', formats: ['html'] }],
  }),

  // ── Temporal 编解码（Temporal UI 的 codec endpoint）──
  ...(['encode', 'decode'] as const).map((op) =>
    route({
      operationId: `codec_${op}`,
      method: 'post',
      path: `/codec/${op}`,
      tag: TAGS.codec,
      summary: op === 'encode' ? '加密 Temporal payload（供 Temporal UI 使用）' : '解密 Temporal payload（供 Temporal UI 使用）',
      description:
        'Temporal 远程 codec 协议：请求体 `{payloads:[{metadata, data}]}`（base64），返回同样形状的 `{payloads}`；可带 `X-Namespace`。仅限运维账号（Bearer 令牌或 HTTP Basic 用户名密码）；CORS 只允许配置的 Temporal UI 来源。',
      roles: ['operator'],
      schemas: { body: codecBodySchema },
      success: [json(200, '处理后的 payloads')],
      security: ['bearerAuth', 'basicAuth'],
      rateLimited: 'codec-auth',
    }),
  ),

  // ── 登录与账号 ──
  route({
    operationId: 'login',
    method: 'post',
    path: '/api/auth/login',
    tag: TAGS.auth,
    summary: '登录，取得 Bearer 令牌',
    roles: 'anyone',
    schemas: { body: loginSchema },
    success: [json(200, '登录成功', loginResponseSchema)],
    errors: ['UNAUTHENTICATED'],
    rateLimited: 'login',
  }),
  route({
    operationId: 'session_create',
    method: 'post',
    path: '/api/auth/session',
    tag: TAGS.auth,
    summary: '浏览器登录（门户）：设置会话 Cookie',
    description:
      '请求体与 `POST /api/auth/login` 相同。成功时设置 `wq_session` Cookie（HttpOnly、SameSite=Strict、Path=/，HTTPS 时加 Secure），令牌不出现在响应体中。' +
      '须为同源请求（`Sec-Fetch-Site: same-origin`，或 `Origin` 为本站），否则 403（details.reason = CROSS_SITE_REQUEST）；运维账号 403。登录失败次数与 `/api/auth/login` 合并计数。',
    roles: 'anyone',
    schemas: { body: loginSchema },
    success: [json(200, '已登录，返回账号与会话到期时间', sessionResponseSchema)],
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
    rateLimited: 'login',
  }),
  route({
    operationId: 'session_delete',
    method: 'delete',
    path: '/api/auth/session',
    tag: TAGS.auth,
    summary: '浏览器退出登录：结束会话并清除 Cookie',
    description: '服务端删除会话并清除 `wq_session` Cookie；没有会话时同样返回 204。须为同源请求，否则 403（CROSS_SITE_REQUEST）。',
    roles: 'anyone',
    schemas: {},
    success: [noContent('已退出')],
    errors: ['FORBIDDEN'],
  }),
  route({
    operationId: 'employerRegister',
    method: 'post',
    path: '/api/employers/register',
    tag: TAGS.auth,
    summary: '用人单位自助注册',
    roles: 'anyone',
    schemas: { body: employerRegistrationSchema },
    success: [json(201, '注册成功')],
    errors: ['CONFLICT'],
    rateLimited: 'registration',
  }),
  route({
    operationId: 'me',
    method: 'get',
    path: '/api/me',
    tag: TAGS.auth,
    summary: '当前账号；学生另含个人中心摘要与当前网签',
    roles: ANY_PARTY,
    schemas: {},
    success: [json(200, '账号信息')],
  }),
  route({
    operationId: 'myPlan',
    method: 'get',
    path: '/api/me/plan',
    tag: TAGS.auth,
    summary: '学生的就业方案（未填报时 404）',
    roles: ['student'],
    schemas: {},
    success: [json(200, '就业方案')],
    errors: ['NOT_FOUND'],
  }),
  route({
    operationId: 'changePassword',
    method: 'post',
    path: '/api/me/password',
    tag: TAGS.auth,
    summary: '修改本人密码',
    roles: ANY_PARTY,
    schemas: { body: passwordChangeSchema },
    success: [json(200, '已修改')],
  }),

  // ── 网上签约 ──
  route({
    operationId: 'signing_create',
    method: 'post',
    path: '/api/signings',
    tag: TAGS.signings,
    summary: '学生协议申请（提交就业方案）',
    roles: ['student'],
    schemas: { body: applicationSchema },
    success: [json(201, '已创建，状态为待单位确认', signingResponseSchema)],
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  route({
    operationId: 'signing_list',
    method: 'get',
    path: '/api/signings',
    tag: TAGS.signings,
    summary: '本人相关的网签记录（新的在前，游标分页）',
    roles: ANY_PARTY,
    schemas: { query: listQuerySchema },
    success: [json(200, '一页网签记录', signingPageSchema)],
  }),
  route({
    operationId: 'signing_get',
    method: 'get',
    path: '/api/signings/{id}',
    tag: TAGS.signings,
    summary: '一条网签记录（仅限其当事方）',
    roles: ANY_PARTY,
    schemas: { params: signingParam },
    success: [json(200, '网签记录', signingResponseSchema)],
    owns: ownSigning,
  }),
  route({
    operationId: 'signing_agreement',
    method: 'get',
    path: '/api/signings/{id}/agreement',
    tag: TAGS.signings,
    summary: '协议内容（JSON），或可打印的就业协议书（format=html|pdf）',
    roles: ANY_PARTY,
    schemas: { params: signingParam, query: agreementAnyFormatQuerySchema },
    success: [
      { status: 200, description: '默认当前版本；version 指定历史版本', formats: ['json', 'html', 'pdf'], schema: agreementVersionResponseSchema },
    ],
    owns: ownSigning,
  }),
  route({
    operationId: 'signing_events',
    method: 'get',
    path: '/api/signings/{id}/events',
    tag: TAGS.signings,
    summary: '审计记录',
    roles: ANY_PARTY,
    schemas: { params: signingParam },
    success: [json(200, '审计记录', signingEventsSchema)],
    owns: ownSigning,
  }),
  route({
    operationId: 'signing_versions',
    method: 'get',
    path: '/api/signings/{id}/agreement/versions',
    tag: TAGS.signings,
    summary: '协议各版本及逐字段变更',
    roles: ANY_PARTY,
    schemas: { params: signingParam },
    success: [json(200, '版本列表')],
    owns: ownSigning,
  }),
  signingAction('employer-sign', 'employerSign', '单位签约并发送协议（完整协议，或 {useDraft:true} 发送已存草稿）', employerSignBodySchema),
  signingAction('student-confirm', 'studentConfirm', '学生确认协议（须为当前版本的哈希）', studentConfirmSchema),
  signingAction('return', 'return', '退回用人单位（学生或学校，须填原因）', reasonSchema),
  signingAction('school-confirm', 'schoolConfirm', '学校确认并同步至就业方案库', emptyBodySchema, { bodyOptional: true }),
  signingAction('cancel', 'cancel', '取消网上签约（须填原因）', reasonSchema),
  signingAction('archive', 'updateArchive', '保存档案接收信息', archiveSchema, { method: 'put', idempotencyKey: false }),
  route({
    operationId: 'signing_batchSchoolConfirm',
    method: 'post',
    path: '/api/signings/school-confirm',
    tag: TAGS.signings,
    summary: '学校批量确认（逐条返回结果）',
    roles: ['school'],
    schemas: { body: schoolConfirmBatchSchema },
    success: [json(200, '逐条结果', batchResultsSchema)],
  }),
  route({
    operationId: 'signing_batchSchoolReturn',
    method: 'post',
    path: '/api/signings/school-return',
    tag: TAGS.signings,
    summary: '学校批量退回（逐条返回结果）',
    roles: ['school'],
    schemas: { body: schoolReturnBatchSchema },
    success: [json(200, '逐条结果', batchResultsSchema)],
  }),

  // ── 协议草稿与模板 ──
  route({
    operationId: 'draft_get',
    method: 'get',
    path: '/api/signings/{id}/agreement/draft',
    tag: TAGS.drafts,
    summary: '协议草稿及填写进度（尚无草稿时 404）',
    roles: ['employer'],
    schemas: { params: signingParam },
    success: [json(200, '协议草稿')],
    owns: ownSigning,
  }),
  route({
    operationId: 'draft_save',
    method: 'put',
    path: '/api/signings/{id}/agreement/draft',
    tag: TAGS.drafts,
    summary: '分节保存协议草稿（仅待单位确认时）',
    description: '发送的各节替换草稿中的同名节；null 清空一节；空白文本视为未填。',
    roles: ['employer'],
    schemas: { params: signingParam, body: draftPatchSchema },
    blanksAsUnset: true,
    success: [json(200, '保存后的草稿')],
    errors: ['CONFLICT'],
    owns: ownSigning,
  }),
  route({
    operationId: 'draft_fromTemplate',
    method: 'post',
    path: '/api/signings/{id}/agreement/draft/from-template',
    tag: TAGS.drafts,
    summary: '以协议模板填充草稿',
    roles: ['employer'],
    schemas: { params: signingParam, body: fromTemplateSchema },
    success: [json(200, '填充后的草稿')],
    errors: ['CONFLICT'],
    owns: ownSigning,
  }),
  route({
    operationId: 'template_create',
    method: 'post',
    path: '/api/employer/templates',
    tag: TAGS.drafts,
    summary: '新建协议模板',
    roles: ['employer'],
    schemas: { body: templateCreateSchema },
    blanksAsUnset: true,
    success: [json(201, '已创建')],
    errors: ['CONFLICT'],
  }),
  route({
    operationId: 'template_list',
    method: 'get',
    path: '/api/employer/templates',
    tag: TAGS.drafts,
    summary: '本单位的协议模板',
    roles: ['employer'],
    schemas: {},
    success: [json(200, '模板列表')],
  }),
  route({
    operationId: 'template_get',
    method: 'get',
    path: '/api/employer/templates/{id}',
    tag: TAGS.drafts,
    summary: '一个协议模板',
    roles: ['employer'],
    schemas: { params: templateParam },
    success: [json(200, '协议模板')],
    owns: { param: 'id', resource: 'template' },
  }),
  route({
    operationId: 'template_update',
    method: 'put',
    path: '/api/employer/templates/{id}',
    tag: TAGS.drafts,
    summary: '修改协议模板（按节合并，可改名）',
    roles: ['employer'],
    schemas: { params: templateParam, body: templateUpdateSchema },
    blanksAsUnset: true,
    success: [json(200, '修改后的模板')],
    errors: ['CONFLICT'],
    owns: { param: 'id', resource: 'template' },
  }),
  route({
    operationId: 'template_delete',
    method: 'delete',
    path: '/api/employer/templates/{id}',
    tag: TAGS.drafts,
    summary: '删除协议模板',
    roles: ['employer'],
    schemas: { params: templateParam },
    success: [noContent('已删除')],
    owns: { param: 'id', resource: 'template' },
  }),

  // ── 工作台 ──
  route({
    operationId: 'desk_school',
    method: 'get',
    path: '/api/school/signings',
    tag: TAGS.desks,
    summary: '学生就业方案变更审核表（本校；format=csv 导出）',
    roles: ['school'],
    schemas: { query: schoolDeskQuerySchema },
    success: [{ status: 200, description: '一页记录，或 CSV 文件', formats: ['json', 'csv'], schema: jsonObjectSchema }],
  }),
  route({
    operationId: 'desk_employer',
    method: 'get',
    path: '/api/employer/signings',
    tag: TAGS.desks,
    summary: '用人单位的网上签约学生名单（format=csv 导出）',
    roles: ['employer'],
    schemas: { query: employerDeskQuerySchema },
    success: [{ status: 200, description: '一页记录，或 CSV 文件', formats: ['json', 'csv'], schema: jsonObjectSchema }],
  }),

  // ── 通知与 Webhook ──
  route({
    operationId: 'notification_list',
    method: 'get',
    path: '/api/me/notifications',
    tag: TAGS.notifications,
    summary: '站内信（新的在前，含未读数）',
    roles: ANY_PARTY,
    schemas: { query: inboxQuerySchema },
    success: [json(200, '一页通知')],
  }),
  route({
    operationId: 'notification_read',
    method: 'post',
    path: '/api/me/notifications/{id}/read',
    tag: TAGS.notifications,
    summary: '标记一条通知为已读',
    roles: ANY_PARTY,
    schemas: { params: notificationParam },
    success: [json(200, '该通知')],
    owns: { param: 'id', resource: 'notification' },
  }),
  route({
    operationId: 'webhook_create',
    method: 'post',
    path: '/api/webhooks',
    tag: TAGS.notifications,
    summary: '登记 Webhook 地址（签名密钥仅此一次返回）',
    roles: ['employer', 'school'],
    schemas: { body: webhookEndpointSchema },
    success: [json(201, '已登记，含 secret')],
    errors: ['CONFLICT'],
  }),
  route({
    operationId: 'webhook_list',
    method: 'get',
    path: '/api/webhooks',
    tag: TAGS.notifications,
    summary: '本单位或本校登记的 Webhook 地址及投递统计',
    roles: ['employer', 'school'],
    schemas: {},
    success: [json(200, '地址列表')],
  }),
  route({
    operationId: 'webhook_delete',
    method: 'delete',
    path: '/api/webhooks/{id}',
    tag: TAGS.notifications,
    summary: '删除 Webhook 地址',
    roles: ['employer', 'school'],
    schemas: { params: webhookParam },
    success: [noContent('已删除')],
    owns: { param: 'id', resource: 'webhook' },
  }),

  // ── 代码表（无需登录；一小时缓存，ETag / If-None-Match → 304）──
  route({
    operationId: 'codes_regions',
    method: 'get',
    path: '/api/codes/regions',
    tag: TAGS.codes,
    summary: '单位地区：GB/T 2260 行政区划树（省级 → 地级 → 县级）',
    description: CODES_CACHING,
    roles: 'anyone',
    schemas: {},
    success: [json(200, '行政区划树', regionTreeSchema)],
  }),
  ...(
    [
      ['industries', 'codes_industries', '行业类别（GB/T 4754-2017 大类）'],
      ['unit-natures', 'codes_unitNatures', '单位性质'],
      ['job-categories', 'codes_jobCategories', '工作职位类别'],
      ['graduation-destinations', 'codes_graduationDestinations', '毕业去向'],
    ] as const
  ).map(([list, operationId, summary]) =>
    route({
      operationId,
      method: 'get',
      path: `/api/codes/${list}`,
      tag: TAGS.codes,
      summary: `${summary}代码表`,
      description: CODES_CACHING,
      roles: 'anyone',
      schemas: {},
      success: [json(200, '代码表 [{code, name}]', codeListSchema)],
    }),
  ),

  // ── 学校管理 ──
  route({
    operationId: 'student_import',
    method: 'post',
    path: '/api/school/students/import',
    tag: TAGS.school,
    summary: '导入学生名单（CSV，UTF-8；首行为中文表头）',
    description: '列：考生号、姓名（必填），专业、学历、生源地主管单位、邮箱（可选）。新账号的初始密码仅在本次响应中返回。',
    roles: ['school'],
    schemas: {
      body: z.string().min(1).meta({
        description:
          'CSV 文本（UTF-8，可带 BOM）：第一行为表头，列名取自 考生号、姓名、专业、学历、生源地主管单位、邮箱，顺序不限，考生号与姓名必有，' +
          '不得有未知或重复的列；其后每行一名学生，最多 1000 行。表头不对、引号不成对、不是 UTF-8（出现 U+FFFD 替换字符即视为不是）或行数过多时整份文件 400；' +
          '逐行的问题不拒绝整份文件，在 200 答复的 errors 中逐行列出',
      }),
    },
    requestContentType: 'text/csv',
    success: [json(200, '导入结果（逐行错误、初始密码）')],
    errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  }),
  route({
    operationId: 'student_resetPassword',
    method: 'post',
    path: '/api/school/students/{examineeNo}/reset-password',
    tag: TAGS.school,
    summary: '为本校学生重置登录密码（新密码仅此一次返回）',
    roles: ['school'],
    schemas: { params: examineeNoParam, body: emptyBodySchema },
    bodyOptional: true,
    success: [json(200, '新的初始密码')],
    owns: { param: 'examineeNo', resource: 'student' },
  }),
];

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

/** The route for a method and an OpenAPI path, if any. */
export function findRoute(method: string, path: string): RouteSpec | undefined {
  return ROUTES.find((r) => r.method === method.toLowerCase() && r.path === path);
}
