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
 */
import { hash } from '@node-rs/argon2';
import { parse } from 'csv-parse/sync';
import express, { type RequestHandler } from 'express';
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json } from '../http/route-spec';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, students } from '../../db/schema';
import { generatePassword } from '../../domain/password-policy';
import { emailSchema, examineeNoSchema, optionalText, requiredText } from '../../domain/schemas';
import { z } from '../../domain/zod';
import { requireRole } from '../auth';
import { AppError } from '../errors';

export const ROSTER_MAX_BYTES = '1mb';
export const ROSTER_MAX_ROWS = 1_000;

/** Header names (Chinese, as in the school's roster) → field names. */
export const ROSTER_COLUMNS = {
  考生号: 'examineeNo',
  姓名: 'name',
  专业: 'major',
  学历: 'educationLevel',
  生源地主管单位: 'originAuthority',
  邮箱: 'email',
} as const;
type Header = keyof typeof ROSTER_COLUMNS;
type Field = (typeof ROSTER_COLUMNS)[Header];
const REQUIRED_HEADERS: readonly Header[] = ['考生号', '姓名'];
const HEADER_OF = Object.fromEntries(Object.entries(ROSTER_COLUMNS).map(([h, f]) => [f, h])) as Record<Field, Header>;

/** 学历 as stored, and the spellings a roster may use for each. */
export const EDUCATION_LEVELS = ['专科', '本科', '硕士研究生', '博士研究生'] as const;
const EDUCATION_ALIASES: Record<string, (typeof EDUCATION_LEVELS)[number]> = {
  专科: '专科',
  大专: '专科',
  高职: '专科',
  高职专科: '专科',
  本科: '本科',
  硕士: '硕士研究生',
  硕士研究生: '硕士研究生',
  研究生: '硕士研究生',
  博士: '博士研究生',
  博士研究生: '博士研究生',
};

const rowSchema = z.object({
  examineeNo: examineeNoSchema,
  name: requiredText('姓名', 50),
  major: optionalText('专业', 100),
  educationLevel: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const level = EDUCATION_ALIASES[value];
      if (!level) {
        ctx.addIssue({ code: 'custom', message: `学历应为 ${EDUCATION_LEVELS.join('、')} 之一（当前“${value}”）` });
        return z.NEVER;
      }
      return level;
    })
    .optional(),
  originAuthority: optionalText('生源地主管单位', 100),
  email: emailSchema.optional(),
});
export type RosterRow = z.infer<typeof rowSchema>;

export interface RosterError {
  /** Line in the file (the header is line 1). */
  row: number;
  /** The column's header, or null for the whole row. */
  field: string | null;
  message: string;
  examineeNo?: string;
}

export interface ParsedRoster {
  rows: { row: number; value: RosterRow }[];
  errors: RosterError[];
}

function fileError(message: string, details?: unknown): AppError {
  return new AppError('VALIDATION_FAILED', message, details ?? [{ path: 'body', message }]);
}

/**
 * Parses and checks a roster (pure): file-level problems (encoding, quoting, header, size) throw
 * 400; row-level ones are returned with the rows that passed.
 */
export function parseRoster(text: string): ParsedRoster {
  if (text.includes('\uFFFD')) {
    throw fileError('文件不是有效的 UTF-8 编码：请另存为“CSV UTF-8”，或在 Content-Type 中注明字符集（如 charset=gb18030）');
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    const lines = (err as { lines?: number }).lines;
    throw fileError(`CSV 格式错误${lines ? `（第 ${lines} 行附近）` : ''}：${err instanceof Error ? err.message : String(err)}`);
  }
  const [head, ...body] = records;
  if (!head) throw fileError('文件为空：第一行应为表头（考生号,姓名,专业,学历,生源地主管单位,邮箱）');
  if (body.length > ROSTER_MAX_ROWS) throw fileError(`一次最多导入 ${ROSTER_MAX_ROWS} 行学生，当前 ${body.length} 行：请分批导入`);

  const columns: (Field | null)[] = [];
  const headerProblems: { path: string; message: string }[] = [];
  head.record.forEach((name, i) => {
    const field = (ROSTER_COLUMNS as Record<string, Field>)[name];
    if (!field) headerProblems.push({ path: `header[${i}]`, message: `未知的列“${name}”：可用的列为 ${Object.keys(ROSTER_COLUMNS).join('、')}` });
    else if (columns.includes(field)) headerProblems.push({ path: `header[${i}]`, message: `列“${name}”重复` });
    columns.push(field ?? null);
  });
  for (const required of REQUIRED_HEADERS) {
    if (!columns.includes(ROSTER_COLUMNS[required])) headerProblems.push({ path: 'header', message: `缺少必填列“${required}”` });
  }
  if (headerProblems.length) throw fileError('表头不正确', headerProblems);

  const rows: ParsedRoster['rows'] = [];
  const errors: RosterError[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const row = info.lines;
    if (record.length > columns.length) {
      errors.push({ row, field: null, message: `本行有 ${record.length} 列，多于表头的 ${columns.length} 列（含逗号的内容请用英文双引号括起）` });
      continue;
    }
    const input: Partial<Record<Field, string>> = {};
    columns.forEach((field, i) => {
      const cell = record[i];
      if (field && cell !== undefined && cell !== '') input[field] = cell;
    });
    const examineeNo = input.examineeNo;
    const parsed = rowSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field | undefined;
        errors.push({
          row,
          field: field ? HEADER_OF[field] : null,
          message: issue.message,
          ...(examineeNo ? { examineeNo } : {}),
        });
      }
      continue;
    }
    const earlier = seen.get(parsed.data.examineeNo);
    if (earlier !== undefined) {
      errors.push({ row, field: '考生号', message: `考生号与第 ${earlier} 行重复`, examineeNo: parsed.data.examineeNo });
      continue;
    }
    seen.set(parsed.data.examineeNo, row);
    rows.push({ row, value: parsed.data });
  }
  return { rows, errors };
}

