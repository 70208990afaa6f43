/**
 * Notifications of real signings, end to end: every event here is emitted by the signing workflow
 * itself while parties act through the API (no hand-made events), then recorded and delivered by
 * the harness worker to a real SMTP server and real webhook receivers on loopback.
 *
 * One flow throughout: the student files, the employer signs, the student returns it with a
 * reason, the employer signs version 2, the student confirms, the school confirms. The default
 * deadline policy (days) applies, so no reminder or expiry joins the events while a test runs.
 *
 * Delivery is asynchronous and at least once, so tests poll for it (generous timeouts, no timing
 * thresholds) and order things by what they observed, never by how long something took.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, emailOutbox, webhookDeliveries } from '../../db/schema';
import { verifyWebhookSignature } from '../../domain/webhook-signature';
import { freePort } from '../../launcher/processes';
import { signingWorkflowId } from '../../workflows/messages';
import { type Parties, newParties } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import type { ApiClient } from '../support/http';
import { sampleApplication, sampleEmployerSign } from '../support/sample-data';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { type WebhookReceiver, startWebhookReceiver } from '../support/webhook-receiver';

const SLOW = { timeout: 120_000, interval: 250 };
const TEST_TIMEOUT = 240_000;

/** The flow's transitions, in order: seq, event type, status after it, whose turn it is then. */
const FLOW = [
  { seq: 1, type: 'signing.submitted', status: 'PENDING_EMPLOYER', awaiting: 'employer' },
  { seq: 2, type: 'signing.employer_signed', status: 'PENDING_STUDENT', awaiting: 'student', agreementVersion: 1 },
  { seq: 3, type: 'signing.returned', status: 'PENDING_EMPLOYER', awaiting: 'employer', reason: '税前月薪与面谈不一致' },
  { seq: 4, type: 'signing.employer_signed', status: 'PENDING_STUDENT', awaiting: 'student', agreementVersion: 2 },
  { seq: 5, type: 'signing.student_confirmed', status: 'PENDING_SCHOOL', awaiting: 'school', agreementVersion: 2 },
  { seq: 6, type: 'signing.completed', status: 'COMPLETED', awaiting: null },
] as const;

const RETURN_REASON = FLOW[2].reason;

function eventIds(signingId: string): string[] {
  return FLOW.map((t) => `${signingId}.${t.seq}`);
}

/** Runs one API action and records, on the test's clock, when the API answered it. */
async function act(client: ApiClient, path: string, body: unknown, expectedStatus: string) {
  const res = await client.post(path, body);
  const answeredAt = performance.now();
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(path === '/api/signings' ? 201 : 200);
  expect(res.body.status).toBe(expectedStatus);
  return { body: res.body, answeredAt };
}

/**
 * The flow, step by step through the API. `between(step)` runs after the step with that index
 * (0 = filed) was answered, before the next one, e.g. to bring a receiver back up.
 */
async function runFlow(p: Parties, between: (step: number, signingId: string) => Promise<void> = async () => {}) {
  const answeredAt: number[] = [];
  const filed = await act(p.student, '/api/signings', sampleApplication(p.world.employer.creditCode), 'PENDING_EMPLOYER');
  const id: string = filed.body.id;
  answeredAt.push(filed.answeredAt);
  await between(0, id);
  const steps: Array<() => Promise<{ body: any; answeredAt: number }>> = [
    () => act(p.employer, `/api/signings/${id}/employer-sign`, sampleEmployerSign(), 'PENDING_STUDENT'),
    () => act(p.student, `/api/signings/${id}/return`, { reason: RETURN_REASON }, 'PENDING_EMPLOYER'),
    () => {
      const v2 = sampleEmployerSign();
      v2.agreement.employmentTerms.monthlySalaryPreTax = 6000;
      return act(p.employer, `/api/signings/${id}/employer-sign`, v2, 'PENDING_STUDENT');
    },
    async () => {
      const current = (await p.student.get(`/api/signings/${id}`)).body;
      expect(current.agreement.version).toBe(2);
      return act(p.student, `/api/signings/${id}/student-confirm`, { agreementHash: current.agreement.hash, previewed: true }, 'PENDING_SCHOOL');
    },
    () => act(p.school, `/api/signings/${id}/school-confirm`, undefined, 'COMPLETED'),
  ];
  for (const [i, step] of steps.entries()) {
    answeredAt.push((await step()).answeredAt);
    await between(i + 1, id);
  }
  return { id, answeredAt };
}

/** The signing's audit trail as the API shows it: what the events must match. */
async function auditTrail(client: ApiClient, signingId: string) {
  const res = await client.get(`/api/signings/${signingId}/events`);
  expect(res.status).toBe(200);
  const items = res.body.items as Array<{ seq: number; at: string; toStatus: string; action: string }>;
  expect(items.map((e) => e.seq)).toEqual(FLOW.map((t) => t.seq));
  return items;
}

