/**
 * After a fault: waits until every signing has ended and every notification has gone out, then
 * compares what each part of the system holds. The findings are returned as lists (empty = fine)
 * and counts, so a test asserts them and a benchmark prints them.
 *
 * - workflow (statusQuery) = the plan's end state, and = the `signings` row (status, seq,
 *   agreement version and hash); a completed signing has its employment plan with that hash;
 * - 解约: the request's workflow (its status Query) = the plan's end = the `rescissions` row
 *   (status, seq); the signing row is 已解约 iff approved, its seq the signing workflow's plus the
 *   request's steps (the trail goes on after completion); the plan is withdrawn iff approved, by
 *   that request; the trail holds each of the request's steps once, in order, by its name;
 * - signing_events: seq 1..n once each, n = the steps the parties had accepted (解约 steps included);
 * - inbox and e-mail outbox: one row per (event, recipient account), every e-mail sent;
 * - the SMTP sink: every (event, recipient) e-mail arrived; copies are counted (at-least-once
 *   delivery: a worker killed between sending and recording resends it) and must share one
 *   Message-ID, which is what lets a mail client show it once;
 * - each webhook receiver: every event id of its party processed exactly once (its dedupe by
 *   event id is the receiver's side of the at-least-once contract); redeliveries are counted.
 */
import { count, inArray, sql } from 'drizzle-orm';
import { emailOutbox, employmentPlans, notifications, signingEvents, signings, webhookDeliveries } from '../../../db/schema';
import { rescissionNotificationId } from '../../../domain/rescission-notifications';
import type { Database } from '../../../db/client';
import { sleep } from '../../../launcher/processes';
import { type SigningView, signingWorkflowId, statusQuery } from '../../../workflows/messages';
import { rescissionWorkflowId } from '../../../workflows/rescission-messages';
import type { Client } from '@temporalio/client';
import type { SmtpSink } from '../smtp-sink';
import type { SigningRun } from './load';
import { signingStepsOf } from './rescission-plans';
import { checkRescissions } from './verify-rescissions';
import type { Population } from './population';

export interface ConsistencyReport {
  signings: number;
  events: number;
  /** Workflow vs database vs plan, one line per difference. */
  stateProblems: string[];
  /** Audit trail rows beyond one per (signing, seq). */
  duplicateEvents: number;
  eventProblems: string[];
  notificationProblems: string[];
  /** 解约 requests checked, by how they ended, and their steps in the signings' trails. */
  rescissions: { checked: number; byEnd: Record<string, number>; steps: number };
  email: { expected: number; received: number; duplicates: number; missing: number; unexpected: number; messageIdConflicts: number };
  webhooks: { expected: number; processed: number; processedTwice: number; redeliveries: number; missing: number };
}

/** Event ids of a signing whose plan has been carried out: every transition is announced, and every step of its 解约 request. */
function eventIdsOf(run: SigningRun): string[] {
  const signingSteps = signingStepsOf(run.plan);
  return run.plan.steps.map((_, i) => (i < signingSteps ? `${run.signingId}.${i + 1}` : rescissionNotificationId(run.rescissionId!, i - signingSteps + 1)));
}

/** The workflows a run started: its signing's, and its 解约 request's. */
function workflowIdsOf(run: SigningRun): string[] {
  return [signingWorkflowId(run.signingId!), ...(run.rescissionId ? [rescissionWorkflowId(run.rescissionId)] : [])];
}

export interface SettleOptions {
  database: Database;
  client: Client;
  smtp: SmtpSink;
  population: Population;
  timeoutMs: number;
}

/**
 * Resolves once every workflow has closed, every outbox row is sent or delivered, and the sink
 * and receivers have all they should. Throws with what is still missing at the timeout.
 */
export async function waitUntilSettled(runs: SigningRun[], options: SettleOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const { db } = options.database;
  await Promise.all(
    runs.flatMap(workflowIdsOf).map(async (workflowId) => {
      // result() follows the run to its end however long it takes; the deadline guards the whole.
      const handle = options.client.workflow.getHandle(workflowId);
      await Promise.race([handle.result(), sleep(Math.max(0, deadline - Date.now())).then(() => {
        throw new Error(`workflow ${workflowId} did not end within the timeout`);
      })]);
    }),
  );
  const eventIds = runs.flatMap(eventIdsOf);
  const expectedMails = eventIds.length * 3;
  const expectedHooks = eventIds.length * 2;
  let last = '';
  while (Date.now() < deadline) {
    const [mails] = await db
      .select({ sent: sql<number>`count(*) filter (where ${emailOutbox.status} = 'sent')`.mapWith(Number) })
      .from(emailOutbox)
      .where(inArray(emailOutbox.eventId, eventIds));
    const [hooks] = await db
      .select({ delivered: sql<number>`count(*) filter (where ${webhookDeliveries.status} = 'delivered')`.mapWith(Number) })
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.eventId, eventIds));
    const wanted = new Set(eventIds);
    const received = options.smtp.mails.filter((m) => m.eventId && wanted.has(m.eventId)).length;
    const processed = [...options.population.receivers.values()].reduce(
      (n, r) => n + [...r.processed.keys()].filter((id) => wanted.has(id)).length,
      0,
    );
    last = `e-mails sent ${mails!.sent}/${expectedMails}, received ${received}; webhooks delivered ${hooks!.delivered}/${expectedHooks}, processed ${processed}`;
    if (mails!.sent >= expectedMails && hooks!.delivered >= expectedHooks && received >= expectedMails && processed >= expectedHooks) return;
    await sleep(500);
  }
  throw new Error(`notifications not settled within the timeout: ${last}`);
}