export interface ImportResult {
  created: number;
  updated: number;
  failed: number;
  errors: RosterError[];
  accounts: { examineeNo: string; name: string; username: string; initialPassword: string }[];
}

/** Upserts the checked rows into `schoolCode`'s roster and creates missing student accounts. */
export async function importRoster(db: Db, schoolCode: string, parsed: ParsedRoster): Promise<ImportResult> {
  const errors = [...parsed.errors];
  const fail = (row: number, examineeNo: string, field: string | null, message: string) =>
    errors.push({ row, field, message, examineeNo });

  const numbers = parsed.rows.map((r) => r.value.examineeNo);
  const [existing, sameUsername] = numbers.length
    ? await Promise.all([
        db.select({ id: students.id, examineeNo: students.examineeNo, schoolCode: students.schoolCode }).from(students).where(inArray(students.examineeNo, numbers)),
        db.select({ username: accounts.username, studentId: accounts.studentId }).from(accounts).where(inArray(accounts.username, numbers)),
      ])
    : [[], []];
  const existingByNo = new Map(existing.map((s) => [s.examineeNo, s]));
  const withAccount = new Set(
    existing.length
      ? (
          await db
            .select({ studentId: accounts.studentId })
            .from(accounts)
            .where(and(eq(accounts.role, 'student'), inArray(accounts.studentId, existing.map((s) => s.id))))
        ).map((a) => a.studentId)
      : [],
  );
  const usernameOwner = new Map(sameUsername.map((a) => [a.username, a.studentId]));

  // Rows that can be written, and which of them need a new login.
  const accepted: { row: number; value: RosterRow; needsAccount: boolean }[] = [];
  for (const { row, value } of parsed.rows) {
    const found = existingByNo.get(value.examineeNo);
    if (found && found.schoolCode !== schoolCode) {
      fail(row, value.examineeNo, '考生号', '该考生号已属于其他学校的学生，不能导入');
      continue;
    }
    const needsAccount = !found || !withAccount.has(found.id);
    if (needsAccount && usernameOwner.has(value.examineeNo) && usernameOwner.get(value.examineeNo) !== found?.id) {
      fail(row, value.examineeNo, '考生号', '以该考生号为用户名的账号已存在且不属于该学生，请联系平台管理员');
      continue;
    }
    accepted.push({ row, value, needsAccount });
  }

  // Hash outside the transaction: argon2 is deliberately slow.
  const passwords = new Map<string, { password: string; hash: string }>();
  await Promise.all(
    accepted
      .filter((a) => a.needsAccount)
      .map(async ({ value }) => {
        const password = generatePassword();
        passwords.set(value.examineeNo, { password, hash: await hash(password) });
      }),
  );

  let created = 0;
  let updated = 0;
  const issued: ImportResult['accounts'] = [];
  if (accepted.length) {
    await db.transaction(async (tx) => {
      const saved = await tx
        .insert(students)
        .values(
          accepted.map(({ value }) => ({
            schoolCode,
            examineeNo: value.examineeNo,
            name: value.name,
            major: value.major ?? null,
            educationLevel: value.educationLevel ?? null,
            originAuthority: value.originAuthority ?? null,
          })),
        )
        .onConflictDoUpdate({
          target: students.examineeNo,
          set: {
            name: sql`excluded.name`,
            major: sql`coalesce(excluded.major, ${students.major})`,
            educationLevel: sql`coalesce(excluded.education_level, ${students.educationLevel})`,
            originAuthority: sql`coalesce(excluded.origin_authority, ${students.originAuthority})`,
          },
          // Never take over another school's student (also when one was added meanwhile).
          setWhere: sql`${students.schoolCode} = excluded.school_code`,
        })
        .returning({ id: students.id, examineeNo: students.examineeNo, inserted: sql<boolean>`(xmax = 0)` });
      const savedByNo = new Map(saved.map((s) => [s.examineeNo, s]));

      for (const { row, value, needsAccount } of accepted) {
        const student = savedByNo.get(value.examineeNo);
        if (!student) {
          fail(row, value.examineeNo, '考生号', '该考生号已属于其他学校的学生，不能导入');
          continue;
        }
        if (student.inserted) created += 1;
        else updated += 1;
        if (!needsAccount) {
          await tx
            .update(accounts)
            .set({ displayName: value.name, ...(value.email ? { email: value.email } : {}) })
            .where(and(eq(accounts.role, 'student'), eq(accounts.studentId, student.id)));
          continue;
        }
        const secret = passwords.get(value.examineeNo);
        if (!secret) throw new Error(`no password prepared for ${value.examineeNo}`);
        const inserted = await tx
          .insert(accounts)
          .values({
            username: value.examineeNo,
            passwordHash: secret.hash,
            role: 'student',
            displayName: value.name,
            email: value.email ?? null,
            studentId: student.id,
          })
          .onConflictDoNothing({ target: accounts.username })
          .returning({ id: accounts.id });
        if (inserted.length) {
          issued.push({ examineeNo: value.examineeNo, name: value.name, username: value.examineeNo, initialPassword: secret.password });
        } else {
          fail(row, value.examineeNo, '考生号', '学生信息已保存，但以该考生号为用户名的账号已被占用，未能创建登录账号');
        }
      }
    });
  }

  errors.sort((a, b) => a.row - b.row);
  return { created, updated, failed: new Set(errors.map((e) => e.row)).size, errors, accounts: issued };
}

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