/** Gives the student, the employer and the school admin of `p` an e-mail address (before filing). */
async function giveEmails(h: Harness, p: Parties) {
  const addresses = {
    student: `${p.world.student.username}@example.test`,
    employer: `${p.world.employer.username}@example.test`,
    school: `${p.world.school.username}@example.test`,
  };
  for (const [who, address] of Object.entries(addresses)) {
    const username = p.world[who as keyof typeof addresses].username;
    await h.database.db.update(accounts).set({ email: address }).where(eq(accounts.username, username));
  }
  return addresses;
}

async function register(client: ApiClient, receiver: WebhookReceiver, description: string) {
  const res = await client.post('/api/webhooks', { url: receiver.url, description });
  expect(res.status).toBe(201);
  receiver.secret = res.body.secret;
  return res.body.id as string;
}

async function deliveriesTo(h: Harness, endpointId: string) {
  return h.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
}

/** The party's inbox items of one signing, oldest first. */
async function inboxOf(client: ApiClient, signingId: string) {
  const res = await client.get('/api/me/notifications?limit=100');
  expect(res.status).toBe(200);
  return (res.body.items as Array<{ type: string; title: string; createdAt: string; signingId: string }>)
    .filter((n) => n.signingId === signingId)
    .reverse();
}

const seqOf = (eventId: string) => Number(eventId.slice(eventId.lastIndexOf('.') + 1));

/**
 * What one receiver got for the signing: every event of the flow, once, in the order of the
 * transitions (by sequence and, identically, by createdAt), correctly signed, matching the audit
 * trail. Arrival order is not asserted: deliveries of different events run independently, as the
 * README tells receivers.
 */
function expectEventsOfFlow(receiver: WebhookReceiver, signingId: string, trail: Array<{ seq: number; at: string; toStatus: string }>) {
  const events = [...receiver.processed.values()].filter((e) => e.data.signingId === signingId);
  const bySeq = [...events].sort((a, b) => seqOf(a.id) - seqOf(b.id));
  const byTime = [...events].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  expect(bySeq.map((e) => e.id)).toEqual(eventIds(signingId));
  expect(byTime.map((e) => e.id)).toEqual(bySeq.map((e) => e.id));
  expect(new Set(bySeq.map((e) => e.id)).size).toBe(FLOW.length);
  expect(bySeq.map((e) => e.type)).toEqual(FLOW.map((t) => t.type));
  for (const [i, t] of FLOW.entries()) {
    const e = bySeq[i];
    expect(e.createdAt).toBe(trail[i]!.at);
    expect(e.data).toMatchObject({ signingId, status: t.status, awaiting: t.awaiting });
    // The 协议书编号 people quote is in every payload, the same one each time.
    expect(e.data.agreementNo).toMatch(/^\d{4}-\w+-\d{6}$/);
    expect(e.data.agreementNo).toBe(bySeq[0].data.agreementNo);
    expect(e.data.status).toBe(trail[i]!.toStatus);
    expect(e.data.deadlineAt === null).toBe(t.awaiting === null);
    if ('agreementVersion' in t) expect(e.data.agreementVersion).toBe(t.agreementVersion);
    if ('reason' in t) expect(e.data.reason).toBe(t.reason);
    // Processed once, whatever the number of deliveries.
    expect(receiver.processCount.get(e.id)).toBe(1);
  }
  // Every request for this signing, refused or not, carried a valid signature of its raw body
  // and the event id of its body in the header.
  const requests = receiver.requests.filter((r) => r.eventId?.startsWith(`${signingId}.`));
  expect(requests.length).toBeGreaterThanOrEqual(FLOW.length);
  for (const r of requests) {
    expect(verifyWebhookSignature(receiver.secret, r.signature, r.rawBody)).toBe(true);
    expect(JSON.parse(r.rawBody).id).toBe(r.eventId);
  }
  return requests;
}

const HAN = /\p{Script=Han}/u;

