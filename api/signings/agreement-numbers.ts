/**
 * Draws the next 协议书编号 of a school's cohort (domain/agreement-no.ts). One upsert statement:
 * PostgreSQL locks the (school, cohort) counter row for that statement alone, so two concurrent
 * submissions get different serials, and neither waits on the other's workflow start. A number
 * drawn for a submission that is then refused is not reused (a gap, which the format allows).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agreementSerials } from '../../db/schema';
import { formatAgreementNo, graduationCohort } from '../../domain/agreement-no';

export async function drawAgreementNo(db: Db, schoolCode: string, at: Date): Promise<string> {
  const cohort = graduationCohort(at);
  const [row] = await db
    .insert(agreementSerials)
    .values({ schoolCode, cohort, lastSerial: 1 })
    .onConflictDoUpdate({
      target: [agreementSerials.schoolCode, agreementSerials.cohort],
      set: { lastSerial: sql`${agreementSerials.lastSerial} + 1` },
    })
    .returning({ serial: agreementSerials.lastSerial });
  if (!row) throw new Error('agreement_serials upsert returned no row');
  return formatAgreementNo(cohort, schoolCode, row.serial);
}
