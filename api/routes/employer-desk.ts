/**
 * GET /api/employer/signings: the employer's 网上签约 list of its students, by default those
 * 待单位确认; `?format=csv` downloads the same rows. The same parameters as the school's desk, with
 * `school` (a school code or part of its name) in place of `employer`.
 */
import { Router } from 'express';
import type { Db } from '../../db/client';
import { deskHandler, employerCsvColumns } from '../desk';
import { employerDeskQuerySchema } from '../desk-params';

export function employerDeskRouter({ db }: { db: Db }): Router {
  const router = Router();
  router.get(
    '/',
    deskHandler(db, {
      party: 'employer',
      defaultStatus: 'PENDING_EMPLOYER',
      querySchema: employerDeskQuerySchema,
      csvColumns: employerCsvColumns,
      csvName: '网上签约学生名单',
      csvAsciiName: 'employer-signings',
    }),
  );
  return router;
}
