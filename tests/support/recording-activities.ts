/**
 * Mock activities for workflow tests: they record what the signing workflow asked to persist and
 * to notify, and give the delivery child workflow nothing to send (delivery has its own tests).
 */
import type { TransitionRecord } from '../../activities';
import type { NotificationEvent } from '../../domain/notification-event';

export function recordingActivities(transitions: TransitionRecord[], notifications: NotificationEvent[]) {
  return {
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
}
