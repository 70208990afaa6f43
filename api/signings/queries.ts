/**
 * Reads of signings for the API, always scoped to the caller's party: a student sees its own,
 * an employer those naming its credit code, a school admin its school's. A signing outside that
 * scope is simply not found (docs/design.md §7: existence is not revealed).
 */
import { type SQL, and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, agreementVersions, employmentPlans, rescissionLetters, rescissions, schools, signingEvents, signings, students } from '../../db/schema';
import { BLOCKING_STATUSES, type SigningStatus } from '../../domain/status';
import type { AuthContext } from '../auth/authenticate';
import { type KeysetCursor, after, newestFirst } from '../http/cursor';
import { AppError } from '../http/errors';
import { uuidParamSchema } from '../http/validate';

export function partyScope(caller: AuthContext): SQL {
  switch (caller.role) {
    case 'student':
      return eq(signings.studentId, caller.partyId);
    case 'employer':
      return eq(signings.employerCreditCode, caller.partyId);
    case 'school':
      return eq(signings.schoolCode, caller.partyId);
  }
}

const signingColumns = {
  signing: signings,
  student: { id: students.id, name: students.name, examineeNo: students.examineeNo },
  school: { code: schools.code, name: schools.name },
  // The latest 解约 request (api/rescissions), with what its letter is.
  rescission: rescissions,
  letter: { contentType: rescissionLetters.contentType, size: rescissionLetters.size },
};

/** The joins every signing read makes: the student, the school, the latest 解约 request and its letter. */
function fromSignings(db: Db) {
  return db
    .select(signingColumns)
    .from(signings)
    .innerJoin(students, eq(students.id, signings.studentId))
    .innerJoin(schools, eq(schools.code, signings.schoolCode))
    .leftJoin(rescissions, eq(rescissions.id, signings.rescissionId))
    .leftJoin(rescissionLetters, eq(rescissionLetters.id, rescissions.letterId));
}

export type SigningRow = Awaited<ReturnType<typeof findSigning>> & {};

export async function findSigning(db: Db, id: string, caller: AuthContext) {
  const [row] = await fromSignings(db).where(and(eq(signings.id, id), partyScope(caller)));
  return row ?? null;
}


/** Newest first, keyset-paginated on (created_at, id). */
/**
 * The signing a route's `{id}` names, if the caller is one of its parties; 404 otherwise, also for
 * a malformed id (existence is never revealed).
 */
export async function loadOwnSigning(db: Db, id: unknown, caller: AuthContext): Promise<SigningRow> {
  const parsed = uuidParamSchema.safeParse(id);
  const row = parsed.success ? await findSigning(db, parsed.data, caller) : null;
  if (!row) throw AppError.notFound();
  return row;
}

export async function listSignings(
  db: Db,
  caller: AuthContext,
  options: { status?: SigningStatus | undefined; limit: number; cursor?: KeysetCursor | undefined },
) {
  const conditions: SQL[] = [partyScope(caller)];
  if (options.status) conditions.push(eq(signings.status, options.status));
  if (options.cursor) conditions.push(after(signings, options.cursor));
  return fromSignings(db)
    .where(and(...conditions))
    .orderBy(...newestFirst(signings))
    .limit(options.limit + 1);
}

/** The student's pending or completed signing, if any (the one that blocks a new application). */
export async function findBlockingSigning(db: Db, studentId: string) {
  const [row] = await db
    .select({ id: signings.id, status: signings.status })
    .from(signings)
    .where(and(eq(signings.studentId, studentId), inArray(signings.status, [...BLOCKING_STATUSES])));
  return row ?? null;
}

export async function listEvents(db: Db, signingId: string) {
  return db.select().from(signingEvents).where(eq(signingEvents.signingId, signingId)).orderBy(asc(signingEvents.seq));
}

export async function findAgreementVersion(db: Db, signingId: string, version: number) {
  const [row] = await db
    .select()
    .from(agreementVersions)
    .where(and(eq(agreementVersions.signingId, signingId), eq(agreementVersions.version, version)));
  return row ?? null;
}

/** The student's current plan (not withdrawn by a 解约), with the 协议书编号 of the signing it came from. */
export async function findPlan(db: Db, studentId: string) {
  const [row] = await db
    .select({ plan: employmentPlans, agreementNo: signings.agreementNo })
    .from(employmentPlans)
    .innerJoin(signings, eq(signings.id, employmentPlans.signingId))
    .where(and(eq(employmentPlans.studentId, studentId), isNull(employmentPlans.withdrawnAt)));
  return row ? { ...row.plan, agreementNo: row.agreementNo } : null;
}

/** The student's plans withdrawn by an approved 解约, newest first, with who approved it. */
export async function listWithdrawnPlans(db: Db, studentId: string) {
  return db
    .select({
      signingId: employmentPlans.signingId,
      agreementNo: signings.agreementNo,
      employerName: employmentPlans.employerName,
      creditCode: employmentPlans.creditCode,
      syncedAt: employmentPlans.syncedAt,
      withdrawnAt: employmentPlans.withdrawnAt,
      rescissionId: employmentPlans.rescissionId,
      withdrawnBy: accounts.displayName,
    })
    .from(employmentPlans)
    .innerJoin(signings, eq(signings.id, employmentPlans.signingId))
    .leftJoin(accounts, eq(accounts.id, employmentPlans.withdrawnBy))
    .where(and(eq(employmentPlans.studentId, studentId), isNotNull(employmentPlans.withdrawnAt)))
    .orderBy(desc(employmentPlans.withdrawnAt));
}

export async function findStudent(db: Db, studentId: string) {
  const [row] = await db
    .select({ student: students, school: { code: schools.code, name: schools.name } })
    .from(students)
    .innerJoin(schools, eq(schools.code, students.schoolCode))
    .where(eq(students.id, studentId));
  return row ?? null;
}

/** The student's most recent signing, for the 个人中心. */
export async function findLatestSigning(db: Db, caller: AuthContext) {
  const [row] = await listSignings(db, caller, { limit: 0 });
  return row ?? null;
}
