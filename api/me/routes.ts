/**
 * GET /api/me (the account; for a student the 个人中心), GET /api/me/plan (the student's 就业方案
 * in the plan database; 404 while 未填报) and POST /api/me/password (change one's own password).
 *
 * The student's 个人中心 follows the source's screen: the summary line 学生基本信息 已填报 · 就业方案
 * 未填报/已填报 · 报到证打印 未打印 · 通知单打印 未打印 · 档案信息 无/已填报 (`summary.items` in that
 * order, also as single fields), the 当前就业方案 table once the plan is written (`currentPlan`),
 * the archive receiving details (from the plan, else from the current signing's agreement), and
 * the current signing with its status, next step and deadline.
 */
import { hash, verify } from '@node-rs/argon2';
import { defineRoute, routeGroup } from '../http/define-route';
import { ANY_PARTY, TAGS, json } from '../http/route-spec';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, type employmentPlans } from '../../db/schema';
import { beijingTimeLong } from '../../domain/beijing-time';
import { graduationDestinationLabel, industryLabel, jobCategoryLabel, unitNatureLabel } from '../../domain/codes';
import { passwordFieldSchema, passwordProblems } from '../../domain/password-policy';
import { regionName } from '../../domain/region';
import type { Archive } from '../../domain/schemas';
import { ACCOUNT_ROLE_LABELS } from '../../domain/account-role';
import { isPending, nextStepLabel } from '../../domain/status';
import { storableText } from '../../domain/schemas/common';
import { endSessionsOf } from '../auth/browser-sessions';
import { sessionTokenOf } from '../auth/session-cookie';
import { z } from '../../domain/zod';
import { callerOf, requireRole } from '../auth/authenticate';
import { AppError } from '../http/errors';
import { presentSigning } from '../signings/presenters';
import { findLatestSigning, findPlan, findStudent, listWithdrawnPlans } from '../signings/queries';
import { parseInput } from '../http/validate';

type Plan = typeof employmentPlans.$inferSelect;

/** Signings whose 档案接收 no longer counts for the 个人中心. */
const ARCHIVE_ENDED = ['CANCELLED', 'EXPIRED', 'RESCINDED'] as const;

const NOT_PRINTED = '未打印';

function withLabel(code: string | null, label: string | null | undefined): string | null {
  if (!code) return null;
  return label ? `${label}（${code}）` : code;
}

/** The source's 当前就业方案 table, label by label, in its order. */
export function currentPlanRows(plan: Plan): { key: string; label: string; value: string | null }[] {
  return [
    ['graduationDestination', '毕业去向', withLabel(plan.graduationDestination, graduationDestinationLabel(plan.graduationDestination))],
    ['infoRegistrationNo', '单位信息登记号', plan.infoRegistrationNo],
    ['creditCode', '社会信用代码', plan.creditCode],
    ['employerName', '单位名称', plan.employerName],
    ['regionCode', '单位地区', withLabel(plan.regionCode, regionName(plan.regionCode))],
    ['jobCategoryCode', '工作职位类别', withLabel(plan.jobCategoryCode, jobCategoryLabel(plan.jobCategoryCode))],
    ['originAuthority', '生源地主管单位', plan.originAuthority],
    ['industryCode', '行业类别', withLabel(plan.industryCode, industryLabel(plan.industryCode))],
    ['unitNature', '单位性质', withLabel(plan.unitNature, unitNatureLabel(plan.unitNature))],
    ['contactAddress', '联系地址', plan.contactAddress],
    ['contactPostcode', '邮编', plan.contactPostcode],
    ['contactPhone', '电话', plan.contactPhone],
    ['archiveUnitName', '档案接收单位', plan.archiveUnitName],
    ['archivePostcode', '档案接收邮编', plan.archivePostcode],
    ['archiveRecipient', '档案接收收件人', plan.archiveRecipient],
    ['archivePhone', '档案接收电话', plan.archivePhone],
    ['archiveAddress', '档案接收详细地址', plan.archiveAddress],
    ['residencePermitFlag', '居住证标志', plan.residencePermitFlag],
    ['reportCardFlag', '报到证标志', plan.reportCardFlag],
    ['returnToOriginFlag', '回原籍标志', plan.returnToOriginFlag],
    ['reportCardNo', '报到证', plan.reportCardNo],
    ['reportCardReviewStatus', '报到证审核状态', plan.reportCardReviewStatus],
  ].map(([key, label, value]) => ({ key: key!, label: label!, value: value ?? null }));
}

function planArchive(plan: Plan | null): Archive | null {
  if (!plan?.archiveUnitName) return null;
  return {
    unitName: plan.archiveUnitName,
    postcode: plan.archivePostcode ?? '',
    recipient: plan.archiveRecipient ?? '',
    phone: plan.archivePhone ?? '',
    address: plan.archiveAddress ?? '',
  };
}

export const passwordChangeSchema = z
  .object({
    currentPassword: storableText(
      z.string({ error: (issue) => (issue.input === undefined ? '请输入当前密码' : '当前密码应为文本') }).min(1, '请输入当前密码').max(1_024),
      '当前密码',
    ),
    newPassword: passwordFieldSchema,
  })
  .strict();

