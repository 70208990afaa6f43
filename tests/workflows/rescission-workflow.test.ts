/**
 * The 解约 workflow (workflows/rescission.ts) on the Java time-skipping test server, its
 * persistence activity mocked (it records each step): the whole path by Updates, refusals that
 * leave nothing behind, Signals of the same name, expiry of a stage with the default policy, and
 * the race of an approval against a withdrawal — exactly one wins.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_POLICY } from '../../domain/deadline-policy';
import type { RescissionStep } from '../../activities';
import type { NotificationEvent } from '../../domain/notification-event';
import type { Actor } from '../../domain/signing-machine';
import type { rescissionWorkflow } from '../../workflows/rescission';
import { RESCISSION_SIGNALS, RESCISSION_UPDATES, type RescissionStepRecord, rescissionStatusQuery, rescissionWorkflowId } from '../../workflows/rescission-messages';
import { quietTemporalLogs } from '../support/temporal-logs';
import { timeSkippingEnv } from '../support/time-skipping';

const DAY = 86_400_000;
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let taskQueue = '';
const steps: RescissionStepRecord[] = [];
const notices: NotificationEvent[] = [];

beforeEach(async () => {
  quietTemporalLogs();
  env = await timeSkippingEnv();
  taskQueue = `rescission-${randomUUID()}`;
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
    activities: {
      async recordRescissionStep(step: RescissionStep) {
        if (step.record) steps.push(step.record);
        if (step.notification) notices.push(step.notification);
        return { deliver: false };
      },
    },
  });
  running = worker.run();
});

afterEach(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

function newRequest(by: 'student' | 'employer' = 'student') {
  const rescissionId = randomUUID();
  const parties = { studentId: randomUUID(), employerCreditCode: '91350200MA31E12PXF', schoolCode: '10280' };
  const actors = {
    student: { role: 'student', id: 'acc-s', partyId: parties.studentId } satisfies Actor,
    employer: { role: 'employer', id: 'acc-e', partyId: parties.employerCreditCode } satisfies Actor,
    school: { role: 'school', id: 'acc-sc', partyId: parties.schoolCode } satisfies Actor,
  };
  return { rescissionId, parties, actors, by };
}

async function start(r: ReturnType<typeof newRequest>) {
  const t0 = await env.currentTimeMs();
  const handle = await env.client.workflow.start<typeof rescissionWorkflow>('rescissionWorkflow', {
    taskQueue,
    workflowId: rescissionWorkflowId(r.rescissionId),
    args: [
      {
        rescissionId: r.rescissionId,
        signingId: randomUUID(),
        parties: r.parties,
        requestedBy: r.actors[r.by],
        reason: '考取研究生，无法按期报到',
        letter: null,
        requestedAt: new Date(t0).toISOString(),
        policy: DEFAULT_DEADLINE_POLICY,
      },
    ],
  });
  return { handle, t0 };
}

const noticesOf = (rescissionId: string) =>
  notices.filter((n) => n.rescission?.id === rescissionId).map((n) => `${n.id.slice(`rescission-${rescissionId}.`.length)}:${n.type}:${n.recipients.join('+')}`);
const stepsOf = (rescissionId: string) => steps.filter((s) => s.state.rescissionId === rescissionId).map((s) => `${s.event.seq}:${s.event.action}→${s.state.status}`);

async function refusalOf(promise: Promise<unknown>): Promise<{ type: string | undefined; message: string }> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return { type: (cause as ApplicationFailure).type ?? undefined, message: (cause as ApplicationFailure).message };
  }
  throw new Error('the Update was accepted');
}

describe('the rescission workflow', () => {
  it('goes request → agree → approve by Updates, persisting each step after the request in order', async () => {
    const r = newRequest('employer');
    const { handle } = await start(r);
    const agreed = await handle.executeUpdate(RESCISSION_UPDATES.agree, { args: [{ actor: r.actors.student }] });
    expect(agreed).toMatchObject({ status: 'PENDING_SCHOOL', statusLabel: '待学校审批', awaiting: 'school', seq: 2 });
    const approved = await handle.executeUpdate(RESCISSION_UPDATES.approve, { args: [{ actor: r.actors.school }] });
    expect(approved).toMatchObject({ status: 'APPROVED', awaiting: null, deadlineAt: null, seq: 3 });
    expect(await handle.result()).toMatchObject({ status: 'APPROVED', lastEvent: { action: 'approve', actor: { role: 'school', id: 'acc-sc' } } });
    expect(stepsOf(r.rescissionId)).toEqual(['2:agree→PENDING_SCHOOL', '3:approve→APPROVED']);
    // Each step is announced to all three parties, after it is stored; the request's own first.
    expect(noticesOf(r.rescissionId)).toEqual([
      '1:signing.rescission_requested:student+employer+school',
      '2:signing.rescission_agreed:student+employer+school',
      '3:signing.rescinded:student+employer+school',
    ]);
    expect(notices.find((n) => n.id === `rescission-${r.rescissionId}.3`)).toMatchObject({ status: 'RESCINDED', awaiting: null });
  });

  it('refuses what does not fit with the refusal code, and nothing is recorded', async () => {
    const r = newRequest('student');
    const { handle } = await start(r);
    expect(await refusalOf(handle.executeUpdate(RESCISSION_UPDATES.agree, { args: [{ actor: r.actors.student }] }))).toEqual({
      type: 'CONFLICT',
      message: '解约申请待对方同意，不能由提出方办理',
    });
    expect((await refusalOf(handle.executeUpdate(RESCISSION_UPDATES.approve, { args: [{ actor: r.actors.school }] }))).type).toBe('CONFLICT');
    expect((await refusalOf(handle.executeUpdate(RESCISSION_UPDATES.withdraw, { args: [{ actor: r.actors.school }] }))).type).toBe('FORBIDDEN');
    const stranger = { ...r.actors.employer, partyId: '91110000600037341L' };
    expect((await refusalOf(handle.executeUpdate(RESCISSION_UPDATES.reject, { args: [{ actor: stranger, reason: '不同意' }] }))).type).toBe('NOT_FOUND');
    expect(
      (await refusalOf(handle.executeUpdate(RESCISSION_UPDATES.reject, { args: [{ actor: r.actors.employer } as unknown as { actor: Actor; reason: string }] }))).type,
    ).toBe('VALIDATION_FAILED');
    expect(await handle.query(rescissionStatusQuery)).toMatchObject({ status: 'PENDING_COUNTERPARTY', seq: 1 });
    expect(stepsOf(r.rescissionId)).toEqual([]);
    await handle.executeUpdate(RESCISSION_UPDATES.reject, { args: [{ actor: r.actors.employer, reason: '岗位已为其保留' }] });
    expect(await handle.result()).toMatchObject({ status: 'REJECTED', lastEvent: { reason: '岗位已为其保留' } });
  });

  it('takes Signals of the same name, ignoring a refused one', async () => {
    const r = newRequest('student');
    const { handle } = await start(r);
    await handle.signal(RESCISSION_SIGNALS.approve, { actor: r.actors.school });
    await handle.signal(RESCISSION_SIGNALS.withdraw, { actor: r.actors.student });
    expect(await handle.result()).toMatchObject({ status: 'WITHDRAWN', seq: 2 });
    expect(stepsOf(r.rescissionId)).toEqual(['2:withdraw→WITHDRAWN']);
  });

  it('expires a stage nobody acts on at its deadline (14 days by default), counted from the stage start', async () => {
    const r = newRequest('student');
    const { handle, t0 } = await start(r);
    await handle.signal(RESCISSION_SIGNALS.agree, { actor: r.actors.employer });
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'EXPIRED', lastEvent: { action: 'expire', actor: { role: 'system' }, fromStatus: 'PENDING_SCHOOL' } });
    const expiry = steps.find((s) => s.state.rescissionId === r.rescissionId && s.event.action === 'expire')!;
    expect(Date.parse(expiry.event.at) - t0).toBeGreaterThanOrEqual(14 * DAY);
    expect(Date.parse(expiry.event.at) - t0).toBeLessThan(15 * DAY);
    // The signing's reminders, on the same policy, to the party the stage waits for (the school).
    const reminders = noticesOf(r.rescissionId).filter((n) => n.includes('signing.reminder'));
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((n) => n.startsWith('2.r') && n.endsWith(':school'))).toBe(true);
    expect(noticesOf(r.rescissionId).at(-1)).toBe('3:signing.rescission_expired:student+employer+school');
  });

  it('decides an approval racing a withdrawal: exactly one is accepted', async () => {
    const r = newRequest('student');
    const { handle } = await start(r);
    await handle.executeUpdate(RESCISSION_UPDATES.agree, { args: [{ actor: r.actors.employer }] });
    const outcomes = await Promise.allSettled([
      handle.executeUpdate(RESCISSION_UPDATES.approve, { args: [{ actor: r.actors.school }] }),
      handle.executeUpdate(RESCISSION_UPDATES.withdraw, { args: [{ actor: r.actors.student }] }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const final = await handle.result();
    expect(['APPROVED', 'WITHDRAWN']).toContain(final.status);
    expect(stepsOf(r.rescissionId)).toEqual(['2:agree→PENDING_SCHOOL', `3:${final.status === 'APPROVED' ? 'approve' : 'withdraw'}→${final.status}`]);
  });
});
