/**
 * sendWebhook(id): one signed POST of a webhook delivery. A 2xx marks it delivered; anything
 * else, a network error or a timeout is logged as an attempt and thrown, so Temporal retries with
 * backoff (DELIVERY_OPTIONS in workflows/deliver-notifications.ts). Every attempt is one row in
 * webhook_attempts. Redirects are not followed: the registered URL is the one we call.
 */
import { ApplicationFailure } from '@temporalio/common';
import { log } from '@temporalio/activity';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { type WebhookDeliveryStatus, webhookAttempts, webhookDeliveries, webhookEndpoints } from '../db/schema';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhook } from '../domain/webhook-signature';

export const WEBHOOK_TIMEOUT_MS = 10_000;

interface AttemptOutcome {
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

async function post(url: string, secret: string, eventId: string, body: string, timeoutMs: number): Promise<AttemptOutcome> {
  const started = performance.now();
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'wangqian-webhooks/1',
    [EVENT_ID_HEADER]: eventId,
    [SIGNATURE_HEADER]: signWebhook(secret, body, Math.floor(Date.now() / 1000)),
  };
  try {
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    // The answer's body is not needed; release the connection.
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { httpStatus: res.status, error: ok ? null : `HTTP ${res.status}`, durationMs: Math.round(performance.now() - started) };
  } catch (err) {
    const error =
      err instanceof Error && err.name === 'TimeoutError'
        ? `超时（${timeoutMs / 1000} 秒）`
        : err instanceof Error
          ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}`
          : String(err);
    return { httpStatus: null, error: error.slice(0, 2000), durationMs: Math.round(performance.now() - started) };
  }
}

export function createSendWebhook({ db, timeoutMs = WEBHOOK_TIMEOUT_MS }: { db: Db; timeoutMs?: number }) {
  /** Returns `delivered`, or `failed` when it will never be delivered; throws to be retried. */
  return async function sendWebhook(id: string): Promise<WebhookDeliveryStatus> {
    const [row] = await db
      .select({ delivery: webhookDeliveries, url: webhookEndpoints.url, secret: webhookEndpoints.secret, deletedAt: webhookEndpoints.deletedAt })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(eq(webhookDeliveries.id, id));
    if (!row) return 'failed';
    if (row.delivery.status !== 'pending') return row.delivery.status;
    const stillPending = and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending'));
    if (row.deletedAt) {
      // The party removed the endpoint: it no longer wants these calls.
      await db.update(webhookDeliveries).set({ status: 'failed', lastError: '端点已删除' }).where(stillPending);
      return 'failed';
    }

    const at = new Date();
    const outcome = await post(row.url, row.secret, row.delivery.eventId, row.delivery.body, timeoutMs);
    const delivered = outcome.error === null;
    await db.transaction(async (tx) => {
      const [counted] = await tx
        .update(webhookDeliveries)
        .set({
          attempts: sql`${webhookDeliveries.attempts} + 1`,
          lastStatusCode: outcome.httpStatus,
          lastError: outcome.error,
          ...(delivered ? { status: 'delivered' as const, deliveredAt: new Date() } : {}),
        })
        .where(eq(webhookDeliveries.id, id))
        .returning({ attempts: webhookDeliveries.attempts });
      await tx.insert(webhookAttempts).values({ deliveryId: id, attempt: counted!.attempts, at, ...outcome });
    });
    if (!delivered) {
      log.info('webhook attempt failed; will retry', { id, error: outcome.error });
      throw ApplicationFailure.retryable(`Webhook 投递失败：${outcome.error}`, 'WebhookDeliveryFailed');
    }
    return 'delivered';
  };
}
