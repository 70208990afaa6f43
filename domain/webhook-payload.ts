/**
 * The JSON body POSTed to webhook endpoints for one notification event. It names the signing and
 * its state but carries no personal data (no names, no 考生号): the receiver fetches details
 * through the API with its own credentials. Pure.
 */
import type { NotificationEvent, NotificationType, ReminderInfo } from './notification-event';
import { RESCISSION_STATUS_LABELS, type RescissionStatus } from './rescission';
import type { Party, SigningStatus } from './status';
import { STATUS_LABELS } from './status';

export interface WebhookPayload {
  /** The event id: the same on every retry, so receivers deduplicate by it. */
  id: string;
  type: NotificationType;
  createdAt: string;
  data: {
    signingId: string;
    /** 协议书编号: not personal data (a school code and a serial), and what people quote. */
    agreementNo: string;
    status: SigningStatus;
    statusLabel: string;
    awaiting: Party | null;
    deadlineAt: string | null;
    reason?: string;
    agreementVersion?: number;
    reminder?: ReminderInfo;
    /** A 解约 request's events: the request, and its status after the event (`awaiting`/`deadlineAt` are then the request's). */
    rescission?: { id: string; status: RescissionStatus; statusLabel: string };
  };
}

export function webhookPayload(event: NotificationEvent, agreementNo: string): WebhookPayload {
  return {
    id: event.id,
    type: event.type,
    createdAt: event.at,
    data: {
      signingId: event.signingId,
      agreementNo,
      status: event.status,
      statusLabel: STATUS_LABELS[event.status],
      awaiting: event.awaiting,
      deadlineAt: event.deadlineAt,
      ...(event.reason === undefined ? {} : { reason: event.reason }),
      ...(event.agreementVersion === undefined ? {} : { agreementVersion: event.agreementVersion }),
      ...(event.reminder === undefined ? {} : { reminder: { n: event.reminder.n, lastCall: event.reminder.lastCall } }),
      ...(event.rescission === undefined
        ? {}
        : { rescission: { id: event.rescission.id, status: event.rescission.status, statusLabel: RESCISSION_STATUS_LABELS[event.rescission.status] } }),
    },
  };
}
