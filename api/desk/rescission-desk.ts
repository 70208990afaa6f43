/**
 * The school's 解约审批 table (docs/design.md §11): its students' 解约 requests, newest first, by
 * default those 待学校审批, with what the school needs to decide — who asked and why, whether a
 * 解约函 is attached, the counterparty's answer, and how many 解约 the student already had approved
 * against the school's limit. The same rows as JSON pages or one CSV download.
 */
import { type SQL, and, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rescissions, schools, signings, students } from '../../db/schema';
import { RESCISSION_STATUSES, RESCISSION_STATUS_LABELS, type RescissionStatus, awaitedRescissionParty } from '../../domain/rescission';
import { beijingTime } from '../../domain/beijing-time';
import { storableText } from '../../domain/schemas/common';
import { PARTY_LABELS } from '../../domain/status';
import { z } from '../../domain/zod';
import type { CsvColumn } from '../http/csv';
import { queryInteger } from '../http/validate';

const STATUS_LIST = new RegExp(`^(all|(${RESCISSION_STATUSES.join('|')})(,(${RESCISSION_STATUSES.join('|')}))*)$`);

export const rescissionDeskQuerySchema = z
  .object({
    status: z
      .string()
      .regex(STATUS_LIST, `状态应为 ${RESCISSION_STATUSES.join('、')}（多个用逗号分隔）或 all`)
      .meta({ description: `解约申请状态，多个用逗号分隔，或 all：${RESCISSION_STATUSES.join('、')}；默认 PENDING_SCHOOL` })
      .optional(),
    q: storableText(z.string().trim().min(1, '关键字不能为空'), '关键字', { max: 50 }).meta({ description: '学生姓名、考生号或协议书编号的一部分' }).optional(),
    employer: storableText(z.string().trim().min(1, '用人单位不能为空'), '用人单位', { max: 100 }).meta({ description: '统一社会信用代码的开头，或单位名称的一部分' }).optional(),
    limit: queryInteger('每页条数', 1, 200, 50),
    cursor: z.string().max(200).optional(),
    format: z.enum(['json', 'csv'], { error: '格式应为 json 或 csv' }).default('json'),
  })
  .strict();
export type RescissionDeskQuery = z.infer<typeof rescissionDeskQuerySchema>;

export function statusesOf(raw: string | undefined): RescissionStatus[] {
  if (raw === undefined) return ['PENDING_SCHOOL'];
  if (raw === 'all') return [...RESCISSION_STATUSES];
  return raw.split(',') as RescissionStatus[];
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Keyset on (created_at, id), newest first; the cursor is `<ISO time>_<id>` in base64url. */
function cursorOf(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}_${row.id}`).toString('base64url');
}
function afterCursor(raw: string): SQL | null {
  const [at, id] = Buffer.from(raw, 'base64url').toString().split('_');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !z.uuid().safeParse(id).success) return null;
  return or(lt(rescissions.createdAt, new Date(at)), and(eq(rescissions.createdAt, new Date(at)), lt(rescissions.id, id)))!;
}

export async function listRescissionDesk(db: Db, schoolCode: string, query: RescissionDeskQuery, defaultLimit: number, pageLimit?: number) {
  const conditions: SQL[] = [eq(rescissions.schoolCode, schoolCode), inArray(rescissions.status, statusesOf(query.status))];
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    conditions.push(or(ilike(students.name, like), ilike(students.examineeNo, like), ilike(signings.agreementNo, like))!);
  }
  if (query.employer) {
    conditions.push(or(ilike(rescissions.employerCreditCode, `${escapeLike(query.employer.toUpperCase())}%`), ilike(signings.employerName, `%${escapeLike(query.employer)}%`))!);
  }
  if (query.cursor) {
    const after = afterCursor(query.cursor);
    // A cursor this table did not make matches nothing (it is opaque; a bad one is no one's data).
    conditions.push(after ?? sql`false`);
  }
  const limit = pageLimit ?? query.limit;
  const rows = await db
    .select({
      rescission: rescissions,
      agreementNo: signings.agreementNo,
      employerName: signings.employerName,
      studentName: students.name,
      examineeNo: students.examineeNo,
      schoolLimit: schools.rescissionLimit,
      approvedCount: sql<number>`(select count(*)::int from ${rescissions} r2 where r2.student_id = ${rescissions.studentId} and r2.status = 'APPROVED')`,
    })
    .from(rescissions)
    .innerJoin(signings, eq(signings.id, rescissions.signingId))
    .innerJoin(students, eq(students.id, rescissions.studentId))
    .innerJoin(schools, eq(schools.code, rescissions.schoolCode))
    .where(and(...conditions))
    .orderBy(desc(rescissions.createdAt), desc(rescissions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => presentDeskRescission(row, defaultLimit)),
    nextCursor: rows.length > limit && last ? cursorOf(last.rescission) : null,
  };
}

type DeskRescissionRow = Awaited<ReturnType<typeof listRescissionDesk>>['items'][number];

function presentDeskRescission(
  row: {
    rescission: typeof rescissions.$inferSelect;
    agreementNo: string;
    employerName: string;
    studentName: string;
    examineeNo: string;
    schoolLimit: number | null;
    approvedCount: number;
  },
  defaultLimit: number,
) {
  const r = row.rescission;
  const awaiting = awaitedRescissionParty({ status: r.status, requestedBy: { role: r.requestedByRole, id: r.requestedBy } });
  return {
    id: r.id,
    signingId: r.signingId,
    agreementNo: row.agreementNo,
    status: r.status,
    statusLabel: RESCISSION_STATUS_LABELS[r.status],
    awaiting,
    awaitingLabel: awaiting ? PARTY_LABELS[awaiting] : null,
    student: { id: r.studentId, name: row.studentName, examineeNo: row.examineeNo },
    employer: { creditCode: r.employerCreditCode, name: row.employerName },
    requestedBy: { role: r.requestedByRole, roleLabel: PARTY_LABELS[r.requestedByRole] },
    reason: r.reason,
    decisionReason: r.decisionReason,
    hasLetter: r.letterId !== null,
    /** 解约 the student already had approved, and the school's limit. */
    approvedCount: row.approvedCount,
    limit: row.schoolLimit ?? defaultLimit,
    deadlineAt: r.deadlineAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
  };
}

export const RESCISSION_CSV_COLUMNS: CsvColumn<DeskRescissionRow>[] = [
  { header: '协议书编号', value: (r) => r.agreementNo },
  { header: '学生姓名', value: (r) => r.student.name },
  { header: '考生号', value: (r) => r.student.examineeNo, identifier: true },
  { header: '用人单位', value: (r) => r.employer.name },
  { header: '统一社会信用代码', value: (r) => r.employer.creditCode, identifier: true },
  { header: '提出方', value: (r) => r.requestedBy.roleLabel },
  { header: '解约原因', value: (r) => r.reason },
  { header: '解约函', value: (r) => (r.hasLetter ? '已附' : '未附') },
  { header: '状态', value: (r) => r.statusLabel },
  { header: '拒绝原因', value: (r) => r.decisionReason },
  { header: '已解约次数', value: (r) => `${r.approvedCount} / ${r.limit}` },
  { header: '申请时间（北京时间）', value: (r) => beijingTime(r.createdAt) },
  { header: '办理期限（北京时间）', value: (r) => (r.deadlineAt ? beijingTime(r.deadlineAt) : null) },
];
