/**
 * Response shapes for the OpenAPI document: the error body every refusal uses (api/http/errors.ts) and
 * the contract's main success shapes (docs/design.md §7). Handlers build responses with presenters, not
 * with these schemas, so each one lists only the contract's fields and stays open (`looseObject`:
 * responses may carry more fields); tests/api/openapi.test.ts parses real responses with them so
 * they cannot drift from what the API sends.
 */
import { AGREEMENT_NO_PATTERN } from '../../domain/agreement-no';
import { SIGNING_STATUSES } from '../../domain/status';
import { RESCISSION_ACTION_NAMES, RESCISSION_REQUESTERS, RESCISSION_STATUSES } from '../../domain/rescission';
import { z } from '../../domain/zod';
import { ERROR_STATUS, type ErrorCode } from '../http/errors';

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];
const ROLE_VALUES = ['student', 'employer', 'school', 'operator'] as const;

/** `{"error":{code, message, details?}}` — the body of every 4xx and 5xx answer. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).meta({ description: '错误代码；与 HTTP 状态一一对应（见 api/http/errors.ts）' }),
      message: z.string().meta({ description: '中文错误说明' }),
      details: z
        .unknown()
        .optional()
        .meta({ description: '400 时为 [{path, message}] 逐项列出字段路径与问题；409 时含当前状态 status 等' }),
    }),
  })
  .meta({ id: 'Error', description: '错误响应' });

const statusSchema = z.enum(SIGNING_STATUSES);
const isoTime = z.string().meta({ format: 'date-time' });

/** A signing as the API shows it (docs/design.md §7, `Signing`). */
const partySchema = z.enum(['student', 'employer', 'school']);

export const rescissionResponseSchema = z
  .looseObject({
    id: z.uuid(),
    status: z.enum(RESCISSION_STATUSES),
    statusLabel: z.string().meta({ description: '解约申请状态的中文名称：待对方同意、待学校审批、已批准、已拒绝、已撤回、已过期' }),
    requestedBy: z.looseObject({ role: z.enum(RESCISSION_REQUESTERS), roleLabel: z.string() }),
    reason: z.string().meta({ description: '申请解约的原因' }),
    decisionReason: z.string().nullable().meta({ description: '拒绝的原因（对方或学校）' }),
    awaiting: partySchema.nullable().meta({ description: '等待哪一方办理；已结束为 null' }),
    awaitingLabel: z.string().nullable(),
    deadlineAt: isoTime.nullable().meta({ description: '本环节的办理期限；已结束为 null' }),
    nextStep: z.string().meta({ description: '下一步（从调用者的角度）' }),
    allowedActions: z.array(z.enum(RESCISSION_ACTION_NAMES)).meta({ description: '调用者当前可做的解约操作' }),
    allowedActionLabels: z.array(z.string()),
    letter: z.looseObject({ contentType: z.enum(['application/pdf', 'image/png', 'image/jpeg']), size: z.number().int() }).nullable().meta({ description: '所附解约函（内容见 …/rescission/letter）；未附为 null' }),
    createdAt: isoTime,
    updatedAt: isoTime,
    endedAt: isoTime.nullable(),
  })
  .meta({ id: 'Rescission', description: '解约申请（该网签最近的一份）' });

export const signingResponseSchema = z
  .looseObject({
    id: z.uuid(),
    agreementNo: z.string().meta({
      description: '协议书编号：届别-学校代码-本校本届序号，如 2027-10280-000123；届别按提交时间推定（北京时间 9 月起计入下一届）。供打印、电话核对与检索；URL 中仍用 id',
      pattern: AGREEMENT_NO_PATTERN.source,
    }),
    status: statusSchema,
    statusLabel: z.string().meta({ description: '状态的中文名称' }),
    awaiting: partySchema.nullable().meta({ description: '等待哪一方处理；已结束为 null' }),
    allowedActions: z.array(z.string()).meta({ description: '调用者当前可做的操作' }),
    rescission: rescissionResponseSchema.nullable().meta({ description: '最近的一份解约申请；从未申请为 null' }),
    canRequestRescission: z.boolean().meta({ description: '调用者现在能否申请解约（已完成、无待办理的申请；学校的解约次数上限在申请时检查）' }),
    application: z.looseObject({}),
    student: z.looseObject({ id: z.string(), name: z.string() }),
    employer: z.looseObject({ creditCode: z.string(), name: z.string() }),
    agreement: z.object({ version: z.number().int(), hash: z.string() }).nullable().optional(),
    archive: z.looseObject({}).nullable().optional(),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'Signing', description: '网上签约记录' });

