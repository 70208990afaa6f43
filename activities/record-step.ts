/**
 * One step of a signing in one activity and one database transaction: the accepted transition (if
 * any), then the notification it announces (if any) — so the inbox never tells of a state the
 * signing row does not show, and a step costs one commit. Answers whether the notification left
 * anything to deliver (an e-mail or a webhook call), so the workflow starts a delivery workflow
 * only then. Idempotent, as both writes are.
 */
import type { Db } from '../db/client';
import type { NotificationEvent } from '../domain/notification-event';
import { logNotifications, writeNotifications } from './record-notifications';
import { type TransitionRecord, logTransition, writeTransition } from './record-transition';

export interface StepRecord {
  transition?: TransitionRecord | undefined;
  notification?: NotificationEvent | undefined;
}

export interface StepOutcome {
  /** true when the notification has e-mails or webhook calls pending. */
  deliver: boolean;
}

export function createRecordStep(deps: { db: Db; emailEnabled: boolean }) {
  return async function recordStep(step: StepRecord): Promise<StepOutcome> {
    const written = await deps.db.transaction(async (tx) => {
      const facts = step.transition ? await writeTransition(tx, step.transition) : null;
      return step.notification ? writeNotifications(tx, step.notification, { emailEnabled: deps.emailEnabled, facts }) : null;
    });
    if (step.transition) logTransition(step.transition);
    if (step.notification && written) logNotifications(step.notification, written);
    return { deliver: written?.deliver ?? false };
  };
}
