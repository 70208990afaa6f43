/**
 * What the signing workflow tells the notification side: one event per transition, reminder or
 * expiry, with a stable id (the same on every retry and replay), the parties to tell and the
 * deadline now in force. Turning an event into Chinese messages, inbox rows, e-mails and webhook
 * deliveries happens in activities; the workflow only emits these. Pure types and functions.
 */
import { ACTIONS, PARTY_ACTIONS } from './actions';
import type { SigningEvent, SigningParties } from './signing-machine';
import type { RescissionStatus } from './rescission';
import type { AuditAction, Party, SigningStatus } from './status';

export const NOTIFICATION_TYPES = [
  'signing.submitted',
  'signing.employer_signed',
  'signing.student_confirmed',
  'signing.returned',
  'signing.completed',
  'signing.cancelled',
  'signing.expired',
  'signing.reminder',
  // 解约 (domain/rescission-notifications.ts)
  'signing.rescission_requested',
  'signing.rescission_agreed',
  'signing.rescission_rejected',
  'signing.rescission_withdrawn',
  'signing.rescission_expired',
  'signing.rescinded',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface ReminderInfo {
  /** 1 for the first reminder of this stage, 2 for the second, … */
  n: number;
  /** The reminder one "last call" before the deadline. */
  lastCall: boolean;
}

export interface NotificationEvent {
  /** Unique and stable: `<signingId>.<seq>` for a transition, `<signingId>.<seq>.r<n>` for a reminder. */
  id: string;
  type: NotificationType;
  signingId: string;
  /** The signing's status after the event. */
  status: SigningStatus;
  /** Workflow time of the event (ISO-8601). */
  at: string;
  parties: SigningParties;
  /** Parties to tell. */
  recipients: Party[];
  /** The party whose turn it is now, and until when (null once ended). */
  awaiting: Party | null;
  deadlineAt: string | null;
  /** The transition behind this event (absent for reminders), and the status it left. */
  action?: AuditAction | undefined;
  fromStatus?: SigningStatus | null | undefined;
  actor?: SigningEvent['actor'] | undefined;
  reason?: string | undefined;
  agreementVersion?: number | undefined;
  reminder?: ReminderInfo | undefined;
  /**
   * Set for the events of a 解约 request (and its reminders): the request and its status after the
   * event. `awaiting` and `deadlineAt` above are then the request's, not the signing's.
   */
  rescission?: { id: string; status: RescissionStatus } | undefined;
}

/** Status-changing actions and what they are announced as (./actions.ts `announcedAs`); data-only actions are not announced. */
export const TYPE_OF_ACTION: Partial<Record<AuditAction, NotificationType>> = {
  submit: 'signing.submitted',
  ...Object.fromEntries(PARTY_ACTIONS.flatMap((action) => (ACTIONS[action].announcedAs ? [[action, ACTIONS[action].announcedAs]] : []))),
  expire: 'signing.expired',
};

const ALL_PARTIES: Party[] = ['student', 'employer', 'school'];

/** Whether a transition by `action` is announced to the parties. */
export function isAnnounced(action: AuditAction): boolean {
  return TYPE_OF_ACTION[action] !== undefined;
}

/** The event for an announced transition: every party of the signing is told. */
export function transitionNotification(
  signingId: string,
  parties: SigningParties,
  event: SigningEvent,
  awaiting: Party | null,
  deadlineAt: string | null,
): NotificationEvent {
  const type = TYPE_OF_ACTION[event.action];
  if (!type) throw new Error(`action ${event.action} is not announced`);
  return {
    id: `${signingId}.${event.seq}`,
    type,
    signingId,
    status: event.toStatus,
    at: event.at,
    parties,
    recipients: ALL_PARTIES,
    awaiting,
    deadlineAt,
    action: event.action,
    fromStatus: event.fromStatus,
    actor: event.actor,
    reason: event.reason,
    agreementVersion: event.agreementVersion,
  };
}

/** A reminder to the awaited party of the stage that began with transition `stageSeq`. */
export function reminderNotification(
  signingId: string,
  parties: SigningParties,
  status: SigningStatus,
  awaiting: Party,
  stageSeq: number,
  reminder: ReminderInfo,
  at: string,
  deadlineAt: string,
): NotificationEvent {
  return {
    id: `${signingId}.${stageSeq}.r${reminder.n}`,
    type: 'signing.reminder',
    signingId,
    status,
    at,
    parties,
    recipients: [awaiting],
    awaiting,
    deadlineAt,
    reminder,
  };
}
