/**
 * The school's batch actions on its review table (选中多行 → 确认同步至就业方案库 / 退回):
 *
 *   POST /api/signings/school-confirm {ids}          → each PENDING_SCHOOL signing COMPLETED
 *   POST /api/signings/school-return  {ids, reason}  → each back to PENDING_EMPLOYER
 *
 * The body is checked as a whole (1–100 distinct ids, a reason for a return); then every id goes
 * on its own through the single action's path (ownership, then one Update via sendAction) and gets
 * its own result, in input order: `{id, ok:true, status, statusLabel}` or `{id, ok:false,
 * error:{code, message, details?}}`. A signing of another school is NOT_FOUND (existence is not
 * revealed), one in another status CONFLICT with its status. One bad id never fails the others,
 * and the answer is 200 whatever the mix.
 *
 * With an `Idempotency-Key`, each id's Update carries the id `<key>:<signing id>`, so a repeat of
 * the batch (even one whose answer was lost) does not act twice on any signing.
 */
import type { Request } from 'express';
import { type RouteDefinition, defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json } from '../http/route-spec';
import { batchResultsSchema } from '../openapi/responses';
import type { Db } from '../../db/client';
import { reasonSchema } from '../../domain/schemas';
import { STATUS_LABELS } from '../../domain/status';
import { z } from '../../domain/zod';
import { type AuthContext, actorOf, requireRole } from '../auth/authenticate';
import { AppError } from '../http/errors';
import { idempotencyIdOf } from '../http/idempotency';
import { type TemporalSettings, sendAction } from './commands';
import type { ActionInput, PartyAction } from '../../domain/actions';
import { findSigning } from './queries';
import { parseInput } from '../http/validate';

export const BATCH_MAX_IDS = 100;
/** Updates in flight at once: enough to overlap round trips, few enough to leave room for others. */
export const BATCH_CONCURRENCY = 4;

/** 1–100 distinct ids of what a batch acts on (`what`: 网签 / 解约申请), named so in every message. */
export function batchIdsSchema(what: string) {
  return z
    .array(z.string({ error: `${what}编号应为文本` }).uuid(`${what}编号应为 UUID`), {
      error: (issue) => (issue.input === undefined ? `请选择${what}记录` : 'ids 应为数组'),
    })
    .min(1, `请至少选择 1 条${what}记录`)
    .max(BATCH_MAX_IDS, `一次最多处理 ${BATCH_MAX_IDS} 条`)
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        const key = id.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: `${what}编号重复` });
        seen.add(key);
      });
    })
    // Duplicates are refused (case-insensitively, as UUIDs compare).
    .meta({ description: `${what}编号，不得重复（不区分大小写：UUID 的大小写写法是同一编号）`, override: { uniqueItems: true } });
}

const idsSchema = batchIdsSchema('网签');

export const schoolConfirmBatchSchema = z.object({ ids: idsSchema }).strict();
export const schoolReturnBatchSchema = z.object({ ids: idsSchema, reason: reasonSchema.shape.reason }).strict();

export type BatchResult =
  | { id: string; ok: true; status: string; statusLabel: string }
  | { id: string; ok: false; error: { code: string; message: string; details?: unknown } };

/** Runs `fn` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

export interface BatchDeps {
  db: Db;
  temporal: TemporalSettings;
  logger?: { error(obj: object, msg: string): void } | undefined;
}

type Log = { error(obj: object, msg: string): void };

async function runOne<A extends PartyAction>(deps: BatchDeps, req: Request, caller: AuthContext, id: string, action: A, input: ActionInput<A>): Promise<BatchResult> {
  try {
    const own = await findSigning(deps.db, id, caller);
    if (!own) throw AppError.notFound();
    const key = idempotencyIdOf(req);
    const view = await sendAction(deps.temporal, own.signing.id, actorOf(caller), action, input, {
      updateId: key ? `${key}:${own.signing.id}` : undefined,
      currentStatus: own.signing.status,
    });
    return { id, ok: true, status: view.status, statusLabel: STATUS_LABELS[view.status] };
  } catch (err) {
    return batchFailure(deps, id, action, err);
  }
}

/** One id's failure as its result: the client's mistake with its code, our fault as UNAVAILABLE for this id alone. */
export function batchFailure(deps: { logger?: Log | undefined }, id: string, action: string, err: unknown): BatchResult {
  if (err instanceof AppError) {
    return { id, ok: false, error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
  }
  // Our fault (database or Temporal unreachable), not the client's: this id alone fails.
  const log: Log = deps.logger ?? { error: (obj: object, msg: string) => console.error(msg, obj) };
  log.error({ err, signingId: id, action }, 'batch action failed');
  return { id, ok: false, error: { code: 'UNAVAILABLE', message: '暂时无法办理，请稍后重试' } };
}

function batchRoute<A extends PartyAction>(
  route: Omit<RouteDefinition<BatchDeps>, 'handle'>,
  action: A,
  inputOf: (body: unknown) => { ids: string[]; input: ActionInput<A> },
) {
  return defineRoute<BatchDeps>({
    ...route,
    handle: (deps) => async (req, res) => {
      const caller = requireRole(req, 'school');
      const { ids, input } = inputOf(req.body);
      const results = await mapLimited(ids, BATCH_CONCURRENCY, (id) => runOne(deps, req, caller, id, action, input));
      const succeeded = results.filter((r) => r.ok).length;
      res.json({ results, succeeded, failed: results.length - succeeded });
    },
  });
}

export const signingBatchRoutes = routeGroup<BatchDeps>('signingBatches', [
  batchRoute(
    {
      operationId: 'signing_batchSchoolConfirm',
      method: 'post',
      path: '/api/signings/school-confirm',
      tag: TAGS.signings,
      summary: '学校批量确认（逐条返回结果）',
      roles: ['school'],
      schemas: { body: schoolConfirmBatchSchema },
      success: [json(200, '逐条结果', batchResultsSchema)],
    },
    'schoolConfirm',
    (body) => {
      const { ids } = parseInput(schoolConfirmBatchSchema, body);
      return { ids, input: {} };
    },
  ),
  batchRoute(
    {
      operationId: 'signing_batchSchoolReturn',
      method: 'post',
      path: '/api/signings/school-return',
      tag: TAGS.signings,
      summary: '学校批量退回（逐条返回结果）',
      roles: ['school'],
      schemas: { body: schoolReturnBatchSchema },
      success: [json(200, '逐条结果', batchResultsSchema)],
    },
    'return',
    (body) => {
      const { ids, reason } = parseInput(schoolReturnBatchSchema, body);
      return { ids, input: { reason } };
    },
  ),
]);
