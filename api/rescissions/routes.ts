/**
 * 解约 on a completed signing (docs/design.md §11), under /api/signings/{id}/rescission: the
 * request (student or employer; JSON, or multipart with the 解约函), the answers (agree, reject,
 * approve, withdraw: each one Update on the request's workflow), and the letter. Order of checks
 * as for the signing's actions: who you are (401), whether your role can ever do it (403), the
 * body (400), whether the signing is yours (404), whether it fits now (409).
 */
import type { Request, Response } from 'express';
import type { Db } from '../../db/client';
import { letterFileName } from '../../domain/letter-type';
import {
  RESCISSION_ACTIONS,
  RESCISSION_REQUESTERS,
  RESCISSION_STATUS_LABELS,
  type RescissionAction,
  type RescissionRequester,
  isPendingRescission,
} from '../../domain/rescission';
import { reasonSchema } from '../../domain/schemas';
import type { Party } from '../../domain/status';
import { type AuthContext, actorOf, callerOf, requireRole } from '../auth/authenticate';
import { type Route, defineRoute, routeGroup } from '../http/define-route';
import { AppError } from '../http/errors';
import { idempotencyIdOf } from '../http/idempotency';
import { ownSigning, signingParam } from '../http/params';
import { ANY_PARTY, TAGS, json } from '../http/route-spec';
import { parseInput, uuidParamSchema } from '../http/validate';
import { z } from '../../domain/zod';
import { signingResponseSchema } from '../openapi/responses';
import { presentSigning } from '../signings/presenters';
import { type SigningRow, findSigning, loadOwnSigning } from '../signings/queries';
import type { TemporalSettings } from '../signings/commands';
import { createRescission, sendRescissionAction } from './commands';
import { readRescissionRequest, rescissionMultipartSchema } from './letter';
import { findLetter, findRescission } from './queries';

export interface RescissionDeps {
  db: Db;
  temporal: TemporalSettings;
  /** Approved 解约 per student at most where the school set none. */
  rescissionLimit: number;
}

const partiesOf = (row: SigningRow) => ({ studentId: row.student.id, employerCreditCode: row.signing.employerCreditCode, schoolCode: row.school.code });

async function answerWithSigning(db: Db, signingId: string, caller: AuthContext, res: Response, status = 200): Promise<void> {
  const row = await findSigning(db, signingId, caller);
  if (!row) throw AppError.notFound();
  res.status(status).json(presentSigning(row, caller));
}

/**
 * The signing's open request, or 409 saying there is none (or how the latest ended). `expected`:
 * the request the caller was looking at — a decision is never applied to a newer request that has
 * replaced it since (the school's page showed one; the requester withdrew and asked again).
 */
export async function openRescissionOf(db: Db, row: SigningRow, expected?: string | undefined) {
  const rescission = row.signing.rescissionId ? await findRescission(db, row.signing.rescissionId) : null;
  if (!rescission) throw new AppError('CONFLICT', '该网签没有解约申请');
  if (expected !== undefined && rescission.id.toLowerCase() !== expected.toLowerCase()) {
    throw new AppError('CONFLICT', '您办理的解约申请已结束，当前是另一份新的申请，请刷新后查看再办理', { rescissionId: rescission.id });
  }
  if (!isPendingRescission(rescission.status)) {
    const label = RESCISSION_STATUS_LABELS[rescission.status];
    throw new AppError('CONFLICT', `解约申请${label}，已结束，不能再办理`, { rescissionStatus: rescission.status, rescissionStatusLabel: label });
  }
  return rescission;
}

const SUMMARIES: Record<RescissionAction, string> = {
  agree: '同意解约（被申请的一方：学生或用人单位）',
  reject: '拒绝解约（被申请的一方，或审批的学校；须填原因）',
  approve: '学校批准解约：协议解除，就业方案从就业方案库撤回，学生可重新填报',
  withdraw: '撤回解约申请（仅提出方）',
};

const rescissionRef = {
  rescissionId: uuidParamSchema
    .meta({ description: '所办理的解约申请编号（页面上显示的那一份）；与该网签当前待办理的申请不符时 409，不会办到另一份申请上' })
    .optional(),
};
const answerSchema = z.object(rescissionRef).strict().optional();
const rejectSchema = z.object({ ...reasonSchema.shape, ...rescissionRef }).strict();

