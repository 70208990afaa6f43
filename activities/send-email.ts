/**
 * sendEmail(id): sends one e-mail outbox row. A row that is no longer pending (sent, failed,
 * skipped) is left alone, so a retried or repeated activity never sends a mail twice after it was
 * recorded as sent. A transient failure throws (Temporal retries with backoff); an SMTP 5xx reply
 * marks the row failed, since retrying would get the same answer.
 */
import { log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { type EmailStatus, emailOutbox } from '../db/schema';
import { EVENT_ID_HEADER } from '../domain/webhook-signature';
import { type Mailer, isPermanentSmtpError } from './mailer';

function messageOf(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 2000);
}

export function createSendEmail({ db, mailer }: { db: Db; mailer: Mailer | undefined }) {
  /** Returns the row's final status: `sent`, or `failed`/`skipped` when it will never be sent. */
  return async function sendEmail(id: string): Promise<EmailStatus> {
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    if (!row) return 'failed';
    if (row.status !== 'pending') return row.status;
    const stillPending = and(eq(emailOutbox.id, id), eq(emailOutbox.status, 'pending'));
    if (!mailer) {
      // Recorded while SMTP was configured, sent by a worker without it: nothing can send it.
      await db.update(emailOutbox).set({ status: 'skipped', lastError: '未配置 SMTP_URL' }).where(stillPending);
      return 'skipped';
    }
    try {
      await mailer.send({
        to: row.toAddress,
        subject: row.subject,
        text: row.text,
        messageId: `<${row.id}@wangqian.notifications>`,
        headers: { [EVENT_ID_HEADER]: row.eventId },
      });
    } catch (err) {
      const permanent = isPermanentSmtpError(err);
      const lastError = messageOf(err);
      await db
        .update(emailOutbox)
        .set({ attempts: sql`${emailOutbox.attempts} + 1`, lastError, ...(permanent ? { status: 'failed' as const } : {}) })
        .where(stillPending);
      if (permanent) {
        log.warn('e-mail refused permanently', { id, error: lastError });
        return 'failed';
      }
      throw ApplicationFailure.retryable(`邮件发送失败：${lastError}`, 'EmailDeliveryFailed');
    }
    await db
      .update(emailOutbox)
      .set({ status: 'sent', attempts: sql`${emailOutbox.attempts} + 1`, sentAt: new Date(), lastError: null })
      .where(stillPending);
    return 'sent';
  };
}