export async function checkConsistency(runs: SigningRun[], options: Omit<SettleOptions, 'timeoutMs'>): Promise<ConsistencyReport> {
  const { db } = options.database;
  const ids = runs.map((r) => r.signingId!);
  const eventIds = runs.flatMap(eventIdsOf);
  const stateProblems: string[] = [];
  const eventProblems: string[] = [];
  const notificationProblems: string[] = [];

  const rows = new Map((await db.select().from(signings).where(inArray(signings.id, ids))).map((r) => [r.id, r]));
  const plans = new Map(
    (await db.select().from(employmentPlans).where(inArray(employmentPlans.signingId, ids))).map((p) => [p.signingId, p]),
  );
  const events = await db
    .select({ signingId: signingEvents.signingId, seq: signingEvents.seq })
    .from(signingEvents)
    .where(inArray(signingEvents.signingId, ids));
  const seqsBySigning = new Map<string, number[]>();
  for (const e of events) seqsBySigning.set(e.signingId, [...(seqsBySigning.get(e.signingId) ?? []), e.seq]);

  // Queries of closed runs replay their history on the worker: a few at a time.
  const views = new Map<string, SigningView>();
  for (let i = 0; i < runs.length; i += 16) {
    await Promise.all(
      runs.slice(i, i + 16).map(async (run) => {
        views.set(run.signingId!, await options.client.workflow.getHandle(signingWorkflowId(run.signingId!)).query(statusQuery));
      }),
    );
  }

  const rescissionReport = await checkRescissions(runs, options, stateProblems, eventProblems);

  let duplicateEvents = 0;
  for (const run of runs) {
    const id = run.signingId!;
    const label = `#${run.index} ${run.plan.name} (${id})`;
    const view = views.get(id)!;
    const row = rows.get(id);
    const expectedSeq = run.plan.steps.length;
    // The signing's workflow ends with its own steps; a 解约 request's go on in the row and the trail.
    const signingSeq = signingStepsOf(run.plan);
    const rescinded = run.plan.rescission?.end === 'APPROVED';
    if (run.done !== expectedSeq) stateProblems.push(`${label}: only ${run.done}/${expectedSeq} steps were accepted`);
    if (view.status !== run.plan.end) stateProblems.push(`${label}: workflow ${view.status}, expected ${run.plan.end}`);
    if (view.seq !== signingSeq) stateProblems.push(`${label}: workflow seq ${view.seq}, expected ${signingSeq}`);
    if (!row) {
      stateProblems.push(`${label}: no signings row`);
      continue;
    }
    const dbState = { status: row.status, seq: row.seq, version: row.agreementVersion, hash: row.agreementHash };
    const wfState = {
      status: rescinded ? 'RESCINDED' : view.status,
      seq: view.seq + (expectedSeq - signingSeq),
      version: view.agreement?.version ?? null,
      hash: view.agreement?.hash ?? null,
    };
    if (JSON.stringify(dbState) !== JSON.stringify(wfState)) {
      stateProblems.push(`${label}: database ${JSON.stringify(dbState)} ≠ workflow ${JSON.stringify(wfState)}${signingSeq < expectedSeq ? ' (with its 解约 steps)' : ''}`);
    }
    const plan = plans.get(id);
    if (run.plan.rescission && plan) {
      const withdrawn = { at: plan.withdrawnAt !== null, by: plan.rescissionId };
      const expected = { at: rescinded, by: rescinded ? (run.rescissionId ?? null) : null };
      if (JSON.stringify(withdrawn) !== JSON.stringify(expected)) stateProblems.push(`${label}: plan withdrawal ${JSON.stringify(withdrawn)}, expected ${JSON.stringify(expected)}`);
    }
    if (view.status === 'COMPLETED' && plan?.agreementHash !== view.agreement?.hash) {
      stateProblems.push(`${label}: employment plan ${plan ? `hash ${plan.agreementHash}` : 'missing'}, workflow hash ${view.agreement?.hash}`);
    }
    if (view.status !== 'COMPLETED' && plan) stateProblems.push(`${label}: ${view.status} but an employment plan exists`);

    const seqs = (seqsBySigning.get(id) ?? []).sort((a, b) => a - b);
    duplicateEvents += seqs.length - new Set(seqs).size;
    const expected = Array.from({ length: expectedSeq }, (_, i) => i + 1);
    if (JSON.stringify(seqs) !== JSON.stringify(expected)) eventProblems.push(`${label}: event seqs ${seqs.join(',')}, expected 1..${expectedSeq}`);
  }

  // Inbox and e-mail outbox: one row per (event, account), three accounts per event.
  for (const [table, name] of [
    [notifications, 'inbox'],
    [emailOutbox, 'e-mail outbox'],
  ] as const) {
    const perEvent = await db
      .select({ eventId: table.eventId, rows: count(), accounts: sql<number>`count(distinct ${table.accountId})`.mapWith(Number) })
      .from(table)
      .where(inArray(table.eventId, eventIds))
      .groupBy(table.eventId);
    const byEvent = new Map(perEvent.map((r) => [r.eventId, r]));
    for (const eventId of eventIds) {
      const r = byEvent.get(eventId);
      if (!r || r.rows !== 3 || r.accounts !== 3) notificationProblems.push(`${name} of ${eventId}: ${r?.rows ?? 0} rows for ${r?.accounts ?? 0} accounts, expected 3`);
    }
  }
  const notSent = await db
    .select({ eventId: emailOutbox.eventId, status: emailOutbox.status })
    .from(emailOutbox)
    .where(sql`${inArray(emailOutbox.eventId, eventIds)} and ${emailOutbox.status} <> 'sent'`);
  for (const r of notSent) notificationProblems.push(`e-mail of ${r.eventId}: ${r.status}`);
  const notDelivered = await db
    .select({ eventId: webhookDeliveries.eventId, status: webhookDeliveries.status })
    .from(webhookDeliveries)
    .where(sql`${inArray(webhookDeliveries.eventId, eventIds)} and ${webhookDeliveries.status} <> 'delivered'`);
  for (const r of notDelivered) notificationProblems.push(`webhook of ${r.eventId}: ${r.status}`);

  // What the SMTP sink got, per (event, recipient).
  const wantedMails = new Set<string>();
  for (const run of runs) {
    for (const eventId of eventIdsOf(run)) {
      for (const who of [run.student, run.employer, run.school]) wantedMails.add(`${eventId} ${who.email}`);
    }
  }
  const copies = new Map<string, Set<string>>();
  const copyCount = new Map<string, number>();
  let unexpected = 0;
  const wantedEvents = new Set(eventIds);
  for (const mail of options.smtp.mails) {
    if (!mail.eventId || !wantedEvents.has(mail.eventId)) continue;
    for (const to of mail.to) {
      const pair = `${mail.eventId} ${to}`;
      if (!wantedMails.has(pair)) {
        unexpected += 1;
        continue;
      }
      copyCount.set(pair, (copyCount.get(pair) ?? 0) + 1);
      const messageId = /^message-id:\s*(\S+)/im.exec(mail.raw)?.[1] ?? '';
      copies.set(pair, (copies.get(pair) ?? new Set()).add(messageId));
    }
  }
  const email = {
    expected: wantedMails.size,
    received: copyCount.size,
    duplicates: [...copyCount.values()].reduce((n, c) => n + c - 1, 0),
    missing: [...wantedMails].filter((p) => !copyCount.has(p)).length,
    unexpected,
    messageIdConflicts: [...copies.values()].filter((ids) => ids.size !== 1).length,
  };

  // Each receiver: the events of its party's signings, each processed once.
  const webhooks = { expected: 0, processed: 0, processedTwice: 0, redeliveries: 0, missing: 0 };
  for (const [partyId, receiver] of options.population.receivers) {
    const expected = runs.filter((r) => r.employer.partyId === partyId || r.school.partyId === partyId).flatMap(eventIdsOf);
    webhooks.expected += expected.length;
    for (const eventId of expected) {
      const processed = receiver.processCount.get(eventId) ?? 0;
      if (processed === 0) webhooks.missing += 1;
      else webhooks.processed += 1;
      if (processed > 1) webhooks.processedTwice += 1;
      webhooks.redeliveries += Math.max(0, (receiver.deliveries.get(eventId) ?? 0) - 1);
    }
  }

  return {
    signings: runs.length,
    events: events.length,
    stateProblems,
    duplicateEvents,
    eventProblems,
    notificationProblems,
    rescissions: rescissionReport,
    email,
    webhooks,
  };
}
