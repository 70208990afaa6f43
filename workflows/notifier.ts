/**
 * Tells the parties what happened, without ever holding up a transition: each event is recorded
 * by its step (recordStep, after the transition it follows), then handed to its own delivery
 * workflow when it has e-mails or webhook calls to deliver (abandoned by this one, so retries of
 * e-mail and webhooks outlive the signing).
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { NotificationEvent } from '../domain/notification-event';
import { deliverNotificationsWorkflow } from './deliver-notifications';

export interface Notifier {
  /**
   * For an event recorded by its step (recordStep): starts its delivery workflow once `recorded`
   * says there is something to deliver, and nothing otherwise.
   */
  deliver(event: NotificationEvent, recorded: Promise<{ deliver: boolean }>): void;
  /** Resolves when every queued event's delivery has been started (or found nothing to deliver). */
  flushed(): Promise<void>;
}

const TYPE_LABELS: Record<NotificationEvent['type'], string> = {
  'signing.submitted': '已提交',
  'signing.employer_signed': '单位已签约',
  'signing.student_confirmed': '学生已确认',
  'signing.returned': '已退回单位',
  'signing.completed': '已完成',
  'signing.cancelled': '已取消',
  'signing.expired': '已过期',
  'signing.reminder': '提醒',
  'signing.rescission_requested': '申请解约',
  'signing.rescission_agreed': '同意解约',
  'signing.rescission_rejected': '拒绝解约',
  'signing.rescission_withdrawn': '撤回解约申请',
  'signing.rescission_expired': '解约申请已过期',
  'signing.rescinded': '已解约',
};

export function notificationLabel(event: NotificationEvent): string {
  return TYPE_LABELS[event.type];
}

async function startDelivery(event: NotificationEvent): Promise<void> {
  try {
    await startChild(deliverNotificationsWorkflow, {
      workflowId: `notify-${event.id}`,
      args: [event.id],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: `投递通知：${TYPE_LABELS[event.type]}`,
    });
  } catch (err) {
    // Already started by an earlier attempt of this same step: its delivery is under way.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

export function createNotifier(): Notifier {
  let queue: Promise<void> = Promise.resolve();
  return {
    deliver(event, recorded) {
      queue = queue.then(() => recorded).then(async ({ deliver }) => (deliver ? startDelivery(event) : undefined));
    },
    flushed: () => queue,
  };
}
