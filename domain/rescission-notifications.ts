/**
 * What a 解约 request tells the parties (docs/design.md §11): one notification event per step —
 * the request, the counterparty's answer, the school's decision, a withdrawal, an expiry — to all
 * three parties, and reminders to the party the request waits for. The ids are stable (the same on
 * every retry and replay) and distinct from the signing's own: `rescission-<id>.<seq>` for a step,
 * `rescission-<id>.<seq>.r<n>` for a reminder of the stage that began with step `seq`. Pure.
 */
import type { NotificationEvent, NotificationType, ReminderInfo } from './notification-event';
import { type RescissionEvent, type RescissionEventAction, type RescissionState, awaitedRescissionParty } from './rescission';
import { PARTIES, type SigningStatus } from './status';

export const RESCISSION_NOTIFICATION_TYPES: Record<RescissionEventAction, NotificationType> = {
  request: 'signing.rescission_requested',
  agree: 'signing.rescission_agreed',
  reject: 'signing.rescission_rejected',
  withdraw: 'signing.rescission_withdrawn',
  expire: 'signing.rescission_expired',
  approve: 'signing.rescinded',
};

/** The signing's status once the request is in `state`: 已解约 after an approval, 已完成 otherwise. */
export function signingStatusDuring(state: Pick<RescissionState, 'status'>): SigningStatus {
  return state.status === 'APPROVED' ? 'RESCINDED' : 'COMPLETED';
}

export function rescissionNotificationId(rescissionId: string, seq: number): string {
  return `rescission-${rescissionId}.${seq}`;
}

/** The event announcing step `event` of the request, which left it in `state`. */
export function rescissionNotification(state: RescissionState, event: RescissionEvent, deadlineAt: string | null): NotificationEvent {
  return {
    id: rescissionNotificationId(state.rescissionId, event.seq),
    type: RESCISSION_NOTIFICATION_TYPES[event.action],
    signingId: state.signingId,
    status: signingStatusDuring(state),
    at: event.at,
    parties: state.parties,
    recipients: [...PARTIES],
    awaiting: awaitedRescissionParty(state),
    deadlineAt,
    actor: event.actor,
    reason: event.reason,
    rescission: { id: state.rescissionId, status: state.status },
  };
}

/** A reminder, to the awaited party, of the stage that began with step `stageSeq`. */
export function rescissionReminder(state: RescissionState, stageSeq: number, reminder: ReminderInfo, at: string, deadlineAt: string): NotificationEvent {
  const awaiting = awaitedRescissionParty(state);
  if (!awaiting) throw new Error(`rescission ${state.rescissionId} awaits nobody (${state.status})`);
  return {
    id: `${rescissionNotificationId(state.rescissionId, stageSeq)}.r${reminder.n}`,
    type: 'signing.reminder',
    signingId: state.signingId,
    status: signingStatusDuring(state),
    at,
    parties: state.parties,
    recipients: [awaiting],
    awaiting,
    deadlineAt,
    reminder,
    rescission: { id: state.rescissionId, status: state.status },
  };
}
