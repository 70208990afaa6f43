/**
 * Writes one accepted transition inside the step's transaction (activities/record-step.ts): the
 * signing row, the audit event, a new agreement version if one was sent (and the employer's draft,
 * which becomes what was sent), and the employment plan on completion. Idempotent: the row only
 * moves forward (`seq` guard), the event is unique per (signing, seq), versions per (signing,
 * version), the plan per signing; the draft is replaced only by the attempt that moves the row, so
 * a retried or duplicated activity changes nothing twice (nor overwrites a draft edited since).
 *
 * The row is moved by one `UPDATE … RETURNING` (it takes the row lock a `SELECT … FOR UPDATE` used
 * to), which also returns the names the step's notification shows, so they are not selected again.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { eventRow } from '../db/signing-rows';
import { agreementDrafts, agreementVersions, employmentPlans, signingEvents, signings } from '../db/schema';
import { draftFromSent } from '../domain/agreement-draft';
import type { EmploymentPlanRecord } from '../domain/employment-plan';
import type { NotificationFacts } from '../domain/notification-messages';
import type { AgreementVersion, SigningEvent, SigningState } from '../domain/signing-machine';
import { type SigningProjection, signingProjection } from '../domain/signing-projection';
import { activityLog } from './activity-log';

export interface TransitionRecord {
  signingId: string;
  event: SigningEvent;
  /**
   * The signing row as this transition leaves it (domain/signing-projection.ts): the change, a few
   * hundred bytes, where the whole state (application and agreement, ≈ 5 KB through the codec)
   * used to travel in every step's input (issue 16).
   */
  row?: SigningProjection | undefined;
  /** What activities scheduled before `row` existed carry instead: the state, projected here. */
  state?: SigningState | undefined;
  /** When the new stage expires (null once ended). */
  deadlineAt?: string | null | undefined;
  newVersion?: AgreementVersion | undefined;
  plan?: EmploymentPlanRecord | undefined;
}

export class SigningRowMissingError extends Error {
  override name = 'SigningRowMissingError';
}

/** The names a notification about a signing shows (domain/notification-messages.ts), as columns of its row. */
export const signingFactColumns = {
  agreementNo: signings.agreementNo,
  studentName: sql<string>`(select name from students where students.id = ${signings.studentId})`,
  examineeNo: sql<string>`(select examinee_no from students where students.id = ${signings.studentId})`,
  schoolName: sql<string>`(select name from schools where schools.code = ${signings.schoolCode})`,
  // The employer's registered name when it has an account; else the name the student typed.
  employerName: sql<string>`coalesce((select name from employers where employers.credit_code = ${signings.employerCreditCode}), ${signings.employerName})`,
};

export type SigningFacts = Omit<NotificationFacts, 'expiredAwaiting'>;

async function replaceDraftWithSent(tx: Tx, signingId: string, sent: AgreementVersion): Promise<void> {
  const draft = { ...draftFromSent(sent), archive: null, updatedBy: sent.sentBy, updatedAt: new Date(sent.sentAt) };
  await tx
    .insert(agreementDrafts)
    .values({ signingId, ...draft })
    .onConflictDoUpdate({ target: agreementDrafts.signingId, set: draft });
}

/** Writes the transition in `tx`; answers the signing's names when this attempt moved the row (null on a repeat). */
export async function writeTransition(tx: Tx, record: TransitionRecord): Promise<SigningFacts | null> {
  const { signingId, event, newVersion, plan } = record;
  const row = rowOf(record);
  const [moved] = await tx
    .update(signings)
    .set({
      ...row,
      deadlineAt: record.deadlineAt ? new Date(record.deadlineAt) : null,
      updatedAt: new Date(row.updatedAt),
      endedAt: row.endedAt ? new Date(row.endedAt) : null,
    })
    .where(and(eq(signings.id, signingId), lt(signings.seq, row.seq)))
    .returning(signingFactColumns);
  if (!moved) {
    // A repeat of a step already written, or a row not there yet: the API inserts it in the same
    // transaction that starts the workflow, and until that commits there is nothing to attach to
    // (throwing makes Temporal retry shortly).
    const [exists] = await tx.select({ seq: signings.seq }).from(signings).where(eq(signings.id, signingId));
    if (!exists) throw new SigningRowMissingError(`signing ${signingId} is not in the database yet`);
  }

  if (newVersion) {
    await tx
      .insert(agreementVersions)
      .values({
        signingId,
        version: newVersion.version,
        hash: newVersion.hash,
        unitNature: newVersion.unitNature,
        contact: newVersion.contact,
        agreement: newVersion.agreement,
        archive: newVersion.archive ?? null,
        sentBy: newVersion.sentBy,
        sentAt: new Date(newVersion.sentAt),
      })
      .onConflictDoNothing();
  }
  await tx.insert(signingEvents).values(eventRow(signingId, event)).onConflictDoNothing();

  // After a send the draft holds what was sent, except 档案接收, which lives on the signing
  // (api/drafts/drafts.ts): a returned agreement is edited from the version the student saw.
  if (newVersion && moved) await replaceDraftWithSent(tx, signingId, newVersion);

  if (plan) {
    const values = {
      ...plan,
      originAuthority: sql`(select origin_authority from students where id = ${plan.studentId})`,
      syncedAt: new Date(plan.syncedAt),
    };
    // Written once per signing: a retry adds nothing, and never un-withdraws a plan an approved
    // 解约 withdrew since (docs/design.md §11).
    await tx.insert(employmentPlans).values(values).onConflictDoNothing({ target: employmentPlans.signingId });
  }
  return moved ?? null;
}

/** The row a record writes: carried since issue 16, projected from the state in older inputs. */
function rowOf(record: TransitionRecord): SigningProjection {
  if (record.row) return record.row;
  if (record.state) return signingProjection(record.state);
  throw new TypeError(`transition ${record.signingId}#${record.event.seq} carries neither its row nor its state`);
}

/** Ids and codes only: the agreement, the parties' names and contacts stay out of logs. Once committed. */
export function logTransition(record: TransitionRecord): void {
  activityLog().debug('已记录状态变更', { signingId: record.signingId, seq: record.event.seq, action: record.event.action, status: record.event.toStatus });
}

/** The transition alone, in its own transaction (tests drive it directly). */
export function createRecordTransition({ db }: { db: Db }) {
  return async function recordTransition(record: TransitionRecord): Promise<void> {
    await db.transaction((tx) => writeTransition(tx, record));
    logTransition(record);
  };
}
