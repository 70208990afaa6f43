/**
 * GET /api/employer/signings: the employer's 网上签约 list of its students, by default those
 * 待单位确认; `?format=csv` downloads the same rows. The same parameters as the school's desk, with
 * `school` (a school code or part of its name) in place of `employer`.
 */
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS } from '../http/route-spec';
import { jsonObjectSchema } from '../openapi/responses';
import type { Db } from '../../db/client';
import { deskHandler, employerCsvColumns } from './desk';
import { employerDeskQuerySchema } from './params';

export const employerDeskRoutes = routeGroup<{ db: Db }>('employerDesk', [
  defineRoute({
    operationId: 'desk_employer',
    method: 'get',
    path: '/api/employer/signings',
    tag: TAGS.desks,
    summary: '用人单位的网上签约学生名单（format=csv 导出）',
    roles: ['employer'],
    schemas: { query: employerDeskQuerySchema },
    success: [{ status: 200, description: '一页记录，或 CSV 文件', formats: ['json', 'csv'], schema: jsonObjectSchema }],
    handle: ({ db }) =>
      deskHandler(db, {
        party: 'employer',
        defaultStatus: 'PENDING_EMPLOYER',
        querySchema: employerDeskQuerySchema,
        csvColumns: employerCsvColumns,
        csvName: '网上签约学生名单',
        csvAsciiName: 'employer-signings',
      }),
  }),
]);