export const signingPageSchema = z
  .looseObject({ items: z.array(signingResponseSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'SigningPage', description: '一页网签记录（新的在前）；nextCursor 为 null 表示没有下一页' });

export const signingEventsSchema = z
  .looseObject({
    items: z.array(
      z.looseObject({
        at: isoTime,
        actor: z.object({ role: z.string(), id: z.string() }),
        action: z.string(),
        fromStatus: statusSchema.nullable(),
        toStatus: statusSchema,
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'SigningEvents', description: '审计记录，按时间先后' });

export const agreementVersionResponseSchema = z
  .looseObject({ version: z.number().int(), hash: z.string(), agreement: z.looseObject({}) })
  .meta({ id: 'AgreementVersion', description: '协议版本（默认当前版本）' });

export const loginResponseSchema = z
  .looseObject({
    token: z.string().meta({ description: 'Bearer 令牌，放在 Authorization: Bearer <token>' }),
    user: z.looseObject({ id: z.string(), role: z.enum(ROLE_VALUES), name: z.string() }),
  })
  .meta({ id: 'LoginResult' });

export const sessionResponseSchema = z
  .looseObject({
    user: z.looseObject({ id: z.string(), role: z.enum(['student', 'employer', 'school']), name: z.string(), username: z.string() }),
    expiresAt: z.string().meta({ format: 'date-time', description: '会话到期时间（自登录起固定，不因使用而延长）' }),
  })
  .meta({ id: 'SessionResult', description: '浏览器登录结果；会话令牌只在 HttpOnly Cookie wq_session 中' });

export const batchResultsSchema = z
  .looseObject({
    results: z.array(
      z.looseObject({
        id: z.string(),
        ok: z.boolean(),
        status: statusSchema.optional(),
        error: z.looseObject({ code: z.string(), message: z.string() }).optional(),
      }),
    ),
    succeeded: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'BatchResults', description: '逐条结果，顺序与请求中的 ids 相同' });

/** One entry of a flat code list (GET /api/codes/industries …). */
export const codeListSchema = z
  .array(z.object({ code: z.string().meta({ description: '代码' }), name: z.string().meta({ description: '名称' }) }))
  .meta({ id: 'CodeList', description: '代码表，按代码排序' });

/** A GB/T 2260 region and the regions under it (GET /api/codes/regions); recursive through a getter (zod 4). */
export const regionNodeSchema = z
  .object({
    code: z.string().meta({ description: '6 位行政区划代码（GB/T 2260）' }),
    name: z.string().meta({ description: '本级名称（不含上级），如 440305 为「南山区」' }),
    get children(): z.ZodOptional<z.ZodArray<typeof regionNodeSchema>> {
      return z.array(regionNodeSchema).optional().meta({ description: '下级行政区划，按代码排序；无下级时省略' });
    },
  })
  .meta({ id: 'RegionNode', description: '行政区划（省级 → 地级 → 县级）' });

export const regionTreeSchema = z.array(regionNodeSchema).meta({ id: 'RegionTree', description: '全部省级行政区划及其下级' });

export const healthSchema = z.looseObject({ status: z.literal('ok') });
export const readinessSchema = z.looseObject({
  status: z.enum(['ready', 'unavailable']),
  checks: z.looseObject({}),
});

/** Any JSON object: for answers the document describes in words only. */
export const jsonObjectSchema = z.looseObject({});