describe('notifications of a real flow, with SMTP and webhooks up', () => {
  let h: Harness;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await startHarness({ smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  it(
    'gives every party one e-mail and one inbox item per transition, and each endpoint every event, signed, once',
    async () => {
      const p = await newParties(h);
      const addresses = await giveEmails(h, p);
      const employerHook = await startWebhookReceiver('/hr/wangqian');
      const schoolHook = await startWebhookReceiver('/jobs/wangqian');
      try {
        // Registered before filing, so both get signing.submitted too.
        const employerEndpoint = await register(p.employer, employerHook, '人事系统');
        const schoolEndpoint = await register(p.school, schoolHook, '就业信息系统');

        const { id } = await runFlow(p);
        // The run has ended: every event is recorded and its delivery started.
        await h.client.workflow.getHandle(signingWorkflowId(id)).result();
        const trail = await auditTrail(p.student, id);

        for (const [receiver, endpointId] of [
          [employerHook, employerEndpoint],
          [schoolHook, schoolEndpoint],
        ] as const) {
          await expect
            .poll(async () => (await deliveriesTo(h, endpointId)).map((d) => `${d.eventId} ${d.status}`).sort(), SLOW)
            .toEqual(eventIds(id).map((e) => `${e} delivered`).sort());
          const requests = expectEventsOfFlow(receiver, id, trail);
          expect(requests.every((r) => r.status === 200)).toBe(true);
        }
        // The body carries no per-party data: both endpoints got the very same event.
        expect(employerHook.processed.get(`${id}.5`)).toEqual(schoolHook.processed.get(`${id}.5`));

        // E-mail: one per party and transition, all sent.
        await expect
          .poll(async () => {
            const rows = await h.database.db.select().from(emailOutbox).where(inArray(emailOutbox.eventId, eventIds(id)));
            return rows.filter((r) => r.status === 'sent').length;
          }, SLOW)
          .toBe(FLOW.length * 3);
        const clients = { student: p.student, employer: p.employer, school: p.school };
        for (const [who, address] of Object.entries(addresses)) {
          const mails = smtp.mails.filter((m) => m.to.includes(address)).sort((a, b) => seqOf(a.eventId!) - seqOf(b.eventId!));
          expect(mails.map((m) => m.eventId)).toEqual(eventIds(id));
          expect(mails.every((m) => m.to.length === 1 && HAN.test(m.subject))).toBe(true);

          // The inbox has the same items, in the same order, under the same titles.
          const inbox = await inboxOf(clients[who as keyof typeof clients], id);
          expect(inbox.map((n) => n.type)).toEqual(FLOW.map((t) => t.type));
          expect(inbox.map((n) => n.createdAt)).toEqual(trail.map((e) => e.at));
          expect(inbox.map((n) => n.title)).toEqual(mails.map((m) => m.subject));
        }
        // Inbox items and e-mails name the signing by its 协议书编号.
        const { agreementNo } = (await p.student.get(`/api/signings/${id}`)).body as { agreementNo: string };
        expect((await inboxOf(p.school, id)).every((n) => (n as unknown as { body: string }).body.includes(`协议书编号 ${agreementNo}`))).toBe(true);
        const subjects = (address: string) =>
          smtp.mails.filter((m) => m.to.includes(address)).sort((a, b) => seqOf(a.eventId!) - seqOf(b.eventId!)).map((m) => m.subject);
        expect(subjects(addresses.student)[2]).toBe('已退回单位：您与tiger7的就业协议书待单位确认');
        expect(subjects(addresses.employer)[0]).toBe('新的网上签约：学生于同学的就业协议书待您确认');
        expect(subjects(addresses.school)[4]).toBe('学生已确认：学生于同学与tiger7的就业协议书待您确认');
        expect(subjects(addresses.employer)[5]).toBe('网签已完成：学生于同学的就业协议书已同步至就业方案库');
      } finally {
        await employerHook.close();
        await schoolHook.close();
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'a receiver that is down gets every event once it is back, processes each once, and never holds up a transition',
    async () => {
      const p = await newParties(h);
      const hook = await startWebhookReceiver();
      try {
        const endpointId = await register(p.employer, hook, '维护中的人事系统');
        const received = (eventId: string) => hook.requests.filter((r) => r.eventId === eventId);
        let upAt = Number.POSITIVE_INFINITY;

        hook.setDown(true);
        const { id, answeredAt } = await runFlow(p, async (step, signingId) => {
          if (step === 1) {
            // Filed and signed while the receiver answers 503: wait until both events were refused.
            await expect.poll(() => [1, 2].every((seq) => received(`${signingId}.${seq}`).some((r) => r.status === 503)), SLOW).toBe(true);
            // Now it processes what it gets but its answers are lost (still 503 for the sender).
            hook.setDown(false);
            hook.setLoseAcks(true);
          }
          if (step === 2) {
            // The return was processed once, and the sender was told it failed.
            await expect.poll(() => hook.processCount.get(`${signingId}.3`), SLOW).toBe(1);
            expect(received(`${signingId}.3`)[0]!.status).toBe(503);
            // Back up: answers 200 from here on.
            upAt = performance.now();
            hook.setLoseAcks(false);
          }
        });

        await expect
          .poll(async () => (await deliveriesTo(h, endpointId)).map((d) => `${d.eventId} ${d.status}`).sort(), SLOW)
          .toEqual(eventIds(id).map((e) => `${e} delivered`).sort());
        const trail = await auditTrail(p.employer, id);
        expectEventsOfFlow(hook, id, trail);

        // The first three actions were answered before the receiver accepted anything at all …
        const firstAccepted = (eventId: string) => received(eventId).find((r) => r.status === 200)!.receivedAt;
        for (const seq of [1, 2, 3]) {
          expect(answeredAt[seq - 1]).toBeLessThan(upAt);
          expect(firstAccepted(`${id}.${seq}`)).toBeGreaterThan(upAt);
          // … each of their events was refused first, and delivered again after.
          const requests = received(`${id}.${seq}`);
          expect(requests[0]!.status).toBe(503);
          expect(requests.at(-1)!.status).toBe(200);
        }
        // The return was delivered at least twice (processed, answer lost, sent again) and still
        // processed once: the receiver's dedupe by event id did its job.
        expect(hook.deliveries.get(`${id}.3`)).toBeGreaterThanOrEqual(2);
        expect(hook.processCount.get(`${id}.3`)).toBe(1);
        // Whatever came in once the receiver was up was accepted on the first try.
        for (const seq of [4, 5, 6]) {
          expect(received(`${id}.${seq}`)[0]).toMatchObject({ status: 200, receivedAt: expect.any(Number) });
          expect(received(`${id}.${seq}`)[0]!.receivedAt).toBeGreaterThan(upAt);
        }

        // Every request is an attempt on record, 503s and 200s alike.
        for (const d of await deliveriesTo(h, endpointId)) {
          expect(d.attempts).toBe(received(d.eventId).length);
          expect(d.lastStatusCode).toBe(200);
        }
      } finally {
        await hook.close();
      }
    },
    TEST_TIMEOUT,
  );
});

describe('notifications of a real flow while the mail server is down', () => {
  let h: Harness;
  let smtpPort: number;
  let smtp: SmtpSink | undefined;
  beforeAll(async () => {
    // A port nothing listens on (yet): the worker's SMTP connections are refused.
    smtpPort = await freePort();
    h = await startHarness({ smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  it(
    'completes the signing and fills the inboxes; the e-mails wait, retrying, and go out once the server is back',
    async () => {
      const p = await newParties(h);
      const addresses = await giveEmails(h, p);

      const { id } = await runFlow(p);
      const signing = h.client.workflow.getHandle(signingWorkflowId(id));
      expect(await signing.result()).toMatchObject({ status: 'COMPLETED', seq: 6 });
      expect((await p.school.get(`/api/signings/${id}`)).body.status).toBe('COMPLETED');

      // Every party has its six inbox items.
      for (const client of [p.student, p.employer, p.school]) {
        await expect.poll(async () => (await inboxOf(client, id)).map((n) => n.type), SLOW).toEqual(FLOW.map((t) => t.type));
      }

      // Every e-mail is recorded and was tried at least once, but none went out.
      const outbox = () => h.database.db.select().from(emailOutbox).where(inArray(emailOutbox.eventId, eventIds(id)));
      await expect.poll(async () => (await outbox()).filter((r) => r.attempts >= 1).length, SLOW).toBe(FLOW.length * 3);
      const waiting = await outbox();
      expect(waiting.map((r) => r.toAddress).sort()).toEqual(Object.values(addresses).flatMap((a) => FLOW.map(() => a)).sort());
      for (const row of waiting) {
        expect(row).toMatchObject({ status: 'pending', sentAt: null });
        expect(row.lastError).toMatch(/ECONNREFUSED/);
      }
      // The signing's run is over; the delivery of its last event is still retrying.
      expect((await signing.describe()).status.name).toBe('COMPLETED');
      expect((await h.client.workflow.getHandle(`notify-${id}.6`).describe()).status.name).toBe('RUNNING');

      // The mail server comes back where the worker expects it: every e-mail goes out, once.
      smtp = await startSmtpSink(smtpPort);
      const sink = smtp;
      await expect.poll(async () => (await outbox()).filter((r) => r.status === 'sent').length, SLOW).toBe(FLOW.length * 3);
      for (const address of Object.values(addresses)) {
        const mails = sink.mails.filter((m) => m.to.includes(address));
        expect(mails.map((m) => m.eventId).sort()).toEqual(eventIds(id).sort());
        expect(mails.every((m) => HAN.test(m.subject))).toBe(true);
      }
      expect((await h.client.workflow.getHandle(`notify-${id}.6`).result()) as unknown).toEqual({ delivered: 3, failed: 0 });
    },
    TEST_TIMEOUT,
  );
});
