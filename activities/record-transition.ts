/**
 * Persists one accepted transition: the audit event, a new agreement version if one was sent (and
 * the employer's draft, which becomes what was sent), the signing row, and the employment plan on
 * completion — in one database transaction. Idempotent: the event is unique per (signing, seq),
 * versions per (signing, version), and the row only moves forward (`seq` guard); the draft is
 * replaced only by the attempt that moves the row, so a retried or duplicated activity changes
 * nothing twice (nor overwrites a draft edited since).
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { eventRow } from '../db/signing-rows';
import { agreementDrafts, agreementVersions, employmentPlans, signingEvents, signings } from '../db/schema';
import { draftFromSent } from '../domain/agreement-draft';
import type { EmploymentPlanRecord } from '../domain/employment-plan';
import type { AgreementVersion, SigningEvent, SigningState } from '../domain/signing-machine';
import { isTerminal } from '../domain/status';
import { activityLog } from './activity-log';

export interface TransitionRecord {
  signingId: string;
  event: SigningEvent;
  /** The signing as it is after this transition. */
  state: SigningState;
  /** When the new stage expires (null once ended). */
  deadlineAt?: string | null | undefined;
  newVersion?: AgreementVersion | undefined;
  plan?: EmploymentPlanRecord | undefined;
}

export class SigningRowMissingError extends Error {
  override name = 'SigningRowMissingError';
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function replaceDraftWithSent(tx: Tx, signingId: string, sent: AgreementVersion): Promise<void> {
  const draft = { ...draftFromSent(sent), archive: null, updatedBy: sent.sentBy, updatedAt: new Date(sent.sentAt) };
  await tx
    .insert(agreementDrafts)
    .values({ signingId, ...draft })
    .onConflictDoUpdate({ target: agreementDrafts.signingId, set: draft });
}

export function createRecordTransition({ db }: { db: Db }) {
  return async function recordTransition(record: TransitionRecord): Promise<void> {
    const { signingId, event, state, newVersion, plan } = record;
    await db.transaction(async (tx) => {
      // The API inserts the row in the same transaction that starts the workflow; until that
      // commits there is nothing to attach to. Throwing makes Temporal retry shortly.
      const [row] = await tx.select({ seq: signings.seq }).from(signings).where(eq(signings.id, signingId)).for('update');
      if (!row) throw new SigningRowMissingError(`signing ${signingId} is not in the database yet`);

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

      await tx
        .insert(signingEvents)
        .values(eventRow(signingId, event))
        .onConflictDoNothing();

      const current = state.agreement;
      const moved = await tx
        .update(signings)
        .set({
          status: state.status,
          seq: state.seq,
          unitNature: current?.unitNature ?? null,
          contact: current?.contact ?? null,
          archive: state.archive ?? current?.archive ?? null,
          agreementVersion: current?.version ?? null,
          agreementHash: current?.hash ?? null,
          deadlineAt: record.deadlineAt ? new Date(record.deadlineAt) : null,
          updatedAt: new Date(state.updatedAt),
          endedAt: isTerminal(state.status) ? new Date(state.updatedAt) : null,
        })
        .where(and(eq(signings.id, signingId), lt(signings.seq, state.seq)))
        .returning({ seq: signings.seq });

      // After a send the draft holds what was sent, except 档案接收, which lives on the signing
      // (api/drafts/drafts.ts): a returned agreement is edited from the version the student saw.
      if (newVersion && moved.length > 0) await replaceDraftWithSent(tx, signingId, newVersion);

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
    });
    // Ids and codes only: the agreement, the parties' names and contacts stay out of logs.
    activityLog().info('已记录状态变更', { signingId, seq: state.seq, action: event.action, status: state.status });
  };
}
