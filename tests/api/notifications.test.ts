/**
 * Notifications on the real stack: events are recorded by the recordNotifications activity (called
 * directly with hand-made NotificationEvents for signings created through the API) and delivered
 * by deliverNotificationsWorkflow on the harness worker, to a real SMTP server and a real HTTP
 * receiver on loopback. Event ids use sequence numbers ≥ 900, which the signing workflow never
 * reaches in a test, so these events never collide with the ones a running signing emits.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Activities, createActivities } from '../../activities';
import { accounts, emailOutbox, notifications, signings, webhookAttempts, webhookDeliveries } from '../../db/schema';
import { type NotificationEvent, reminderNotification, transitionNotification } from '../../domain/notification-event';
import type { SigningEvent, SigningParties } from '../../domain/signing-machine';
import { verifyWebhookSignature } from '../../domain/webhook-signature';
import { deliverNotificationsWorkflow } from '../../workflows/deliver-notifications';
import { type Parties, newParties, signingIn } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startWebhookReceiver } from '../support/webhook-receiver';

let h: Harness;
let smtp: SmtpSink;
let activities: Activities;
beforeAll(async () => {
  smtp = await startSmtpSink();
  h = await startHarness({ smtpUrl: smtp.url });
  activities = createActivities({ db: h.database.db, mail: { url: smtp.url, from: '网上签约 <noreply@wangqian.local>' } });
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

const HOUR = 3_600_000;

interface Scene {
  p: Parties;
  signingId: string;
  parties: SigningParties;
  /** Base time of the hand-made events: in the future, so they are the newest in any inbox. */
  t0: number;
  deadlineAt: string;
}

/**
 * A signing created through the API. With `settled`, it is cancelled and its workflow has ended,
 * so whatever it emits itself is already in the inboxes and counts stay still while a test runs.
 */
async function scene(settled = false): Promise<Scene> {
  const p = await newParties(h);
  const { id } = await signingIn(p, settled ? 'CANCELLED' : 'PENDING_STUDENT');
  if (settled) {
    const [row] = await h.database.db.select({ workflowId: signings.workflowId }).from(signings).where(eq(signings.id, id));
    await h.client.workflow.getHandle(row!.workflowId).result();
  }
  const t0 = Date.now() + 24 * HOUR;
  return {
    p,
    signingId: id,
    parties: { studentId: p.world.student.studentId, employerCreditCode: p.world.employer.creditCode, schoolCode: p.world.schoolCode },
    t0,
    deadlineAt: new Date(t0 + 10 * 24 * HOUR).toISOString(),
  };
}

function reminder(s: Scene, awaiting: 'student' | 'employer', n: number, lastCall: boolean, atMs: number): NotificationEvent {
  const status = awaiting === 'student' ? 'PENDING_STUDENT' : 'PENDING_EMPLOYER';
  return reminderNotification(s.signingId, s.parties, status, awaiting, 900, { n, lastCall }, new Date(atMs).toISOString(), s.deadlineAt);
}

function transition(s: Scene, seq: number, event: Omit<SigningEvent, 'seq' | 'at'>, atMs: number): NotificationEvent {
  const awaiting = event.toStatus === 'PENDING_EMPLOYER' ? 'employer' : event.toStatus === 'PENDING_STUDENT' ? 'student' : null;
  return transitionNotification(s.signingId, s.parties, { ...event, seq, at: new Date(atMs).toISOString() }, awaiting, awaiting ? s.deadlineAt : null);
}

async function deliver(eventId: string) {
  const handle = await h.client.workflow.start(deliverNotificationsWorkflow, {
    taskQueue: h.taskQueue,
    workflowId: `notify-${eventId}`,
    args: [eventId],
  });
  return handle.result();
}

async function inbox(client: Parties['student'], query = '') {
  const res = await client.get(`/api/me/notifications${query}`);
  expect(res.status).toBe(200);
  return res.body as { items: any[]; unreadCount: number; nextCursor: string | null };
}

