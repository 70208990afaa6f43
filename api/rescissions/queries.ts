/** Reads of 解约 requests for the API, always through a signing the caller is a party of. */
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rescissionLetters, rescissions, schools } from '../../db/schema';

export type RescissionRow = typeof rescissions.$inferSelect;

export async function findRescission(db: Db, id: string): Promise<RescissionRow | null> {
  const [row] = await db.select().from(rescissions).where(eq(rescissions.id, id));
  return row ?? null;
}

/** The 解约 requests of a student that were approved: what the school's limit counts. */
export async function countApprovedRescissions(db: Db, studentId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(rescissions)
    .where(and(eq(rescissions.studentId, studentId), eq(rescissions.status, 'APPROVED')));
  return row?.n ?? 0;
}

/** The school's own limit of approved 解约 per student, or the service's default. */
export async function rescissionLimitOf(db: Db, schoolCode: string, fallback: number): Promise<number> {
  const [row] = await db.select({ limit: schools.rescissionLimit }).from(schools).where(eq(schools.code, schoolCode));
  return row?.limit ?? fallback;
}

export async function findLetter(db: Db, id: string) {
  const [row] = await db.select().from(rescissionLetters).where(eq(rescissionLetters.id, id));
  return row ?? null;
}

