/**
 * The delivery workflow's bookkeeping: which e-mails and webhook calls of an event are still
 * pending, and marking one failed once its retries are exhausted.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { emailOutbox, webhookDeliveries, webhookEndpoints } from '../db/schema';

export type DeliveryKind = 'email' | 'webhook';

export interface PendingDeliveries {
  emails: { id: string }[];
  /** `host` names the receiver in the activity summary (no personal data, unlike an address). */
  webhooks: { id: string; host: string }[];
}

export interface DeliveryFailure {
  kind: DeliveryKind;
  id: string;
  error: string;
}

/**
 * How long an event with no rows at all is taken for one still being committed. A workflow's step
 * writes its notice before the delivery starts, but the submission's notice is written by the API
 * in the transaction that starts the signing's run, and commits just after the start: the delivery
 * can look first. Past this, the transaction did not commit (the run was ended) and there is
 * nothing to deliver.
 */
export const UNCOMMITTED_NOTICE_WAIT_MS = 10 * 60_000;

/** Nothing pending: either all delivered already, or the event's rows are not committed yet (retry). */
async function awaitCommitted(db: Db, eventId: string): Promise<void> {
  const [any] = await db
    .select({ one: sql<number>`1` })
    .from(emailOutbox)
    .where(eq(emailOutbox.eventId, eventId))
    .unionAll(db.select({ one: sql<number>`1` }).from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId)))
    .limit(1);
  if (any) return;
  if (Date.now() - Context.current().info.scheduledTimestampMs > UNCOMMITTED_NOTICE_WAIT_MS) return;
  throw ApplicationFailure.retryable(`通知 ${eventId} 尚未写入数据库，稍后重试`, 'NOTICE_NOT_COMMITTED');
}

export function createDeliveryBookkeeping({ db }: { db: Db }) {
  return {
    async listPendingDeliveries(eventId: string): Promise<PendingDeliveries> {
      const [emails, webhooks] = await Promise.all([
        db
          .select({ id: emailOutbox.id })
          .from(emailOutbox)
          .where(and(eq(emailOutbox.eventId, eventId), eq(emailOutbox.status, 'pending'))),
        db
          .select({ id: webhookDeliveries.id, url: webhookEndpoints.url })
          .from(webhookDeliveries)
          .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
          .where(and(eq(webhookDeliveries.eventId, eventId), eq(webhookDeliveries.status, 'pending'))),
      ]);
      if (emails.length === 0 && webhooks.length === 0) await awaitCommitted(db, eventId);
      return { emails, webhooks: webhooks.map((w) => ({ id: w.id, host: new URL(w.url).host })) };
    },

    /** Only a still-pending row changes: a delivery that succeeded meanwhile stays delivered. */
    async markDeliveryFailed({ kind, id, error }: DeliveryFailure): Promise<void> {
      const lastError = error.slice(0, 2000);
      if (kind === 'email') {
        await db
          .update(emailOutbox)
          .set({ status: 'failed', lastError })
          .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'pending')));
      } else {
        await db
          .update(webhookDeliveries)
          .set({ status: 'failed', lastError })
          .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending')));
      }
    },
  };
}
