/**
 * POST /api/school/students/import — a school admin imports its students from a CSV roster.
 *
 * Body: `text/csv` (UTF-8, with or without BOM; another charset only when named in Content-Type,
 * e.g. `text/csv; charset=gb18030`), at most 1 MB and 1 000 data rows. The first row is the header,
 * in Chinese: 考生号 and 姓名 are required columns; 专业, 学历, 生源地主管单位 and 邮箱 are optional;
 * columns may come in any order, and an unknown column is refused (a misspelt 邮箱 would otherwise
 * be dropped silently).
 *
 * Each row is checked on its own (考生号 9–15 digits, 姓名 required, 学历 one of the known levels,
 * 邮箱 format, no 考生号 twice in one file, no 考生号 of another school's student); the rows that
 * pass are kept and the others reported as `{row, field, message}`, `row` being the line in the
 * file (the header is line 1), `field` the column's header (null for a problem of the whole row).
 *
 * Students are upserted by 考生号, so a re-import updates instead of duplicating. An empty cell
 * leaves the stored value as it is. A student without a login gets one: username = 考生号, and a
 * generated initial password that is returned in this response only (it is stored only as an
 * argon2 hash) for the admin to hand out; the student changes it with POST /api/me/password, and
 * the admin can issue a new one with POST /api/school/students/:examineeNo/reset-password.
 *
 * Mounted outside the Idempotency-Key middleware on purpose: that middleware stores responses, and
 * this one carries initial passwords. A repeated import is idempotent anyway (upsert by 考生号).
 *
 * Also `POST /api/school/students/:examineeNo/reset-password` (school admin of the student's
 * school): a new generated password for the student's login, returned once (like the import's
 * initial passwords); 404 for a student of another school or one without a login. Mounted, like the
 * import, outside the Idempotency-Key middleware.
 */
import { hash } from '@node-rs/argon2';
import express, { type RequestHandler } from 'express';
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json } from '../http/route-spec';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, students } from '../../db/schema';
import { generatePassword } from '../../domain/password-policy';
import { examineeNoSchema } from '../../domain/schemas';
import { z } from '../../domain/zod';
import { requireRole } from '../auth/authenticate';
import { AppError } from '../http/errors';

import { endSessionsOf } from '../auth/browser-sessions';
import { examineeNoParam } from '../http/params';
import { emptyBodySchema, parseInput } from '../http/validate';
import { importRoster } from './import-roster';
import { ROSTER_MAX_BYTES, parseRoster } from './parse-roster';

const schoolOnly: RequestHandler = (req, _res, next) => {
  requireRole(req, 'school');
  next();
};

export const studentImportRoutes = routeGroup<{ db: Db }>('studentImport', [
  defineRoute({
    operationId: 'student_import',
    method: 'post',
    path: '/api/school/students/import',
    tag: TAGS.school,
    summary: '导入学生名单（CSV，UTF-8；首行为中文表头）',
    description: '列：考生号、姓名（必填），专业、学历、生源地主管单位、邮箱（可选）。新账号的初始密码仅在本次响应中返回。',
    roles: ['school'],
    schemas: {
      body: z.string().min(1).meta({
        description:
          'CSV 文本（UTF-8，可带 BOM）：第一行为表头，列名取自 考生号、姓名、专业、学历、生源地主管单位、邮箱，顺序不限，考生号与姓名必有，' +
          '不得有未知或重复的列；其后每行一名学生，最多 1000 行。表头不对、引号不成对、不是 UTF-8（出现 U+FFFD 替换字符即视为不是）或行数过多时整份文件 400；' +
          '逐行的问题不拒绝整份文件，在 200 答复的 errors 中逐行列出',
      }),
    },
    requestContentType: 'text/csv',
    success: [json(200, '导入结果（逐行错误、初始密码）')],
    errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
    handle: ({ db }) => [
      schoolOnly,
      express.text({ type: ['text/csv', 'application/csv', 'text/plain'], limit: ROSTER_MAX_BYTES, defaultCharset: 'utf-8' }),
      async (req, res) => {
        const caller = requireRole(req, 'school');
        if (typeof req.body !== 'string') {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 Content-Type: text/csv 上传学生名单（UTF-8 编码）');
        }
        const result = await importRoster(db, caller.partyId, parseRoster(req.body));
        res.set('Cache-Control', 'no-store').json(result);
      },
    ],
  }),
]);

/** The school admin's care of its students' logins; mounted on /api/school/students. */
export const studentAccountRoutes = routeGroup<{ db: Db }>('studentAccounts', [
  defineRoute({
    operationId: 'student_resetPassword',
    method: 'post',
    path: '/api/school/students/{examineeNo}/reset-password',
    tag: TAGS.school,
    summary: '为本校学生重置登录密码（新密码仅此一次返回）',
    roles: ['school'],
    schemas: { params: examineeNoParam, body: emptyBodySchema },
    bodyOptional: true,
    success: [json(200, '新的初始密码')],
    owns: { param: 'examineeNo', resource: 'student' },
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'school');
        parseInput(emptyBodySchema, req.body);
        const examineeNo = examineeNoSchema.safeParse(req.params.examineeNo);
        const [target] = examineeNo.success
          ? await db
              .select({ accountId: accounts.id, username: accounts.username, name: students.name, examineeNo: students.examineeNo })
              .from(accounts)
              .innerJoin(students, eq(students.id, accounts.studentId))
              .where(and(eq(students.examineeNo, examineeNo.data), eq(students.schoolCode, caller.partyId), eq(accounts.role, 'student')))
          : [];
        if (!target) throw AppError.notFound('本校学生的登录账号');
        const password = generatePassword();
        const passwordHash = await hash(password);
        // A reset is for a student who lost control of the account: every browser session of it ends.
        await db.transaction(async (tx) => {
          await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, target.accountId));
          await endSessionsOf(tx, target.accountId);
        });
        res.set('Cache-Control', 'no-store').json({
          examineeNo: target.examineeNo,
          name: target.name,
          username: target.username,
          initialPassword: password,
        });
      },
  }),
]);
