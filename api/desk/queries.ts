/**
 * The desks' reads: a school's 学生就业方案变更审核 table and an employer's list of its students,
 * both from the PostgreSQL projection (docs/design.md §4: lists are read from the database, not Temporal),
 * always inside the caller's party scope, with filters, a sort and keyset pagination on
 * (sort key, id).
 *
 * Sort keys travel in the cursor as text taken from the database itself (timestamps to the
 * microsecond), so a page boundary never skips or repeats a row. Student names sort in pinyin order
 * (ICU collation `zh-x-icu`, present in every PostgreSQL built with ICU, which the official images
 * and the embedded one are); 考生号 sorts byte-wise (`C`), i.e. as digits.
 */
import { type SQL, and, count, eq, gte, ilike, inArray, like, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agreementVersions, rescissions, schools, signingEvents, signings, students } from '../../db/schema';
import type { RescissionStatus } from '../../domain/rescission';
import type { Application } from '../../domain/schemas';
import type { AuditAction, Party, SigningStatus } from '../../domain/status';
import type { AuthContext } from '../auth/authenticate';
import { partyScope } from '../signings/queries';

export type DeskSortField = 'submittedAt' | 'updatedAt' | 'studentName' | 'examineeNo';
export type SortOrder = 'asc' | 'desc';
export interface DeskSort {
  field: DeskSortField;
  order: SortOrder;
}

export interface DeskFilters {
  /** null: every status. */
  statuses: SigningStatus[] | null;
  /** A GB/T 2260 prefix (2 or 4 digits) or a whole 6-digit code. */
  region?: string | undefined;
  submittedFrom?: Date | undefined;
  /** Exclusive upper bound. */
  submittedBefore?: Date | undefined;
  /** Part of the student's name or 考生号. */
  keyword?: string | undefined;
  /** The start of a credit code, or part of the 单位名称 (school desk). */
  employer?: string | undefined;
  /** A school code, or part of its name (employer desk). */
  school?: string | undefined;
}

export interface DeskPosition {
  key: string;
  id: string;
}

/** The desks are for the two parties that work through lists of signings. */
export type DeskCaller = AuthContext & { role: Extract<Party, 'school' | 'employer'> };

/** Anything that can run a select: the pool or a transaction. */
type Reader = Pick<Db, 'select'>;

/** `%`, `_` and `\` match themselves in a LIKE pattern built from user text. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const regionCode = sql<string>`(${signings.application}->>'regionCode')`;

function filterConditions(caller: DeskCaller, f: DeskFilters): SQL[] {
  const conditions: SQL[] = [partyScope(caller)];
  if (f.statuses) {
    conditions.push(f.statuses.length === 1 ? eq(signings.status, f.statuses[0]!) : inArray(signings.status, f.statuses));
  }
  if (f.region) conditions.push(f.region.length === 6 ? sql`${regionCode} = ${f.region}` : sql`${regionCode} like ${`${f.region}%`}`);
  if (f.submittedFrom) conditions.push(gte(signings.createdAt, f.submittedFrom));
  if (f.submittedBefore) conditions.push(lt(signings.createdAt, f.submittedBefore));
  if (f.keyword) {
    const contains = `%${escapeLike(f.keyword)}%`;
    conditions.push(or(ilike(students.name, contains), like(students.examineeNo, contains), like(signings.agreementNo, contains))!);
  }
  if (f.employer) {
    conditions.push(
      or(
        like(signings.employerCreditCode, `${escapeLike(f.employer.toUpperCase())}%`),
        ilike(signings.employerName, `%${escapeLike(f.employer)}%`),
      )!,
    );
  }
  if (f.school) conditions.push(or(eq(signings.schoolCode, f.school), ilike(schools.name, `%${escapeLike(f.school)}%`))!);
  return conditions;
}

/** The sort expression, and the same value as exact text for the cursor. */
function sortExpressions(field: DeskSortField): { expr: SQL; key: SQL<string>; fromKey: (key: string) => SQL } {
  const timestamp = (column: typeof signings.createdAt | typeof signings.updatedAt) => ({
    expr: sql`${column}`,
    key: sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    fromKey: (key: string) => sql`${key}::timestamptz`,
  });
  switch (field) {
    case 'submittedAt':
      return timestamp(signings.createdAt);
    case 'updatedAt':
      return timestamp(signings.updatedAt);
    case 'studentName':
      return { expr: sql`${students.name} collate "zh-x-icu"`, key: sql<string>`${students.name}`, fromKey: (key) => sql`${key}` };
    case 'examineeNo':
      return { expr: sql`${students.examineeNo} collate "C"`, key: sql<string>`${students.examineeNo}`, fromKey: (key) => sql`${key}` };
  }
}