function rescissionActionRoute<A extends RescissionAction>(action: A): Route<RescissionDeps> {
  const spec = RESCISSION_ACTIONS[action];
  const roles = spec.roles as readonly Party[];
  const takesReason = action === 'reject';
  const body = takesReason ? rejectSchema : answerSchema;
  return defineRoute<RescissionDeps>({
    operationId: `signing_rescission_${action}`,
    method: 'post',
    path: `/api/signings/{id}/rescission/${action}`,
    tag: TAGS.signings,
    summary: SUMMARIES[action],
    roles,
    schemas: { params: signingParam, body },
    success: [json(200, '已受理，返回更新后的网签记录（含 rescission）', signingResponseSchema)],
    errors: ['CONFLICT'],
    owns: ownSigning,
    rescissionAction: action,
    ...(takesReason ? {} : { bodyOptional: true }),
    handle:
      ({ db, temporal }) =>
      async (req, res) => {
        const caller = requireRole(req, ...roles);
        const { rescissionId, ...input } = parseInput(body, req.body) ?? {};
        const own = await loadOwnSigning(db, req.params.id, caller);
        const rescission = await openRescissionOf(db, own, rescissionId);
        const message = { ...input, actor: actorOf(caller) } as Parameters<typeof sendRescissionAction<A>>[4];
        await sendRescissionAction(db, temporal, rescission, action, message, idempotencyIdOf(req));
        await answerWithSigning(db, own.signing.id, caller, res);
      },
  });
}

const letterQuerySchema = z
  .object({ rescissionId: uuidParamSchema.meta({ description: '哪一份解约申请的解约函（默认最近的一份）' }).optional() })
  .strict();

async function sendLetter(db: Db, req: Request, res: Response, caller: AuthContext): Promise<void> {
  const query = parseInput(letterQuerySchema, req.query, 'query');
  const own = await loadOwnSigning(db, req.params.id, caller);
  const wanted = query.rescissionId ?? own.signing.rescissionId;
  const found = wanted ? await findRescission(db, wanted) : null;
  // Another signing's request is not this signing's: not found, as any id of another party's.
  const rescission = found?.signingId === own.signing.id ? found : null;
  const letter = rescission?.letterId ? await findLetter(db, rescission.letterId) : null;
  if (!letter) throw AppError.notFound('解约函');
  res
    .status(200)
    .set({ 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; sandbox" })
    .attachment(letterFileName(letter.contentType))
    .type(letter.contentType)
    .send(letter.data);
}

export const rescissionRoutes = routeGroup<RescissionDeps>('rescissions', [
  defineRoute({
    operationId: 'signing_rescission_request',
    method: 'post',
    path: '/api/signings/{id}/rescission',
    tag: TAGS.signings,
    summary: '申请解约（学生或用人单位；须填原因，可附解约函）',
    description:
      '只有「已完成」的网签可以申请；同一网签同时只能有一份待办理的申请；学校可限定每名毕业生的解约次数（默认 1 次），达到上限时 409。' +
      '附解约函时以 multipart/form-data 提交（字段 reason 与文件 letter：PDF、PNG 或 JPEG，按文件内容判断，至多 5 MB）。',
    roles: RESCISSION_REQUESTERS,
    schemas: { params: signingParam, body: reasonSchema },
    multipartBody: rescissionMultipartSchema,
    success: [json(201, '已提交，等待对方同意；返回网签记录（含 rescission）', signingResponseSchema)],
    errors: ['CONFLICT'],
    owns: ownSigning,
    rescissionAction: 'request',
    handle:
      ({ db, temporal, rescissionLimit }) =>
      async (req, res) => {
        const caller = requireRole(req, ...RESCISSION_REQUESTERS);
        const body = readRescissionRequest(req);
        const own = await loadOwnSigning(db, req.params.id, caller);
        await createRescission(db, temporal, {
          signing: own.signing,
          parties: partiesOf(own),
          requester: { ...actorOf(caller), role: caller.role as RescissionRequester },
          body,
          defaultLimit: rescissionLimit,
        });
        res.location(`/api/signings/${own.signing.id}`);
        await answerWithSigning(db, own.signing.id, caller, res, 201);
      },
  }),
  rescissionActionRoute('agree'),
  rescissionActionRoute('reject'),
  rescissionActionRoute('approve'),
  rescissionActionRoute('withdraw'),
  defineRoute({
    operationId: 'signing_rescission_letter',
    method: 'get',
    path: '/api/signings/{id}/rescission/letter',
    tag: TAGS.signings,
    summary: '解约申请所附的解约函（默认最近的一份；仅限该网签的当事方）',
    roles: ANY_PARTY,
    schemas: { params: signingParam, query: letterQuerySchema },
    success: [{ status: 200, description: '解约函原件（PDF、PNG 或 JPEG）', formats: ['pdf', 'png', 'jpeg'] }],
    owns: ownSigning,
    handle:
      ({ db }) =>
      async (req, res) => {
        await sendLetter(db, req, res, callerOf(req));
      },
  }),
]);
