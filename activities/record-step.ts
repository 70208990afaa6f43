/**
 * One step of a signing in one activity: the accepted transition (if any), then the notification
 * it announces (if any), in that order — the inbox never tells of a state the signing row does not
 * show yet. Answers whether the notification left anything to deliver (a pending e-mail or webhook
 * call), so the workflow starts a delivery workflow only when there is something to deliver.
 * Idempotent, as both writes are.
 */
import type { NotificationEvent } from '../domain/notification-event';
import type { PendingDeliveries } from './deliveries';
import type { TransitionRecord } from './record-transition';

export interface StepRecord {
  transition?: TransitionRecord | undefined;
  notification?: NotificationEvent | undefined;
}

export interface StepOutcome {
  /** true when the notification has e-mails or webhook calls pending. */
  deliver: boolean;
}

export function createRecordStep(deps: {
  recordTransition: (record: TransitionRecord) => Promise<void>;
  recordNotifications: (event: NotificationEvent) => Promise<void>;
  listPendingDeliveries: (eventId: string) => Promise<PendingDeliveries>;
}) {
  return async function recordStep(step: StepRecord): Promise<StepOutcome> {
    if (step.transition) await deps.recordTransition(step.transition);
    if (!step.notification) return { deliver: false };
    await deps.recordNotifications(step.notification);
    const pending = await deps.listPendingDeliveries(step.notification.id);
    return { deliver: pending.emails.length + pending.webhooks.length > 0 };
  };
}
