/**
 * Persists one step of a 解约 request (docs/design.md §11), then the notification it announces, in
 * that order and in one transaction (as recordStep does for a signing's step):
 *
 * - the step, in one transaction: the request's row moves forward; the signing's audit trail gets
 *   the step (the signing's `seq` goes on counting after completion); an approval makes the signing
 *   已解约 and withdraws its plan from the 就业方案库 (kept, with the request and the approver).
 * - the notification: inbox rows, e-mails and webhook deliveries (recordNotifications).
 *
 * Both in one transaction. Idempotent: the request's row is locked and its `seq` says whether the
 * step is already in — the row, the trail and the plan move together — so a retried or duplicated
 * activity changes nothing twice; the notification's rows are unique per (event, recipient).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { employmentPlans, rescissions, signingEvents, signings } from '../db/schema';
import type { NotificationEvent } from '../domain/notification-event';
import { isPendingRescission } from '../domain/rescission';
import { signingStatusDuring } from '../domain/rescission-notifications';
import type { RescissionStepRecord } from '../workflows/rescission-messages';
import { activityLog } from './activity-log';
import { logNotifications, writeNotifications } from './record-notifications';
import { type SigningFacts, signingFactColumns } from './record-transition';
import type { StepOutcome } from './record-step';

export interface RescissionStep {
  record?: RescissionStepRecord | undefined;
  notification?: NotificationEvent | undefined;
}

export class RescissionRowMissingError extends Error {
  override name = 'RescissionRowMissingError';
}

async function requireRescissionRow(tx: Tx, rescissionId: string): Promise<void> {
  const [row] = await tx.select({ id: rescissions.id }).from(rescissions).where(eq(rescissions.id, rescissionId));
  if (!row) throw new RescissionRowMissingError(`rescission ${rescissionId} is not in the database yet`);
}

/** Writes the step in `tx`; answers the signing's names when this attempt wrote it (null on a repeat). */
async function writeRescissionTransition(tx: Tx, { state, event, deadlineAt }: RescissionStepRecord): Promise<SigningFacts | null> {
  // The API inserts the row in the transaction that starts the workflow; until that commits
  // there is nothing to attach to, and Temporal retries shortly.
  const [row] = await tx.select({ seq: rescissions.seq }).from(rescissions).where(eq(rescissions.id, state.rescissionId)).for('update');
  if (!row) throw new RescissionRowMissingError(`rescission ${state.rescissionId} is not in the database yet`);
  if (row.seq >= state.seq) return null;

  const at = new Date(event.at);
  const signingStatus = signingStatusDuring(state);
  const [signing] = await tx
    .update(signings)
    .set({ seq: sql`${signings.seq} + 1`, status: signingStatus, updatedAt: at })
    .where(eq(signings.id, state.signingId))
    .returning({ seq: signings.seq, ...signingFactColumns });
  if (!signing) throw new Error(`signing ${state.signingId} of rescission ${state.rescissionId} is missing`);
  await tx.insert(signingEvents).values({
    signingId: state.signingId,
    seq: signing.seq,
    action: `rescission_${event.action}`,
    actorRole: event.actor.role,
    actorId: event.actor.id,
    // A request only exists on a completed signing, and only its approval moves the signing.
    fromStatus: 'COMPLETED',
    toStatus: signingStatus,
    reason: event.reason ?? null,
    rescissionId: state.rescissionId,
    rescissionSeq: event.seq,
    at,
  });

  const ended = !isPendingRescission(state.status);
  await tx
    .update(rescissions)
    .set({
      status: state.status,
      seq: state.seq,
      decisionReason: state.decisionReason,
      ...(ended && event.actor.role !== 'system' ? { decidedBy: event.actor.id } : {}),
      deadlineAt: deadlineAt ? new Date(deadlineAt) : null,
      updatedAt: at,
      endedAt: ended ? at : null,
    })
    .where(eq(rescissions.id, state.rescissionId));

  if (state.status === 'APPROVED') {
    await tx
      .update(employmentPlans)
      .set({ withdrawnAt: at, rescissionId: state.rescissionId, withdrawnBy: event.actor.id })
      .where(and(eq(employmentPlans.signingId, state.signingId), isNull(employmentPlans.withdrawnAt)));
  }
  const { seq: _seq, ...facts } = signing;
  return facts;
}

export function createRecordRescissionStep(deps: { db: Db; emailEnabled: boolean }) {
  return async function recordRescissionStep(step: RescissionStep): Promise<StepOutcome> {
    const written = await deps.db.transaction(async (tx) => {
      // The request's own notice comes before any step: its row must be committed first, or the
      // parties would be told of a request whose reservation may still roll back (Temporal retries).
      if (!step.record && step.notification?.rescission) await requireRescissionRow(tx, step.notification.rescission.id);
      const facts = step.record ? await writeRescissionTransition(tx, step.record) : null;
      return step.notification ? writeNotifications(tx, step.notification, { emailEnabled: deps.emailEnabled, facts }) : null;
    });
    if (step.record) {
      const { state, event } = step.record;
      // Ids and codes only: the reasons and the parties' names stay out of logs.
      activityLog().debug('已记录解约申请的一步', { rescissionId: state.rescissionId, seq: state.seq, action: event.action, status: state.status });
    }
    if (step.notification && written) logNotifications(step.notification, written);
    return { deliver: written?.deliver ?? false };
  };
}
