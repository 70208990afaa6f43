/**
 * GET /api/school/signings: the school's 学生就业方案变更审核 table (school admin, own school only),
 * by default the signings 待学校确认; `?format=csv` downloads the same rows. Query parameters:
 * status (`PENDING_SCHOOL` default, a comma list, or `all`), employer (credit code start or part
 * of the 单位名称), region (GB/T 2260 code or 2/4-digit prefix), submittedFrom / submittedTo
 * (Beijing day or ISO instant), q (part of the student's name or 考生号), sort (submittedAt,
 * updatedAt, studentName, examineeNo) and order, limit (1–200, default 50), cursor, format.
 */
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS } from '../http/route-spec';
import { jsonObjectSchema } from '../openapi/responses';
import type { Db } from '../../db/client';
import { deskHandler, schoolCsvColumns } from './desk';
import { schoolDeskQuerySchema } from './params';

export const schoolDeskRoutes = routeGroup<{ db: Db }>('schoolDesk', [
  defineRoute({
    operationId: 'desk_school',
    method: 'get',
    path: '/api/school/signings',
    tag: TAGS.desks,
    summary: '学生就业方案变更审核表（本校；format=csv 导出）',
    roles: ['school'],
    schemas: { query: schoolDeskQuerySchema },
    success: [{ status: 200, description: '一页记录，或 CSV 文件', formats: ['json', 'csv'], schema: jsonObjectSchema }],
    handle: ({ db }) =>
      deskHandler(db, {
        party: 'school',
        defaultStatus: 'PENDING_SCHOOL',
        querySchema: schoolDeskQuerySchema,
        csvColumns: schoolCsvColumns,
        csvName: '学生就业方案变更审核',
        csvAsciiName: 'school-signings',
      }),
  }),
]);
