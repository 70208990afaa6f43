/**
 * The history recorder (`npm run histories:record`, vitest.record.config.ts; not part of
 * `npm test`): drives one signing (or 解约 request, record-rescission-histories.ts) through every path of HISTORY_PATHS on the real stack (dev
 * server, PostgreSQL, the harness worker and API, a real SMTP server and webhook receivers), waits
 * for each workflow to close, and writes its history to tests/fixtures/histories/<name>.json with
 * every payload in plain JSON (decoded with the client's payload codecs if it has any), so the
 * replay test needs no key. Nothing is written unless every path recorded and ended as expected.
 *
 * Deadlines: ordinary paths use the default policy (days), so no timer fires while they run;
 * expiry paths use a 12-second stage, and `reminded-then-completed` a policy whose only early step
 * is a reminder after 1 s, so its parties can act without racing the deadline.
 *
 * `notify-retries-exhausted`: a delivery is given up only after 48 h of retries, so that path is
 * recorded on a worker of its own whose activities answer as they would at that point (the webhook
 * call fails for good). Activity results are all a replay sees of activities; the workflow code
 * and the server are the real ones.
 *
 * `HISTORIES=<regex>` records only the paths whose name matches (a new path's, e.g.
 * `HISTORIES='^rescission-' npm run histories:record`) and leaves every other fixture as it is.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client, type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Activities } from '../../activities';
import { accounts } from '../../db/schema';
import type { DeadlinePolicy } from '../../domain/deadline-policy';
import type { Actor } from '../../domain/signing-machine';
import type { SigningStatus } from '../../domain/status';
import { WORKFLOW_OPTIONS } from '../../worker';
import type { DeliveryReport } from '../../workflows/deliver-notifications';
import {
  type SigningView,
  cancelSignal,
  employerSignSignal,
  returnSignal,
  schoolConfirmSignal,
  signingWorkflowId,
  statusQuery,
  studentConfirmSignal,
  updateArchiveSignal,
} from '../../workflows/messages';
import { type Parties, newParties } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { ApiClient } from '../support/http';
import { sampleAgreement, sampleApplication, sampleArchive, sampleContact, sampleEmployerSign, sampleLegacyAgreement } from '../support/sample-data';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { type WebhookReceiver, startWebhookReceiver } from '../support/webhook-receiver';
import { historyToJson } from './history-json';
import { HISTORY_PATHS } from './history-paths';
import { decodeHistoryPayloads } from './plaintext-history';
import { type Recorded, rescissionScenarios } from './record-rescission-histories';

export const FIXTURES_DIR = path.join(import.meta.dirname, '../fixtures/histories');

/** Reminders at 4 s and 8 s, last call at 10 s, expiry at 12 s after each stage begins. */
const EXPIRING: DeadlinePolicy = { firstReminderAfterMs: 4000, reminderEveryMs: 4000, lastCallBeforeMs: 2000, stageDeadlineMs: 12_000 };
/** One reminder after 1 s; the last call and the deadline ten minutes later. */
const REMINDING: DeadlinePolicy = { firstReminderAfterMs: 1000, reminderEveryMs: 600_000, lastCallBeforeMs: 1000, stageDeadlineMs: 600_000 };
/** Scenarios at once: most of their time is waiting for Temporal round trips and deadlines. */
const CONCURRENCY = 6;
/**
 * Tries per scenario. On a loaded machine a step can take longer than a short stage deadline, so
 * the signing expires before it reaches the stage it was to expire in; the check of its end then
 * fails and the scenario runs again with fresh parties.
 */
const ATTEMPTS = 3;
const REFUSED_DOMAIN = '@refused.example.test';
/** Only the paths matching this are recorded (HISTORIES), the other fixtures kept. */
const ONLY = process.env.HISTORIES ? new RegExp(process.env.HISTORIES) : undefined;

let h: Harness;
let smtp: SmtpSink;
let expiringApi: string;
let remindingApi: string;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  smtp = await startSmtpSink(0, { refuse: (address) => address.endsWith(REFUSED_DOMAIN) });
  h = await startHarness({ smtpUrl: smtp.url });
  expiringApi = await h.startApi({ deadlinePolicy: EXPIRING });
  remindingApi = await h.startApi({ deadlinePolicy: REMINDING });
});

