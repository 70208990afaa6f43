/**
 * GET /api/me (the account; for a student the 个人中心 summary) and GET /api/me/plan (the
 * student's 就业方案 in the plan database; 404 while 未填报).
 */
import { Router } from 'express';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts } from '../../db/schema';
import { PARTY_LABELS } from '../../domain/status';
import { callerOf, requireRole } from '../auth';
import { AppError } from '../errors';
import { presentSigning } from '../presenters';
import { findLatestSigning, findPlan, findStudent } from '../signing-queries';

export function meRouter({ db }: { db: Db }): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const caller = callerOf(req);
    const [account] = await db.select().from(accounts).where(eq(accounts.id, caller.accountId));
    if (!account) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
    const base = {
      id: account.id,
      username: account.username,
      role: account.role,
      roleLabel: PARTY_LABELS[account.role],
      name: account.displayName,
      email: account.email,
    };
    if (caller.role !== 'student') {
      res.json({ ...base, partyId: caller.partyId });
      return;
    }
    const [student, plan, latest] = await Promise.all([
      findStudent(db, caller.partyId),
      findPlan(db, caller.partyId),
      findLatestSigning(db, caller),
    ]);
    const current = latest ? presentSigning(latest, caller) : null;
    res.json({
      ...base,
      student: student && {
        id: student.student.id,
        name: student.student.name,
        examineeNo: student.student.examineeNo,
        school: student.school,
      },
      summary: {
        basicInfo: '已填报',
        employmentPlan: plan ? '已填报' : '未填报',
        archive: plan?.archiveUnitName ? '已填报' : '无',
      },
      currentSigning: current,
    });
  });

  router.get('/plan', async (req, res) => {
    const caller = requireRole(req, 'student');
    const plan = await findPlan(db, caller.partyId);
    if (!plan) throw new AppError('NOT_FOUND', '就业方案未填报');
    const { confirmedBy: _confirmedBy, ...fields } = plan;
    res.json({ ...fields, syncedAt: plan.syncedAt.toISOString() });
  });

  return router;
}
