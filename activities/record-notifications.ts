/**
 * Turns one NotificationEvent into the rows that deliver it, inside the step's transaction
 * (activities/record-step.ts): an inbox row per recipient account, an e-mail outbox row per such
 * account with an address, and a webhook delivery per active endpoint of a recipient employer or
 * school. Idempotent: every row is unique per (event, account) or (event, endpoint), so a retry or
 * a replay inserts nothing twice. Answers whether anything is there to deliver (an e-mail to send,
 * a webhook to call), so the workflow starts a delivery workflow only then — from what it wrote,
 * not by reading it back.
 */
import { type SQL, and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { accounts, emailOutbox, notifications, signings, webhookDeliveries, webhookEndpoints } from '../db/schema';
import { type NotificationFacts, composeNotification, emailText } from '../domain/notification-messages';
import type { NotificationEvent } from '../domain/notification-event';
import { type Party, awaitingParty } from '../domain/status';
import { webhookPayload } from '../domain/webhook-payload';
import { activityLog } from './activity-log';
import { type SigningFacts, signingFactColumns } from './record-transition';

export class SigningNotRecordedError extends Error {
  override name = 'SigningNotRecordedError';
}

async function loadFacts(tx: Tx, event: NotificationEvent): Promise<SigningFacts> {
  const [row] = await tx.select(signingFactColumns).from(signings).where(eq(signings.id, event.signingId));
  // The API writes the row before the workflow runs; if it is not there yet, Temporal retries.
  if (!row) throw new SigningNotRecordedError(`signing ${event.signingId} is not in the database yet`);
  return row;
}

interface Recipient {
  kind: 'account' | 'endpoint';
  id: string;
  role: string | null;
  email: string | null;
}

/**
 * In one statement: the accounts that act for each recipient party (disabled ones are not told)
 * and the active webhook endpoints of a recipient employer or school (students register none).
 */
async function recipientsOf(tx: Tx, event: NotificationEvent): Promise<Recipient[]> {
  const { parties, recipients } = event;
  if (recipients.length === 0) return [];
  const byParty: Record<Party, SQL> = {
    student: and(eq(accounts.role, 'student'), eq(accounts.studentId, parties.studentId))!,
    employer: and(eq(accounts.role, 'employer'), eq(accounts.employerCreditCode, parties.employerCreditCode))!,
    school: and(eq(accounts.role, 'school'), eq(accounts.schoolCode, parties.schoolCode))!,
  };
  const owners: SQL[] = [];
  if (recipients.includes('employer')) owners.push(and(eq(webhookEndpoints.partyRole, 'employer'), eq(webhookEndpoints.partyId, parties.employerCreditCode))!);
  if (recipients.includes('school')) owners.push(and(eq(webhookEndpoints.partyRole, 'school'), eq(webhookEndpoints.partyId, parties.schoolCode))!);
  const accountRows = tx
    .select({ kind: sql<'account' | 'endpoint'>`'account'`.as('kind'), id: accounts.id, role: sql<string | null>`${accounts.role}`.as('role'), email: accounts.email })
    .from(accounts)
    .where(and(eq(accounts.disabled, false), or(...recipients.map((p) => byParty[p]))));
  const endpointRows = tx
    .select({ kind: sql<'account' | 'endpoint'>`'endpoint'`.as('kind'), id: webhookEndpoints.id, role: sql<string | null>`null`.as('role'), email: sql<string | null>`null`.as('email') })
    .from(webhookEndpoints)
    .where(owners.length > 0 ? and(isNull(webhookEndpoints.deletedAt), or(...owners)) : sql`false`);
  return accountRows.unionAll(endpointRows);
}

export interface NotificationsWritten {
  inbox: number;
  emails: number;
  webhooks: number;
  /** An e-mail to send or a webhook to call. */
  deliver: boolean;
}

/** Writes `event`'s rows in `tx`; `facts`, when the step's transition already returned them, spares a read. */
export async function writeNotifications(
  tx: Tx,
  event: NotificationEvent,
  options: { emailEnabled: boolean; facts?: SigningFacts | null | undefined },
): Promise<NotificationsWritten> {
  const [signingFacts, recipients] = [options.facts ?? (await loadFacts(tx, event)), await recipientsOf(tx, event)];
  // An expiry names the party whose stage ran out: the one awaited in the status it left.
  const facts: NotificationFacts = {
    ...signingFacts,
    expiredAwaiting: event.type === 'signing.expired' && event.fromStatus ? awaitingParty(event.fromStatus) : null,
  };
  const accountsTold = recipients.filter((r) => r.kind === 'account');
  const endpoints = recipients.filter((r) => r.kind === 'endpoint');
  // recipientsOf selects party accounts only (by role), never an operator.
  const messages = accountsTold.map((account) => ({ account, message: composeNotification(event, facts, account.role as Party) }));
  const mails = messages.filter((m) => m.account.email);
  // The body is fixed here, so every attempt sends (and signs) exactly the same bytes.
  const body = JSON.stringify(webhookPayload(event, facts.agreementNo));

  if (messages.length > 0) {
    await tx
      .insert(notifications)
      .values(
        messages.map(({ account, message }) => ({
          eventId: event.id,
          accountId: account.id,
          signingId: event.signingId,
          type: event.type,
          title: message.title,
          body: message.body,
          createdAt: new Date(event.at),
        })),
      )
      .onConflictDoNothing();
  }
  if (mails.length > 0) {
    await tx
      .insert(emailOutbox)
      .values(
        mails.map(({ account, message }) => ({
          eventId: event.id,
          accountId: account.id,
          toAddress: account.email!,
          subject: message.title,
          text: emailText(message),
          // Without SMTP the message is still in the inbox; the row records why no mail went out.
          status: options.emailEnabled ? ('pending' as const) : ('skipped' as const),
        })),
      )
      .onConflictDoNothing();
  }
  if (endpoints.length > 0) {
    await tx
      .insert(webhookDeliveries)
      .values(endpoints.map((endpoint) => ({ eventId: event.id, endpointId: endpoint.id, body })))
      .onConflictDoNothing();
  }
  // On a repeat the rows may be delivered already: the delivery workflow then finds nothing pending.
  return { inbox: messages.length, emails: mails.length, webhooks: endpoints.length, deliver: endpoints.length > 0 || (options.emailEnabled && mails.length > 0) };
}

export function logNotifications(event: NotificationEvent, written: NotificationsWritten): void {
  activityLog().debug('已记录通知', { signingId: event.signingId, eventId: event.id, type: event.type, inbox: written.inbox, emails: written.emails, webhooks: written.webhooks });
}

/** The notification alone, in its own transaction (tests/api/notifications.test.ts drives it). */
export function createRecordNotifications({ db, emailEnabled }: { db: Db; emailEnabled: boolean }) {
  return async function recordNotifications(event: NotificationEvent): Promise<void> {
    const written = await db.transaction((tx) => writeNotifications(tx, event, { emailEnabled }));
    logNotifications(event, written);
  };
}
