/**
 * The OpenAPI 3.1 document, generated from the declared routes (api/routes.ts) by zod-openapi,
 * which renders the handlers' own zod schemas through zod 4's JSON Schema conversion (request side
 * as input types: a query `limit` is an integer, a trimmed text a string). Built once per process.
 */
import { createDocument } from 'zod-openapi';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { TRIMMED_SPACE } from '../../domain/schemas/text';
import { z } from '../../domain/zod';
import { ERROR_STATUS, type ErrorCode } from '../http/errors';
import { IDEMPOTENCY_KEY_PATTERN } from '../http/idempotency';
import { linksOf } from './links';
import { errorBodySchema } from './responses';
import { CONTENT_TYPES, type RouteSpec, TAGS } from '../http/route-spec';

export type OpenApiDocument = ReturnType<typeof createDocument>;

const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '请求数据校验未通过（details 逐项列出字段路径与问题）',
  UNAUTHENTICATED: '未登录、令牌或会话无效或已过期（会话过期时 details.reason 为 SESSION_EXPIRED）',
  FORBIDDEN: '当前角色无权进行此操作，或跨站请求被拒绝（details.reason 为 CROSS_SITE_REQUEST）',
  NOT_FOUND: '不存在，或不属于调用者（不透露是否存在）',
  METHOD_NOT_ALLOWED: '该路径不支持此方法（Allow 列出支持的方法）',
  CONFLICT: '与当前状态不符，或与已有数据冲突（details.status 为当前状态）',
  PAYLOAD_TOO_LARGE: '请求体过大',
  UNSUPPORTED_MEDIA_TYPE: '请求体类型或编码不受支持',
  TOO_MANY_REQUESTS: '请求过于频繁（见 Retry-After）',
  INTERNAL: '服务器内部错误',
  UNAVAILABLE: '暂时不可用',
};

const idempotencyKeyHeader = z
  .string()
  .regex(IDEMPOTENCY_KEY_PATTERN)
  .optional()
  .meta({
    description: '幂等键：重复相同的键与请求体时原样返回首次的结果（带 Idempotent-Replayed: true；即使所建资源其后已被删除），不重复办理；键相同而请求不同，或首次请求仍在处理中，则 409',
    param: { id: 'IdempotencyKey', in: 'header', name: 'Idempotency-Key' },
  });

const DESCRIPTION = `网上签约（就业协议书网上签约）HTTP 接口，生成自服务端校验请求所用的同一套 zod 模式。

- 认证：\`POST /api/auth/login\` 取得令牌，之后带 \`Authorization: Bearer <token>\`；浏览器（门户）以 \`POST /api/auth/session\` 登录，之后凭 HttpOnly Cookie \`wq_session\`，其写操作须为同源请求（CSRF 保护）。
- 每个操作的 \`x-roles\` 列出允许的角色（\`anyone\` 表示无需登录）。
- 错误：\`{"error":{"code","message","details"?}}\`；客户端的错误从不返回 5xx。
- \`/api\` 下的 POST 接受 \`Idempotency-Key\` 请求头。
- 文本字段的前后空白会被去除后再校验长度；任何文本都不能包含控制字符（制表符与换行除外）、文字方向控制符（U+202A–U+202E、U+2066–U+2069）或不成对的代理项；单行字段（名称、地址等）也不能换行（各字段的 \`pattern\`）。
- 查询参数中的整数为十进制数字（不接受 \`0x5\`、\`1e1\`、\`+5\`）。
- 路径存在而方法不支持时返回 405 并带 \`Allow\`；未知的 \`/api\` 路径返回 404（均在认证之前）。`;

function responsesOf(r: RouteSpec): ZodOpenApiResponsesObject {
  const responses: ZodOpenApiResponsesObject = {};
  const links = linksOf(r.operationId);
  for (const s of r.success) {
    const content = Object.fromEntries(
      s.formats.map((f) => {
        if (f === 'json') return [CONTENT_TYPES.json, { schema: s.schema ?? z.looseObject({}) }];
        // A file, not text: Swagger UI and generated clients must keep the bytes (read as text, a PDF is corrupted).
        if (f === 'pdf') return [CONTENT_TYPES.pdf, { schema: z.string().meta({ override: { type: 'string', format: 'binary' } }) }];
        return [CONTENT_TYPES[f], { schema: z.string() }];
      }),
    );
    responses[String(s.status) as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: s.description,
      ...(s.formats.length ? { content } : {}),
      // What a client can call next with this answer's values (api/openapi/links.ts).
      ...(links ? { links } : {}),
    };
  }
  for (const code of r.errors) {
    responses[String(ERROR_STATUS[code]) as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: `${code}：${ERROR_DESCRIPTIONS[code]}`,
      content: { 'application/json': { schema: errorBodySchema } },
    };
  }
  return responses;
}

