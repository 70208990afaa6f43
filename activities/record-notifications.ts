/**
 * Turns one NotificationEvent into the rows that deliver it, in one transaction: an inbox row per
 * recipient account, an e-mail outbox row per such account with an address, and a webhook delivery
 * per active endpoint of a recipient employer or school. Idempotent: every row is unique per
 * (event, account) or (event, endpoint), so a retry or a replay inserts nothing twice.
 */
import { type SQL, and, eq, isNull, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  accounts,
  emailOutbox,
  employers,
  notifications,
  schools,
  signings,
  students,
  webhookDeliveries,
  webhookEndpoints,
} from '../db/schema';
import { type NotificationFacts, composeNotification, emailText } from '../domain/notification-messages';
import type { NotificationEvent } from '../domain/notification-event';
import { type Party, awaitingParty } from '../domain/status';
import { webhookPayload } from '../domain/webhook-payload';
import { activityLog } from './activity-log';

export class SigningNotRecordedError extends Error {
  override name = 'SigningNotRecordedError';
}

async function loadFacts(db: Db, event: NotificationEvent): Promise<NotificationFacts> {
  const [row] = await db
    .select({
      agreementNo: signings.agreementNo,
      studentName: students.name,
      examineeNo: students.examineeNo,
      schoolName: schools.name,
      registeredEmployerName: employers.name,
      appliedEmployerName: signings.employerName,
    })
    .from(signings)
    .innerJoin(students, eq(students.id, signings.studentId))
    .innerJoin(schools, eq(schools.code, signings.schoolCode))
    .leftJoin(employers, eq(employers.creditCode, signings.employerCreditCode))
    .where(eq(signings.id, event.signingId));
  // The API writes the row before the workflow runs; if it is not there yet, Temporal retries.
  if (!row) throw new SigningNotRecordedError(`signing ${event.signingId} is not in the database yet`);
  // An expiry names the party whose stage ran out: the one awaited in the status it left.
  const expiredAwaiting = event.type === 'signing.expired' && event.fromStatus ? awaitingParty(event.fromStatus) : null;
  return {
    agreementNo: row.agreementNo,
    studentName: row.studentName,
    examineeNo: row.examineeNo,
    schoolName: row.schoolName,
    // The employer's registered name when it has an account; else the name the student typed.
    employerName: row.registeredEmployerName ?? row.appliedEmployerName,
    expiredAwaiting,
  };
}

/** The accounts that act for each recipient party (disabled accounts are not told). */
async function recipientAccounts(db: Db, event: NotificationEvent) {
  const { parties } = event;
  const byParty: Record<Party, SQL> = {
    student: and(eq(accounts.role, 'student'), eq(accounts.studentId, parties.studentId))!,
    employer: and(eq(accounts.role, 'employer'), eq(accounts.employerCreditCode, parties.employerCreditCode))!,
    school: and(eq(accounts.role, 'school'), eq(accounts.schoolCode, parties.schoolCode))!,
  };
  if (event.recipients.length === 0) return [];
  return db
    .select({ id: accounts.id, role: accounts.role, email: accounts.email })
    .from(accounts)
    .where(and(eq(accounts.disabled, false), or(...event.recipients.map((p) => byParty[p]))));
}

/** Active endpoints of the recipient employer and school (students register none). */
async function recipientEndpoints(db: Db, event: NotificationEvent) {
  const { parties, recipients } = event;
  const owners: SQL[] = [];
  if (recipients.includes('employer')) {
    owners.push(and(eq(webhookEndpoints.partyRole, 'employer'), eq(webhookEndpoints.partyId, parties.employerCreditCode))!);
  }
  if (recipients.includes('school')) {
    owners.push(and(eq(webhookEndpoints.partyRole, 'school'), eq(webhookEndpoints.partyId, parties.schoolCode))!);
  }
  if (owners.length === 0) return [];
  return db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(isNull(webhookEndpoints.deletedAt), or(...owners)));
}

export function createRecordNotifications({ db, emailEnabled }: { db: Db; emailEnabled: boolean }) {
  return async function recordNotifications(event: NotificationEvent): Promise<void> {
    const [facts, recipients, endpoints] = await Promise.all([
      loadFacts(db, event),
      recipientAccounts(db, event),
      recipientEndpoints(db, event),
    ]);
    // recipientAccounts selects party accounts only (by role), never an operator.
    const messages = recipients.map((account) => ({ account, message: composeNotification(event, facts, account.role as Party) }));
    const mails = messages.filter((m) => m.account.email);
    // The body is fixed here, so every attempt sends (and signs) exactly the same bytes.
    const body = JSON.stringify(webhookPayload(event, facts.agreementNo));

    await db.transaction(async (tx) => {
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
              status: emailEnabled ? ('pending' as const) : ('skipped' as const),
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
    });
    activityLog().info('已记录通知', {
      signingId: event.signingId,
      eventId: event.id,
      type: event.type,
      inbox: messages.length,
      emails: mails.length,
      webhooks: endpoints.length,
    });
  };
}