export const meRoutes = routeGroup<{ db: Db }>('me', [
  defineRoute({
    operationId: 'me',
    method: 'get',
    path: '/api/me',
    tag: TAGS.auth,
    summary: '当前账号；学生另含个人中心摘要与当前网签',
    roles: ANY_PARTY,
    schemas: {},
    success: [json(200, '账号信息')],
    handle: ({ db }) =>
      async (req, res) => {
        const caller = callerOf(req);
        const [account] = await db.select().from(accounts).where(eq(accounts.id, caller.accountId));
        if (!account) throw new AppError('UNAUTHENTICATED', '账号不存在，请重新登录');
        const base = {
          id: account.id,
          username: account.username,
          role: account.role,
          roleLabel: ACCOUNT_ROLE_LABELS[account.role],
          name: account.displayName,
          email: account.email,
        };
        if (caller.role !== 'student') {
          res.json({ ...base, partyId: caller.partyId });
          return;
        }
        const [student, plan, latest, withdrawn] = await Promise.all([
          findStudent(db, caller.partyId),
          findPlan(db, caller.partyId),
          findLatestSigning(db, caller),
          listWithdrawnPlans(db, caller.partyId),
        ]);

        // 档案信息: from the plan once written, else from the signing under way (a cancelled,
        // expired or rescinded one no longer counts: its archive would go to an employer no longer bound).
        const fromPlan = planArchive(plan);
        const counts = latest && !(ARCHIVE_ENDED as readonly string[]).includes(latest.signing.status);
        const signingArchive = counts ? latest.signing.archive : null;
        const archive = fromPlan ? { ...fromPlan, source: 'plan' as const } : signingArchive ? { ...signingArchive, source: 'signing' as const } : null;

        const basicInfo = student ? '已填报' : '未填报';
        const employmentPlan = plan ? '已填报' : '未填报';
        const archiveStatus = archive ? '已填报' : '无';
        const current = latest
          ? {
              ...presentSigning(latest, caller),
              nextStepLabel: nextStepLabel(latest.signing.status),
              deadlineLabel: latest.signing.deadlineAt && isPending(latest.signing.status) ? `${beijingTimeLong(latest.signing.deadlineAt)}（北京时间）` : null,
            }
          : null;

        res.json({
          ...base,
          student: student && {
            id: student.student.id,
            name: student.student.name,
            examineeNo: student.student.examineeNo,
            school: student.school,
            major: student.student.major,
            educationLevel: student.student.educationLevel,
            originAuthority: student.student.originAuthority,
          },
          summary: {
            basicInfo,
            employmentPlan,
            reportCardPrint: NOT_PRINTED,
            noticePrint: NOT_PRINTED,
            archive: archiveStatus,
            items: [
              { key: 'basicInfo', label: '学生基本信息', value: basicInfo },
              { key: 'employmentPlan', label: '就业方案', value: employmentPlan },
              { key: 'reportCardPrint', label: '报到证打印', value: NOT_PRINTED },
              { key: 'noticePrint', label: '通知单打印', value: NOT_PRINTED },
              { key: 'archive', label: '档案信息', value: archiveStatus },
            ],
          },
          currentPlan: plan ? { signingId: plan.signingId, agreementNo: plan.agreementNo, syncedAt: plan.syncedAt.toISOString(), agreementHash: plan.agreementHash, rows: currentPlanRows(plan) } : null,
          archive,
          currentSigning: current,
          // 解约 (docs/design.md §11): plans withdrawn from the 就业方案库, kept with who approved it;
          // each agreement stays printable (GET /api/signings/{id}/agreement?format=html), marked 已解约.
          withdrawnPlans: withdrawn.map((w) => ({
            signingId: w.signingId,
            agreementNo: w.agreementNo,
            employerName: w.employerName,
            creditCode: w.creditCode,
            syncedAt: w.syncedAt.toISOString(),
            withdrawnAt: w.withdrawnAt!.toISOString(),
            withdrawnBy: w.withdrawnBy ?? '学校',
            rescissionId: w.rescissionId,
          })),
        });
      },
  }),

  defineRoute({
    operationId: 'myPlan',
    method: 'get',
    path: '/api/me/plan',
    tag: TAGS.auth,
    summary: '学生的就业方案（未填报时 404）',
    roles: ['student'],
    schemas: {},
    success: [json(200, '就业方案')],
    errors: ['NOT_FOUND'],
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'student');
        const plan = await findPlan(db, caller.partyId);
        if (!plan) throw new AppError('NOT_FOUND', '就业方案未填报');
        const { confirmedBy: _confirmedBy, ...fields } = plan;
        res.json({ ...fields, syncedAt: plan.syncedAt.toISOString() });
      },
  }),

  /** Change one's own password: the current one, and a new one that meets the policy. */
  defineRoute({
    operationId: 'changePassword',
    method: 'post',
    path: '/api/me/password',
    tag: TAGS.auth,
    summary: '修改本人密码',
    roles: ANY_PARTY,
    schemas: { body: passwordChangeSchema },
    success: [json(200, '已修改')],
    handle: ({ db }) =>
      async (req, res) => {
        const caller = callerOf(req);
        const { currentPassword, newPassword } = parseInput(passwordChangeSchema, req.body);
        const [account] = await db.select().from(accounts).where(eq(accounts.id, caller.accountId));
        if (!account || account.disabled) throw new AppError('UNAUTHENTICATED', '账号不存在或已停用，请重新登录');
        const problems = passwordProblems(newPassword, account.username);
        if (newPassword === currentPassword) problems.push('新密码不能与当前密码相同');
        if (problems.length) {
          throw new AppError('VALIDATION_FAILED', '请求数据校验未通过', problems.map((message) => ({ path: 'newPassword', message })));
        }
        const ok = await verify(account.passwordHash, currentPassword).catch(() => false);
        if (!ok) throw new AppError('VALIDATION_FAILED', '当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }]);
        const passwordHash = await hash(newPassword);
        // The browser that changed it stays signed in; every other session of the account ends.
        await db.transaction(async (tx) => {
          await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, account.id));
          await endSessionsOf(tx, account.id, sessionTokenOf(req));
        });
        res.json({ changed: true });
      },
  }),
]);