afterAll(async () => {
  await h?.close();
  await smtp?.close();
  await Promise.all(receivers.map((r) => r.close()));
});

// ——— steps through the API ———

async function ok(promise: Promise<{ status: number; body: any }>, expected: number, what: string) {
  const res = await promise;
  if (res.status !== expected) throw new Error(`${what}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The student files a signing, through the API configured with `api`'s deadline policy. */
async function file(p: Parties, api = h.baseUrl): Promise<string> {
  const client = new ApiClient(api, p.student.token);
  return (await ok(client.post('/api/signings', sampleApplication(p.world.employer.creditCode)), 201, 'file')).id;
}

async function sign(p: Parties, id: string, monthlySalaryPreTax = 5000) {
  const body = sampleEmployerSign();
  body.agreement.employmentTerms.monthlySalaryPreTax = monthlySalaryPreTax;
  return ok(p.employer.post(`/api/signings/${id}/employer-sign`, body), 200, 'employer-sign');
}

async function confirm(p: Parties, id: string) {
  const current = await ok(p.student.get(`/api/signings/${id}`), 200, 'get');
  return ok(p.student.post(`/api/signings/${id}/student-confirm`, { agreementHash: current.agreement.hash, previewed: true }), 200, 'student-confirm');
}

const schoolConfirm = (p: Parties, id: string) => ok(p.school.post(`/api/signings/${id}/school-confirm`), 200, 'school-confirm');
const giveBack = (client: ApiClient, id: string, reason: string) => ok(client.post(`/api/signings/${id}/return`, { reason }), 200, 'return');
const cancel = (client: ApiClient, id: string) => ok(client.post(`/api/signings/${id}/cancel`, { reason: '录制历史：取消' }), 200, 'cancel');
const saveArchive = (client: ApiClient, id: string) =>
  ok(client.request('PUT', `/api/signings/${id}/archive`, { ...sampleArchive(), recipient: '档案室（更新）' }), 200, 'archive');

/** Drives a fresh signing to `stage` through the API. */
async function signingAt(p: Parties, stage: SigningStatus, api = h.baseUrl): Promise<string> {
  const id = await file(p, api);
  if (stage === 'PENDING_EMPLOYER') return id;
  await sign(p, id);
  if (stage === 'PENDING_STUDENT') return id;
  await confirm(p, id);
  if (stage === 'PENDING_SCHOOL') return id;
  throw new Error(`not a pending stage: ${stage}`);
}

// ——— the workflow itself ———

function signingHandle(id: string): WorkflowHandle {
  return h.client.workflow.getHandle(signingWorkflowId(id));
}

/** Polls the workflow's status Query until `done` holds for its view. */
async function until(id: string, done: (view: SigningView) => boolean): Promise<SigningView> {
  for (let i = 0; i < 600; i++) {
    const view = await signingHandle(id).query(statusQuery);
    if (done(view)) return view;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`signing ${id} never reached the expected state`);
}

/** The result of workflow `workflowId`, once it has been started (a notification's delivery starts after it is recorded). */
async function resultOf(workflowId: string): Promise<unknown> {
  for (let i = 0; ; i++) {
    try {
      return await h.client.workflow.getHandle(workflowId).result();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError) || i > 600) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The parties' accounts as workflow actors, for Signals sent straight to the workflow. */
async function actorsOf(p: Parties): Promise<Record<'student' | 'employer' | 'school', Actor>> {
  const { world } = p;
  const rows = await h.database.db
    .select({ id: accounts.id, username: accounts.username })
    .from(accounts)
    .where(inArray(accounts.username, [world.student.username, world.employer.username, world.school.username]));
  const idOf = (username: string) => rows.find((r) => r.username === username)!.id;
  return {
    student: { role: 'student', id: idOf(world.student.username), partyId: world.student.studentId },
    employer: { role: 'employer', id: idOf(world.employer.username), partyId: world.employer.creditCode },
    school: { role: 'school', id: idOf(world.school.username), partyId: world.schoolCode },
  };
}

const signInput = (actor: Actor, monthlySalaryPreTax = 5000) => ({
  actor,
  unitNature: '39',
  contact: sampleContact(),
  agreement: sampleAgreement({ monthlySalaryPreTax }),
  archive: sampleArchive(),
});

/** Gives the signing's three accounts an e-mail address; `refused` ones get one the SMTP server refuses. */
async function giveEmails(p: Parties, refused: ReadonlyArray<'student' | 'employer' | 'school'> = []) {
  for (const who of ['student', 'employer', 'school'] as const) {
    const { username } = p.world[who];
    const email = `${username}${refused.includes(who) ? REFUSED_DOMAIN : '@example.test'}`;
    await h.database.db.update(accounts).set({ email }).where(eq(accounts.username, username));
  }
}

async function registerWebhook(client: ApiClient, description: string) {
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  receiver.secret = (await ok(client.post('/api/webhooks', { url: receiver.url, description }), 201, 'webhook')).secret;
}

// ——— one scenario per path: it returns the id of the workflow whose history is the fixture ———

function endsIn(id: string, status: SigningStatus, fromStatus?: SigningStatus): Recorded {
  return {
    workflowId: signingWorkflowId(id),
    check(result) {
      const view = result as SigningView;
      expect(view.status).toBe(status);
      if (fromStatus) expect(view.lastEvent.fromStatus).toBe(fromStatus);
    },
  };
}

function delivers(workflowId: string, report: DeliveryReport): Recorded {
  return { workflowId, check: (result) => expect(result).toEqual(report) };
}

const STAGES = ['PENDING_EMPLOYER', 'PENDING_STUDENT', 'PENDING_SCHOOL'] as const;
const slug = (status: SigningStatus) => status.toLowerCase().replace('_', '-');

const SCENARIOS: Record<string, () => Promise<Recorded>> = {
  async completed() {
    const p = await newParties(h);
    const id = await signingAt(p, 'PENDING_SCHOOL');
    await schoolConfirm(p, id);
    return endsIn(id, 'COMPLETED');
  },
  async 'notice-by-api-completed'() {
    const p = await newParties(h);
    const id = await signingAt(p, 'PENDING_SCHOOL');
    await schoolConfirm(p, id);
    return endsIn(id, 'COMPLETED');
  },
  async 'notice-by-api-delivered-then-cancelled'() {
    const p = await newParties(h);
    await giveEmails(p);
    await registerWebhook(p.employer, '人事系统');
    const id = await file(p);
    await resultOf(`notify-${id}.1`);
    await cancel(p.employer, id);
    return endsIn(id, 'CANCELLED');
  },
  async 'student-returned-then-completed'() {
    const p = await newParties(h);
    const id = await signingAt(p, 'PENDING_STUDENT');
    await giveBack(p.student, id, '税前月薪与面谈不一致');
    await sign(p, id, 6000);
    await confirm(p, id);
    await schoolConfirm(p, id);
    return endsIn(id, 'COMPLETED');
  },
  async 'school-returned-then-completed'() {
    const p = await newParties(h);
    const id = await signingAt(p, 'PENDING_SCHOOL');
    await giveBack(p.school, id, '协议期限填写有误');
    await sign(p, id, 6000);
    await confirm(p, id);
    await schoolConfirm(p, id);
    return endsIn(id, 'COMPLETED');
  },
  ...Object.fromEntries(
    STAGES.flatMap((stage) =>
      (['student', 'employer', 'school'] as const).map((party) => [
        `cancelled-${slug(stage)}-by-${party}`,
        async () => {
          const p = await newParties(h);
          const id = await signingAt(p, stage);
          await cancel(p[party], id);
          return endsIn(id, 'CANCELLED', stage);
        },
      ]),
    ),
  ),
  async 'archive-updated-by-employer-then-completed'() {
    const p = await newParties(h);
    const id = await file(p);
    await saveArchive(p.employer, id);
    await sign(p, id);
    await confirm(p, id);
    await schoolConfirm(p, id);
    return endsIn(id, 'COMPLETED');
  },
  async 'archive-updated-by-student-then-completed'() {
    const p = await newParties(h);
    const id = await signingAt(p, 'PENDING_STUDENT');
    await saveArchive(p.student, id);
    await confirm(p, id);
    await schoolConfirm(p, id);
    return endsIn(id, 'COMPLETED');
  },
  ...Object.fromEntries(
    STAGES.map((stage) => [
      `expired-${slug(stage)}`,
      async () => {
        const p = await newParties(h);
        const id = await signingAt(p, stage, expiringApi);
        return endsIn(id, 'EXPIRED', stage);
      },
    ]),
  ),
  async 'reminded-then-completed'() {
    const p = await newParties(h);
    const id = await file(p, remindingApi);
    // The first reminder's timer has fired: the employer acts after being reminded.
    for (let i = 0; ; i++) {
      const history = await signingHandle(id).fetchHistory();
      if (history.events?.some((e) => e.timerFiredEventAttributes)) break;
      if (i > 600) throw new Error('the reminder never fired');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await sign(p, id);
    await confirm(p, id);
    await schoolConfirm(p, id);
    return endsIn(id, 'COMPLETED');
  },
  async 'signals-completed'() {
    const p = await newParties(h);
    const actors = await actorsOf(p);
    const id = await file(p);
    const handle = signingHandle(id);
    await handle.signal(employerSignSignal, signInput(actors.employer));
    await until(id, (v) => v.status === 'PENDING_STUDENT');
    await handle.signal(returnSignal, { actor: actors.student, reason: '岗位名称需更正' });
    await until(id, (v) => v.status === 'PENDING_EMPLOYER');
    await handle.signal(employerSignSignal, signInput(actors.employer, 6000));
    const signed = await until(id, (v) => v.status === 'PENDING_STUDENT');
    await handle.signal(updateArchiveSignal, { actor: actors.student, archive: { ...sampleArchive(), recipient: '人事处' } });
    await until(id, (v) => v.seq === signed.seq + 1);
    await handle.signal(studentConfirmSignal, { actor: actors.student, agreementHash: signed.agreement!.hash });
    await until(id, (v) => v.status === 'PENDING_SCHOOL');
    await handle.signal(schoolConfirmSignal, { actor: actors.school });
    return endsIn(id, 'COMPLETED');
  },
  async 'older-shapes-signed-by-signal-then-completed'() {
    const p = await newParties(h);
    const actors = await actorsOf(p);
    const id = await file(p);
    // What the API sent before contract term kinds and phone normalisation existed (the shapes the
    // workflow still accepts and hashes as it did then: domain/agreement-hash.ts form 1).
    await signingHandle(id).signal(employerSignSignal, {
      actor: actors.employer,
      unitNature: '39',
      contact: { ...sampleContact(), phone: '021-3123123' },
      agreement: sampleLegacyAgreement(),
      archive: sampleArchive(),
    });
    const signed = await until(id, (v) => v.status === 'PENDING_STUDENT');
    await signingHandle(id).signal(studentConfirmSignal, { actor: actors.student, agreementHash: signed.agreement!.hash });
    await until(id, (v) => v.status === 'PENDING_SCHOOL');
    await signingHandle(id).signal(schoolConfirmSignal, { actor: actors.school });
    return endsIn(id, 'COMPLETED');
  },
  async 'signal-refused-then-cancelled'() {
    const p = await newParties(h);
    const actors = await actorsOf(p);
    const id = await file(p);
    const handle = signingHandle(id);
    // Not the school's turn: the workflow logs the refusal and ignores the Signal.
    await handle.signal(schoolConfirmSignal, { actor: actors.school });
    await handle.signal(cancelSignal, { actor: actors.employer, reason: '岗位已招满' });
    return endsIn(id, 'CANCELLED', 'PENDING_EMPLOYER');
  },
  async 'update-refused-then-accepted'() {
    const p = await newParties(h);
    const id = await file(p);
    // The validator refuses it: 409, and nothing of it in history.
    await ok(p.school.post(`/api/signings/${id}/school-confirm`), 409, 'refused school-confirm');
    await sign(p, id);
    await cancel(p.student, id);
    return endsIn(id, 'CANCELLED', 'PENDING_STUDENT');
  },
  async 'notify-delivered'() {
    const p = await newParties(h);
    await giveEmails(p);
    await registerWebhook(p.employer, '人事系统');
    await registerWebhook(p.school, '就业信息系统');
    const id = await file(p);
    const recorded = delivers(`notify-${id}.1`, { delivered: 5, failed: 0 });
    await resultOf(recorded.workflowId);
    await cancel(p.student, id);
    return recorded;
  },
  async 'notify-email-refused'() {
    const p = await newParties(h);
    await giveEmails(p, ['student']);
    const id = await file(p);
    const recorded = delivers(`notify-${id}.1`, { delivered: 2, failed: 1 });
    await resultOf(recorded.workflowId);
    await cancel(p.student, id);
    return recorded;
  },
  async 'notify-retries-exhausted'() {
    const taskQueue = `history-recorder-${randomUUID()}`;
    const activities: Pick<Activities, 'listPendingDeliveries' | 'sendEmail' | 'sendWebhook' | 'markDeliveryFailed'> = {
      listPendingDeliveries: async () => ({ emails: [{ id: randomUUID() }], webhooks: [{ id: randomUUID(), host: 'hr.example.test' }] }),
      sendEmail: async () => 'sent',
      sendWebhook: async () => {
        throw ApplicationFailure.nonRetryable('Webhook 投递失败：HTTP 503', 'WebhookDeliveryFailed');
      },
      markDeliveryFailed: async () => undefined,
    };
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    try {
      const worker = await Worker.create({ connection, namespace: 'default', taskQueue, ...WORKFLOW_OPTIONS, activities });
      const workflowId = `notify-${randomUUID()}.2`;
      // A client without payload codecs: this worker has none either.
      const client = new Client({ connection: h.client.connection, namespace: 'default' });
      await worker.runUntil(client.workflow.execute('deliverNotificationsWorkflow', { taskQueue, workflowId, args: [workflowId.slice('notify-'.length)] }));
      return delivers(workflowId, { delivered: 1, failed: 1 });
    } finally {
      await connection.close();
    }
  },
  ...rescissionScenarios({
    get h() {
      return h;
    },
    get expiringApi() {
      return expiringApi;
    },
    get remindingApi() {
      return remindingApi;
    },
    actorsOf,
    async reachable(p) {
      await giveEmails(p);
      await registerWebhook(p.employer, '人事系统');
      await registerWebhook(p.school, '就业信息系统');
    },
  }),
};

/** The history of a closed workflow, as the fixture file's text. */
async function historyFile(workflowId: string): Promise<string> {
  const history = await h.client.workflow.getHandle(workflowId).fetchHistory();
  await decodeHistoryPayloads(history, h.client.options.loadedDataConverter.payloadCodecs);
  const json = historyToJson(history);
  // Worker identities and sticky task queue names name the recording machine and process;
  // replay reads neither.
  const scrub = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(record)) {
      if (key === 'identity' && typeof child === 'string') record[key] = 'history-recorder';
      else if (key === 'taskQueue' && (child as { kind?: string } | null)?.kind === 'TASK_QUEUE_KIND_STICKY') {
        (child as { name: string }).name = 'history-recorder-sticky';
      } else scrub(child);
    }
  };
  scrub(json);
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Runs `work` on every item, at most `limit` at a time, in the items' order of start. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

it('records the history of every path through the workflow', { timeout: 900_000 }, async () => {
  const names = HISTORY_PATHS.map((p) => p.name);
  expect(Object.keys(SCENARIOS).sort()).toEqual([...names].sort());
  const selected = HISTORY_PATHS.filter((p) => !ONLY || ONLY.test(p.name));
  expect(selected.length, `HISTORIES=${process.env.HISTORIES} matches no path`).toBeGreaterThan(0);
  // Slowest first (deadlines to wait out), so they overlap with the quick ones.
  const expires = (p: (typeof HISTORY_PATHS)[number]) => Number(p.endsIn === 'EXPIRED' || p.rescissionEndsIn === 'EXPIRED');
  const order = [...selected].sort((a, b) => expires(b) - expires(a));
  const files = await pool(order, CONCURRENCY, async (p) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const recorded = await SCENARIOS[p.name]!();
        recorded.check(await resultOf(recorded.workflowId));
        const text = await historyFile(recorded.workflowId);
        console.log(`[histories] ${p.name}: recorded`);
        return { name: p.name, text };
      } catch (err) {
        if (attempt >= ATTEMPTS) throw err;
        console.log(`[histories] ${p.name}: attempt ${attempt} failed, trying again: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  });

  await mkdir(FIXTURES_DIR, { recursive: true });
  for (const stale of ONLY ? [] : await readdir(FIXTURES_DIR)) {
    if (stale.endsWith('.json') && !names.includes(stale.slice(0, -'.json'.length))) await rm(path.join(FIXTURES_DIR, stale));
  }
  for (const { name, text } of files) await writeFile(path.join(FIXTURES_DIR, `${name}.json`), text);
  console.log(`[histories] ${files.length} histories written to ${path.relative(process.cwd(), FIXTURES_DIR)}`);
});