type JsonSchemaNode = Record<string, unknown>;

/** The body sections `blanksAsUnset` reads (domain/agreement-draft.ts). */
const BLANKABLE_SECTIONS = ['unitNature', 'contact', 'agreement', 'archive'];
/** What `blanksAsUnset` reads as blank (`trim() === ''`), without the controls every text refuses. */
const BLANK = { type: 'string', pattern: `^${TRIMMED_SPACE}*$`, description: '空白：视为未填写（等同于不提交此项）' };

/** Every string (or string enum) under `node` also accepts a blank, as the server reads it. */
function allowBlanks(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(allowBlanks);
  if (typeof node !== 'object' || node === null) return node;
  const schema = node as JsonSchemaNode;
  if (schema.type === 'string') return { anyOf: [BLANK, schema] };
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (key === 'properties' && typeof value === 'object' && value !== null) {
        return [key, Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, allowBlanks(sub)]))];
      }
      return [key, ['anyOf', 'oneOf', 'allOf', 'items'].includes(key) ? allowBlanks(value) : value];
    }),
  );
}

function documentBlanks(document: OpenApiDocument, routes: readonly RouteSpec[]): void {
  for (const r of routes.filter((route) => route.blanksAsUnset)) {
    const body = document.paths?.[r.path]?.[r.method]?.requestBody;
    const media = body && 'content' in body ? body.content[r.requestContentType] : undefined;
    const properties = (media?.schema as JsonSchemaNode | undefined)?.properties as Record<string, unknown> | undefined;
    if (!properties) throw new Error(`document: ${r.operationId} reads blanks but its body has no properties`);
    for (const section of BLANKABLE_SECTIONS) {
      if (section in properties) properties[section] = allowBlanks(properties[section]);
    }
  }
}

function operationOf(r: RouteSpec): ZodOpenApiOperationObject {
  const { params, query, body } = r.schemas;
  return {
    operationId: r.operationId,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    tags: [r.tag],
    // Alternatives: any one of the route's schemes.
    security: r.security.map((scheme) => ({ [scheme]: [] })),
    'x-roles': r.roles === 'anyone' ? ['anyone'] : [...r.roles],
    ...(params || query ? { requestParams: { ...(params ? { path: params } : {}), ...(query ? { query } : {}) } } : {}),
    ...(r.idempotencyKey ? { parameters: [idempotencyKeyHeader] } : {}),
    ...(body
      ? {
          requestBody: {
            required: !r.bodyOptional,
            content: { [r.requestContentType]: { schema: body }, ...(r.multipartBody ? { 'multipart/form-data': { schema: r.multipartBody } } : {}) },
          },
        }
      : {}),
    responses: responsesOf(r),
  };
}

export function buildOpenApiDocument(routes: readonly RouteSpec[]): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const r of routes) {
    const item = (paths[r.path] ??= {});
    if (item[r.method]) throw new Error(`routes: ${r.method.toUpperCase()} ${r.path} listed twice`);
    item[r.method] = operationOf(r);
  }
  const document = createDocument({
    openapi: '3.1.0',
    info: { title: '网上签约 API', version: '1.0.0', description: DESCRIPTION },
    tags: Object.values(TAGS).map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: '`POST /api/auth/login` 返回的令牌' },
        cookieAuth: {
          type: 'apiKey',
          in: 'cookie',
          name: 'wq_session',
          description: '`POST /api/auth/session` 设置的浏览器会话 Cookie；写操作须为同源请求（Sec-Fetch-Site 或 Origin），否则 403 CROSS_SITE_REQUEST',
        },
        basicAuth: { type: 'http', scheme: 'basic', description: '运维账号的用户名与密码（仅 /codec，供浏览器中的 Temporal UI 使用）' },
      },
    },
  });
  documentBlanks(document, routes);
  return document;
}
