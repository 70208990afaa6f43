/**
 * Mock activities for workflow tests: they record what the signing workflow asked to persist and
 * to notify, and give the delivery child workflow nothing to send (delivery has its own tests).
 */
import type { TransitionRecord } from '../../activities';
import type { StepRecord } from '../../activities/record-step';
import type { NotificationEvent } from '../../domain/notification-event';

export function recordingActivities(transitions: TransitionRecord[], notifications: NotificationEvent[]) {
  const mocks = {
    async recordTransition(record: TransitionRecord) {
      transitions.push(record);
    },
    async recordNotifications(event: NotificationEvent) {
      notifications.push(event);
    },
    async listPendingDeliveries() {
      return { emails: [], webhooks: [] };
    },
  };
  // As the real one: a step records its transition, then its notification; nothing to deliver.
  return {
    ...mocks,
    async recordStep(step: StepRecord) {
      if (step.transition) await mocks.recordTransition(step.transition);
      if (step.notification) await mocks.recordNotifications(step.notification);
      return { deliver: false };
    },
  };
}
