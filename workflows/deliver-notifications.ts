/**
 * Delivers one notification event's e-mails and webhook calls, each by its own activity, all at
 * once, each retried with backoff for at least a day. Started by the signing workflow as an
 * abandoned child (`notify-<event id>`), so a dead mail server or webhook receiver delays only its
 * own delivery and never a transition. A delivery that still fails is marked failed and logged;
 * this workflow itself always completes.
 */
import type { ActivityOptions } from '@temporalio/common';
import { log, proxyActivities } from '@temporalio/workflow';
import type { Activities, DeliveryKind } from '../activities';

/**
 * Each delivery: 1 s, 2 s, 4 s … up to one try every 30 min, for 48 h in all (≥ 24 h of retries,
 * as receivers are told). A single attempt is cut off after 1 min (a webhook POST times out
 * itself after 10 s; SMTP after 20 s of silence).
 */
export const DELIVERY_OPTIONS = {
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '48 hours',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 minutes' },
} as const satisfies ActivityOptions;

/** Bookkeeping in our own database: retried without limit, like every persistence step. */
const BOOKKEEPING_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
} as const satisfies ActivityOptions;

const { listPendingDeliveries, markDeliveryFailed } = proxyActivities<Activities>(BOOKKEEPING_OPTIONS);
const { sendEmail, sendWebhook } = proxyActivities<Activities>(DELIVERY_OPTIONS);

export interface DeliveryReport {
  delivered: number;
  failed: number;
}

export async function deliverNotificationsWorkflow(eventId: string): Promise<DeliveryReport> {
  const pending = await listPendingDeliveries.executeWithOptions({ ...BOOKKEEPING_OPTIONS, summary: '列出待投递的邮件与 Webhook' }, [
    eventId,
  ]);
  const outcomes = await Promise.all([
    ...pending.emails.map((e, i) => deliver('email', e.id, `发送邮件通知（${i + 1}/${pending.emails.length}）`)),
    ...pending.webhooks.map((w) => deliver('webhook', w.id, `推送 Webhook 至 ${w.host}`)),
  ]);
  const delivered = outcomes.filter(Boolean).length;
  return { delivered, failed: outcomes.length - delivered };
}

/** One delivery to the end: true when it went out, false when it never will (failed, skipped). */
async function deliver(kind: DeliveryKind, id: string, summary: string): Promise<boolean> {
  try {
    const status =
      kind === 'email'
        ? await sendEmail.executeWithOptions({ ...DELIVERY_OPTIONS, summary }, [id])
        : await sendWebhook.executeWithOptions({ ...DELIVERY_OPTIONS, summary }, [id]);
    return status === 'sent' || status === 'delivered';
  } catch (err) {
    const error = err instanceof Error ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}` : String(err);
    log.warn('notification delivery failed permanently', { kind, id, error });
    await markDeliveryFailed.executeWithOptions({ ...BOOKKEEPING_OPTIONS, summary: `标记投递失败：${summary}` }, [{ kind, id, error }]);
    return false;
  }
}
