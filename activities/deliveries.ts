/**
 * The delivery workflow's bookkeeping: which e-mails and webhook calls of an event are still
 * pending, and marking one failed once its retries are exhausted.
 */
import { and, eq } from 'drizzle-orm';
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
