/**
 * GET /api/school/signings: the school's 学生就业方案变更审核 table (school admin, own school only),
 * by default the signings 待学校确认; `?format=csv` downloads the same rows. Query parameters:
 * status (`PENDING_SCHOOL` default, a comma list, or `all`), employer (credit code start or part
 * of the 单位名称), region (GB/T 2260 code or 2/4-digit prefix), submittedFrom / submittedTo
 * (Beijing day or ISO instant), q (part of the student's name or 考生号), sort (submittedAt,
 * updatedAt, studentName, examineeNo) and order, limit (1–200, default 50), cursor, format.
 */
import { Router } from 'express';
import type { Db } from '../../db/client';
import { deskHandler, schoolCsvColumns } from '../desk';
import { schoolDeskQuerySchema } from '../desk-params';

export function schoolDeskRouter({ db }: { db: Db }): Router {
  const router = Router();
  router.get(
    '/',
    deskHandler(db, {
      party: 'school',
      defaultStatus: 'PENDING_SCHOOL',
      querySchema: schoolDeskQuerySchema,
      csvColumns: schoolCsvColumns,
      csvName: '学生就业方案变更审核',
      csvAsciiName: 'school-signings',
    }),
  );
  return router;
}
