/**
 * The school's 解约审批 (docs/design.md §11):
 *
 *   GET  /api/school/rescissions            its students' 解约 requests (default 待学校审批; filters
 *                                           status, q, employer; keyset pages; format=csv downloads all)
 *   POST /api/school/rescissions/approve    {ids: request ids} → each approved on its own, with its result
 *
 * The batch names the requests the school saw (the rows' `id`), never just their signings, so an
 * approval cannot land on a newer request that replaced one since. Every id goes through the single
 * approval's path (its school, the signing's open request being this one, one Update) and gets its
 * result, 200 whatever the mix, as the school's other batches (api/signings/batch-routes.ts); with
 * an Idempotency-Key each Update's id is `<key>:<request id>`.
 */
import { beijingTime } from '../../domain/beijing-time';
import { STATUS_LABELS } from '../../domain/status';
import { z } from '../../domain/zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { defineRoute, routeGroup } from '../http/define-route';
import { sendCsv } from '../http/csv';
import { AppError } from '../http/errors';
import { idempotencyIdOf } from '../http/idempotency';
import { TAGS, json } from '../http/route-spec';
import { parseInput } from '../http/validate';
import { batchResultsSchema, jsonObjectSchema } from '../openapi/responses';
import { sendRescissionAction } from '../rescissions/commands';
import { findRescission } from '../rescissions/queries';
import { openRescissionOf } from '../rescissions/routes';
import type { RescissionDeps } from '../rescissions/routes';
import { BATCH_CONCURRENCY, type BatchResult, batchFailure, batchIdsSchema, mapLimited } from '../signings/batch-routes';
import { findSigning } from '../signings/queries';
import { RESCISSION_CSV_COLUMNS, listRescissionDesk, rescissionDeskQuerySchema } from './rescission-desk';
import { CSV_MAX_ROWS } from './desk';

const approveBatchSchema = z.object({ ids: batchIdsSchema('解约申请') }).strict();

type Deps = RescissionDeps & { logger?: { error(obj: object, msg: string): void } | undefined };

export const rescissionDeskRoutes = routeGroup<Deps>('rescissionDesk', [
  defineRoute<Deps>({
    operationId: 'desk_schoolRescissions',
    method: 'get',
    path: '/api/school/rescissions',
    tag: TAGS.desks,
    summary: '解约审批（本校学生的解约申请；默认待学校审批；format=csv 导出）',
    roles: ['school'],
    schemas: { query: rescissionDeskQuerySchema },
    success: [{ status: 200, description: '一页解约申请，或 CSV 文件', formats: ['json', 'csv'], schema: jsonObjectSchema }],
    handle:
      ({ db, rescissionLimit }) =>
      async (req, res) => {
        const caller = requireRole(req, 'school');
        const query = parseInput(rescissionDeskQuerySchema, req.query, 'query');
        if (query.format === 'csv') {
          const { items, nextCursor } = await listRescissionDesk(db, caller.partyId, { ...query, cursor: undefined }, rescissionLimit, CSV_MAX_ROWS);
          // Never a truncated file that looks complete: past the limit the export is refused, as the signing desk's is.
          if (nextCursor !== null) {
            throw new AppError('VALIDATION_FAILED', `符合条件的解约申请超过导出上限 ${CSV_MAX_ROWS} 条，请缩小筛选范围`, [
              { path: 'query', message: `导出上限 ${CSV_MAX_ROWS} 条` },
            ]);
          }
          const stamp = beijingTime(new Date()).replace(/[-:]/g, '').replace(' ', '-');
          await sendCsv(res, {
            filename: `解约审批-${stamp}.csv`,
            asciiFilename: `school-rescissions-${stamp}.csv`,
            columns: RESCISSION_CSV_COLUMNS,
            pages: (async function* () {
              yield items;
            })(),
          });
          return;
        }
        res.json(await listRescissionDesk(db, caller.partyId, query, rescissionLimit));
      },
  }),
  defineRoute<Deps>({
    operationId: 'desk_schoolRescissionsApprove',
    method: 'post',
    path: '/api/school/rescissions/approve',
    tag: TAGS.desks,
    summary: '批量批准解约（逐条返回结果）',
    roles: ['school'],
    schemas: { body: approveBatchSchema },
    success: [json(200, '逐条结果（id 为解约申请编号）', batchResultsSchema)],
    handle: (deps) => async (req, res) => {
      const caller = requireRole(req, 'school');
      const { ids } = parseInput(approveBatchSchema, req.body);
      const key = idempotencyIdOf(req);
      const results = await mapLimited(ids, BATCH_CONCURRENCY, async (id): Promise<BatchResult> => {
        try {
          // Another school's request is not found, as an id of another party's always is.
          const asked = await findRescission(deps.db, id);
          const own = asked && asked.schoolCode === caller.partyId ? await findSigning(deps.db, asked.signingId, caller) : null;
          if (!asked || !own) throw AppError.notFound('解约申请');
          const rescission = await openRescissionOf(deps.db, own, asked.id);
          await sendRescissionAction(deps.db, deps.temporal, rescission, 'approve', { actor: actorOf(caller) }, key ? `${key}:${rescission.id}` : undefined);
          return { id, ok: true, status: 'RESCINDED', statusLabel: STATUS_LABELS.RESCINDED };
        } catch (err) {
          return batchFailure(deps, id, 'rescission.approve', err);
        }
      });
      const succeeded = results.filter((r) => r.ok).length;
      res.json({ results, succeeded, failed: results.length - succeeded });
    },
  }),
]);