const deskColumns = {
  id: signings.id,
  status: signings.status,
  application: signings.application,
  employerCreditCode: signings.employerCreditCode,
  employerName: signings.employerName,
  agreementNo: signings.agreementNo,
  unitNature: signings.unitNature,
  agreementVersion: signings.agreementVersion,
  agreementHash: signings.agreementHash,
  deadlineAt: signings.deadlineAt,
  createdAt: signings.createdAt,
  updatedAt: signings.updatedAt,
  studentId: students.id,
  studentName: students.name,
  examineeNo: students.examineeNo,
  major: students.major,
  educationLevel: students.educationLevel,
  schoolCode: schools.code,
  schoolName: schools.name,
  /** 处理信息: the last transition (a data-only event such as a saved archive does not count). */
  lastEvent: sql<{ action: AuditAction; reason: string | null; actorRole: Party | 'system'; at: string } | null>`(
    select json_build_object('action', ${signingEvents.action}, 'reason', ${signingEvents.reason},
                             'actorRole', ${signingEvents.actorRole}, 'at', ${signingEvents.at})
      from ${signingEvents}
     where ${signingEvents.signingId} = ${signings.id}
       and ${signingEvents.fromStatus} is distinct from ${signingEvents.toStatus}
     order by ${signingEvents.seq} desc
     limit 1)`,
  /** 工作职位 and 工作职位类别代码, from the current agreement version. */
  position: sql<{ jobCategoryCode: string | null; position: string | null } | null>`(
    select json_build_object('jobCategoryCode', ${agreementVersions.agreement}->'subject'->>'jobCategoryCode',
                             'position', ${agreementVersions.agreement}->'subject'->>'position')
      from ${agreementVersions}
     where ${agreementVersions.signingId} = ${signings.id}
       and ${agreementVersions.version} = ${signings.agreementVersion})`,
  /** The status of the signing's latest 解约 request, so the lists can flag one that is pending. */
  rescissionStatus: sql<RescissionStatus | null>`(select ${rescissions.status} from ${rescissions} where ${rescissions.id} = ${signings.rescissionId})`,
};

export interface DeskRow {
  id: string;
  status: SigningStatus;
  application: Application;
  employerCreditCode: string;
  employerName: string;
  agreementNo: string;
  unitNature: string | null;
  agreementVersion: number | null;
  agreementHash: string | null;
  deadlineAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  studentId: string;
  studentName: string;
  examineeNo: string;
  major: string | null;
  educationLevel: string | null;
  schoolCode: string;
  schoolName: string;
  lastEvent: { action: AuditAction; reason: string | null; actorRole: Party | 'system'; at: string } | null;
  position: { jobCategoryCode: string | null; position: string | null } | null;
  rescissionStatus: RescissionStatus | null;
  sortKey: string;
}

/**
 * The page query itself (not yet run): `limit + 1` rows in the given sort after `after`. Exposed so
 * that scripts/measure-desk.ts can EXPLAIN exactly what the desk runs.
 */
export function deskPageQuery(
  db: Reader,
  caller: DeskCaller,
  filters: DeskFilters,
  sort: DeskSort,
  page: { limit: number; after?: DeskPosition | undefined },
) {
  const { expr, key, fromKey } = sortExpressions(sort.field);
  const conditions = filterConditions(caller, filters);
  if (page.after) {
    const op = sort.order === 'asc' ? sql`>` : sql`<`;
    conditions.push(sql`(${expr}, ${signings.id}) ${op} (${fromKey(page.after.key)}, ${page.after.id}::uuid)`);
  }
  // NULLS LAST / FIRST as the indexes are declared (drizzle's `.desc()` is DESC NULLS LAST), so a
  // (school|employer, [status,] created_at, id) index yields the order without a sort; the columns
  // are NOT NULL, so the results are the same either way.
  const direction = sort.order === 'asc' ? sql`asc nulls first` : sql`desc nulls last`;
  return db
    .select({ ...deskColumns, sortKey: key })
    .from(signings)
    .innerJoin(students, eq(students.id, signings.studentId))
    .innerJoin(schools, eq(schools.code, signings.schoolCode))
    .where(and(...conditions))
    .orderBy(sql`${expr} ${direction}`, sql`${signings.id} ${direction}`)
    .limit(page.limit + 1);
}

/** One page in the given sort, after `after`; `hasMore` tells whether another page follows. */
export async function listDeskPage(
  db: Reader,
  caller: DeskCaller,
  filters: DeskFilters,
  sort: DeskSort,
  page: { limit: number; after?: DeskPosition | undefined },
): Promise<{ rows: DeskRow[]; hasMore: boolean }> {
  const rows = await deskPageQuery(db, caller, filters, sort, page);
  return { rows: rows.slice(0, page.limit) as DeskRow[], hasMore: rows.length > page.limit };
}

/**
 * How many signings match the filters (for the table's "共 N 条" and the export's cap). Students and
 * schools are joined only when a filter needs them (every signing has both), so the default count
 * is an index-only scan of the party's list index.
 */
export async function countDesk(db: Reader, caller: DeskCaller, filters: DeskFilters): Promise<number> {
  let query = db.select({ n: count() }).from(signings).$dynamic();
  if (filters.keyword) query = query.innerJoin(students, eq(students.id, signings.studentId));
  if (filters.school) query = query.innerJoin(schools, eq(schools.code, signings.schoolCode));
  const [row] = await query.where(and(...filterConditions(caller, filters)));
  return row?.n ?? 0;
}

/** Every matching row in sort order, a page at a time (for the CSV export). */
export async function* allDeskRows(
  db: Reader,
  caller: DeskCaller,
  filters: DeskFilters,
  sort: DeskSort,
  pageSize = 1000,
): AsyncGenerator<DeskRow[]> {
  let after: DeskPosition | undefined;
  for (;;) {
    const { rows, hasMore } = await listDeskPage(db, caller, filters, sort, { limit: pageSize, after });
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!hasMore || !last) return;
    after = { key: last.sortKey, id: last.id };
  }
}