describe('in-app inbox', () => {
  it('lists newest first with the unread count, pages by cursor, marks read once, and hides others’ notifications', async () => {
    const s = await scene(true);
    const events = [
      reminder(s, 'student', 1, false, s.t0 + 1 * HOUR),
      reminder(s, 'student', 2, false, s.t0 + 2 * HOUR),
      reminder(s, 'student', 3, true, s.t0 + 3 * HOUR),
      transition(s, 901, { action: 'return', actor: { role: 'student', id: 'x' }, fromStatus: 'PENDING_STUDENT', toStatus: 'PENDING_EMPLOYER', reason: '薪资有误' }, s.t0 + 4 * HOUR),
    ];
    for (const e of events) await activities.recordNotifications(e);
    // A retry (and a concurrent duplicate) of the same activity writes nothing twice.
    await Promise.all([activities.recordNotifications(events[3]!), activities.recordNotifications(events[3]!)]);
    const rows = await h.database.db
      .select({ eventId: notifications.eventId, accountId: notifications.accountId })
      .from(notifications)
      .where(inArray(notifications.eventId, events.map((e) => e.id)));
    // 3 reminders to the student; the return to student, employer and school (one account each).
    expect(rows).toHaveLength(6);

    const all = await inbox(s.p.student, '?limit=100');
    const mine = all.items.slice(0, 4);
    expect(mine.map((i) => i.title)).toEqual([
      '已退回单位：您与tiger7的就业协议书待单位确认',
      expect.stringMatching(/^最后提醒：您与tiger7的就业协议书待您确认，将于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 到期$/),
      '提醒（第 2 次）：您与tiger7的就业协议书待您确认',
      '提醒（第 1 次）：您与tiger7的就业协议书待您确认',
    ]);
    expect(mine[0]).toMatchObject({ type: 'signing.returned', signingId: s.signingId, readAt: null });
    expect(mine[0].body).toContain('您将就业协议书退回用人单位，原因：薪资有误');
    expect(mine[0].createdAt).toBe(events[3]!.at);
    expect(all.unreadCount).toBe(all.items.filter((i) => i.readAt === null).length);
    expect(all.nextCursor).toBeNull();

    // Pages of 2 walk the same list without gaps or repeats.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await inbox(s.p.student, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all.items.map((i) => i.id));

    // Mark the last call read: idempotent, the first time is kept.
    const lastCall = mine[1];
    const read = await s.p.student.post(`/api/me/notifications/${lastCall.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: lastCall.id, title: lastCall.title });
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await s.p.student.post(`/api/me/notifications/${lastCall.id}/read`);
    expect(again.status).toBe(200);
    expect(again.body.readAt).toBe(read.body.readAt);
    const after = await inbox(s.p.student, '?limit=100');
    expect(after.unreadCount).toBe(all.unreadCount - 1);
    const unreadOnly = await inbox(s.p.student, '?unread=true&limit=100');
    expect(unreadOnly.items.map((i) => i.id)).not.toContain(lastCall.id);
    expect(unreadOnly.items).toHaveLength(after.unreadCount);

    // The employer got the return, worded for it; nobody else can see or touch the student's.
    const employerItems = (await inbox(s.p.employer, '?limit=100')).items;
    expect(employerItems[0]).toMatchObject({ title: '已退回单位：学生于同学的就业协议书待您确认' });
    expect(employerItems.map((i) => i.id)).not.toContain(lastCall.id);
    expect((await s.p.otherStudent.post(`/api/me/notifications/${mine[0].id}/read`)).status).toBe(404);
    expect((await s.p.employer.post(`/api/me/notifications/${mine[0].id}/read`)).status).toBe(404);
    expect((await s.p.student.post('/api/me/notifications/not-a-uuid/read')).status).toBe(404);
    expect((await inbox(s.p.otherStudent)).items.map((i) => i.id)).not.toContain(mine[0].id);
    expect((await s.p.student.get('/api/me/notifications')).body.items[0].readAt).toBeNull();
  });

  it('refuses bad query parameters with 400 naming them', async () => {
    const s = await scene();
    const badLimit = await s.p.student.get('/api/me/notifications?limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.details[0].path).toBe('query.limit');
    const badCursor = await s.p.student.get('/api/me/notifications?cursor=nonsense');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.details[0].path).toBe('query.cursor');
    expect((await s.p.student.get('/api/me/notifications?unread=yes')).status).toBe(400);
  });
});

describe('e-mail', () => {
  it('sends each recipient its mail through SMTP with a Chinese subject, once', async () => {
    const s = await scene();
    const address = (who: string) => `${who}-${s.signingId.slice(0, 8)}@example.test`;
    for (const [who, username] of Object.entries({ student: s.p.world.student.username, employer: s.p.world.employer.username, school: s.p.world.school.username })) {
      await h.database.db.update(accounts).set({ email: address(who) }).where(eq(accounts.username, username));
    }
    const remind = reminder(s, 'employer', 7, false, s.t0 + HOUR);
    const cancel = transition(s, 902, { action: 'cancel', actor: { role: 'school', id: 'x' }, fromStatus: 'PENDING_STUDENT', toStatus: 'CANCELLED', reason: '信息有误' }, s.t0 + 2 * HOUR);
    await activities.recordNotifications(remind);
    await activities.recordNotifications(cancel);

    expect(await deliver(remind.id)).toEqual({ delivered: 1, failed: 0 });
    expect(await deliver(cancel.id)).toEqual({ delivered: 3, failed: 0 });

    const reminderMails = smtp.mails.filter((m) => m.eventId === remind.id);
    expect(reminderMails).toHaveLength(1);
    expect(reminderMails[0]).toMatchObject({ to: [address('employer')], subject: '提醒（第 7 次）：学生于同学的就业协议书待您确认' });
    const cancelMails = smtp.mails.filter((m) => m.eventId === cancel.id);
    expect(cancelMails.map((m) => m.to[0]).sort()).toEqual([address('employer'), address('school'), address('student')].sort());
    expect(cancelMails.find((m) => m.to[0] === address('student'))?.subject).toBe('网签已取消：您与tiger7的就业协议书已取消');
    expect(cancelMails[0]!.from).toBe('noreply@wangqian.local');

    const rows = await h.database.db.select().from(emailOutbox).where(inArray(emailOutbox.eventId, [remind.id, cancel.id]));
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt !== null)).toBe(true);

    // A sent row is never sent again, whoever asks.
    const before = smtp.mails.length;
    expect(await activities.sendEmail(rows[0]!.id)).toBe('sent');
    expect(smtp.mails.length).toBe(before);
  });

  it('without SMTP records the e-mail as skipped and still fills the inbox', async () => {
    const s = await scene();
    await h.database.db.update(accounts).set({ email: `nosmtp-${s.signingId.slice(0, 8)}@example.test` }).where(eq(accounts.username, s.p.world.student.username));
    const event = reminder(s, 'student', 11, false, s.t0 + HOUR);
    await createActivities({ db: h.database.db }).recordNotifications(event);
    const [row] = await h.database.db.select().from(emailOutbox).where(eq(emailOutbox.eventId, event.id));
    expect(row).toMatchObject({ status: 'skipped', attempts: 0 });
    expect(await deliver(event.id)).toEqual({ delivered: 0, failed: 0 });
    expect(smtp.mails.filter((m) => m.eventId === event.id)).toHaveLength(0);
    expect((await inbox(s.p.student)).items[0]).toMatchObject({ title: '提醒（第 11 次）：您与tiger7的就业协议书待您确认' });
  });
});

describe('webhooks', () => {
  it('signs every call, and a receiver that was down gets every event later, each processed once, every attempt logged', async () => {
    // Settled: the signing's own events (submitted, cancelled) are recorded before the endpoint
    // exists, so they never reach it and its counts below are the hand-made events' alone.
    const s = await scene(true);
    const receiver = await startWebhookReceiver();
    try {
      const registered = await s.p.employer.post('/api/webhooks', { url: receiver.url, description: '人事系统' });
      expect(registered.status).toBe(201);
      receiver.secret = registered.body.secret;

      const events = [
        transition(s, 903, { action: 'return', actor: { role: 'student', id: 'x' }, fromStatus: 'PENDING_STUDENT', toStatus: 'PENDING_EMPLOYER', reason: '岗位不符' }, s.t0 + HOUR),
        reminder(s, 'employer', 8, false, s.t0 + 2 * HOUR),
        reminder(s, 'employer', 9, true, s.t0 + 3 * HOUR),
      ];
      for (const e of events) await activities.recordNotifications(e);

      receiver.setDown(true);
      const results = Promise.all(events.map((e) => deliver(e.id)));
      // Down until every event has been refused at least once (however slow this machine is).
      await expect
        .poll(() => events.every((e) => receiver.requests.some((r) => r.eventId === e.id && r.status === 503)), { timeout: 60_000, interval: 200 })
        .toBe(true);
      receiver.setDown(false);
      expect(await results).toEqual(events.map(() => ({ delivered: 1, failed: 0 })));

      for (const e of events) {
        const requests = receiver.requests.filter((r) => r.eventId === e.id);
        expect(requests.filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(1);
        expect(requests.at(-1)!.status).toBe(200);
        expect(receiver.deliveries.get(e.id)).toBeGreaterThanOrEqual(1);
        expect(receiver.processCount.get(e.id)).toBe(1);
        expect(receiver.processed.get(e.id)).toMatchObject({
          id: e.id,
          type: e.type,
          createdAt: e.at,
          data: { signingId: s.signingId, status: e.status, awaiting: 'employer', deadlineAt: s.deadlineAt },
        });

        // One attempts row per request the receiver saw, numbered 1…n: 503s, then the 200.
        const [delivery] = await h.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, e.id));
        expect(delivery).toMatchObject({ status: 'delivered', attempts: requests.length, lastStatusCode: 200, lastError: null });
        const attempts = await h.database.db
          .select()
          .from(webhookAttempts)
          .where(eq(webhookAttempts.deliveryId, delivery!.id))
          .orderBy(webhookAttempts.attempt);
        expect(attempts.map((a) => a.attempt)).toEqual(requests.map((_, i) => i + 1));
        expect(attempts.map((a) => a.httpStatus)).toEqual(requests.map((r) => r.status));
        expect(attempts.every((a) => a.durationMs >= 0 && a.at instanceof Date)).toBe(true);
      }
      expect(receiver.processed.get(events[0]!.id).data).toMatchObject({ reason: '岗位不符', statusLabel: '待单位确认' });
      expect(receiver.processed.get(events[2]!.id).data.reminder).toEqual({ n: 9, lastCall: true });
      // Every request, failed or not, was signed with the endpoint's secret.
      expect(receiver.requests.every((r) => verifyWebhookSignature(receiver.secret, r.signature, r.rawBody))).toBe(true);

      // A tampered request (valid signature, altered body) is refused and not processed.
      const genuine = receiver.requests.find((r) => r.eventId === events[1]!.id && r.status === 200)!;
      const tampered = genuine.rawBody.replace('"PENDING_EMPLOYER"', '"COMPLETED"');
      expect(tampered).not.toBe(genuine.rawBody);
      expect(verifyWebhookSignature(receiver.secret, genuine.signature, tampered)).toBe(false);
      const forged = await fetch(receiver.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'wangqian-event-id': 'forged', 'wangqian-signature': genuine.signature! },
        body: tampered,
      });
      expect(forged.status).toBe(400);
      expect(receiver.processCount.get(events[1]!.id)).toBe(1);

      // The endpoint list shows the deliveries, never the secret.
      const list = await s.p.employer.get('/api/webhooks');
      const listed = list.body.items.find((i: any) => i.id === registered.body.id);
      expect(listed.stats).toMatchObject({ delivered: 3, pending: 0, failed: 0, lastDeliveredAt: expect.any(String) });
      expect(JSON.stringify(list.body)).not.toContain(receiver.secret);
    } finally {
      await receiver.close();
    }
  });

  it('marks a delivery failed, without failing anything, when its endpoint is gone', async () => {
    const s = await scene();
    const registered = await s.p.school.post('/api/webhooks', { url: 'http://127.0.0.1:9/never-called' });
    expect(registered.status).toBe(201);
    const event = transition(s, 904, { action: 'cancel', actor: { role: 'student', id: 'x' }, fromStatus: 'PENDING_STUDENT', toStatus: 'CANCELLED', reason: '改签' }, s.t0 + HOUR);
    await activities.recordNotifications(event);
    expect((await s.p.school.request('DELETE', `/api/webhooks/${registered.body.id}`)).status).toBe(204);
    expect(await deliver(event.id)).toEqual({ delivered: 0, failed: 1 });
    const [delivery] = await h.database.db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.eventId, event.id), eq(webhookDeliveries.endpointId, registered.body.id)));
    expect(delivery).toMatchObject({ status: 'failed', lastError: '端点已删除', attempts: 0 });
  });
});
