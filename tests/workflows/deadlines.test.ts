/**
 * The default deadline policy with real durations (days), on the Java time-skipping test server.
 * Persistence and notification activities are mocked and record what the workflow asked for, with
 * the workflow's own clock. Parties act through Signals: time does not skip while a client awaits
 * an Update's result.
 */
import { randomUUID } from 'node:crypto';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransitionRecord } from '../../activities';
import { DEFAULT_DEADLINE_POLICY } from '../../domain/deadline-policy';
import type { NotificationEvent } from '../../domain/notification-event';
import type { Actor } from '../../domain/signing-machine';
import { WORKFLOWS_PATH } from '../../worker';
import { employerSignSignal, returnSignal, schoolConfirmSignal, signingWorkflowId, statusQuery, studentConfirmSignal } from '../../workflows/messages';
import type { signingWorkflow } from '../../workflows/signing';
import { sampleAgreement, sampleApplication, sampleContact } from '../support/sample-data';
import { recordingActivities } from '../support/recording-activities';
import { quietTemporalLogs } from '../support/temporal-logs';
import { timeSkippingEnv } from '../support/time-skipping';

const DAY = 86_400_000;
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let taskQueue = '';
const transitions: TransitionRecord[] = [];
const notifications: NotificationEvent[] = [];

// A fresh test server per test (tests/support/time-skipping.ts says why).
beforeEach(async () => {
  quietTemporalLogs();
  env = await timeSkippingEnv();
  taskQueue = `deadlines-${randomUUID()}`;
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: recordingActivities(transitions, notifications),
  });
  running = worker.run();
});

afterEach(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

function newSigning() {
  const signingId = randomUUID();
  const parties = { studentId: randomUUID(), employerCreditCode: '91350200MA31E12PXF', schoolCode: '10280' };
  const actors = {
    student: { role: 'student', id: 'acc-s', partyId: parties.studentId } satisfies Actor,
    employer: { role: 'employer', id: 'acc-e', partyId: parties.employerCreditCode } satisfies Actor,
    school: { role: 'school', id: 'acc-sc', partyId: parties.schoolCode } satisfies Actor,
  };
  return { signingId, parties, actors };
}

async function start(s: ReturnType<typeof newSigning>) {
  const t0 = await env.currentTimeMs();
  const handle = await env.client.workflow.start<typeof signingWorkflow>('signingWorkflow', {
    taskQueue,
    workflowId: signingWorkflowId(s.signingId),
    args: [
      {
        signingId: s.signingId,
        parties: s.parties,
        application: sampleApplication(),
        submittedBy: s.actors.student,
        submittedAt: new Date(t0).toISOString(),
        policy: DEFAULT_DEADLINE_POLICY,
      },
    ],
  });
  return { handle, t0 };
}

/** What the workflow told whom, with its day (from the start), for one signing. */
function timeline(signingId: string, t0: number) {
  return notifications
    .filter((n) => n.signingId === signingId)
    .map((n) => ({
      day: Math.round(((Date.parse(n.at) - t0) / DAY) * 100) / 100,
      type: n.type,
      to: n.recipients.join(','),
      ...(n.reminder ? { n: n.reminder.n, lastCall: n.reminder.lastCall } : {}),
    }));
}

const signPayload = (actor: Actor) => ({ actor, unitNature: '39', contact: sampleContact(), agreement: sampleAgreement() });

describe('stage deadlines with the default policy (3/3/1/14 days)', () => {
  it('reminds the employer on days 3, 6, 9, 12, last-calls on day 13 and expires on day 14, telling everyone', async () => {
    const s = newSigning();
    const { handle, t0 } = await start(s);
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'EXPIRED', lastEvent: { action: 'expire', actor: { role: 'system' } } });
    const seen = timeline(s.signingId, t0);
    console.log('[deadlines] no action:', JSON.stringify(seen));
    expect(seen).toEqual([
      { day: 0, type: 'signing.submitted', to: 'student,employer,school' },
      { day: 3, type: 'signing.reminder', to: 'employer', n: 1, lastCall: false },
      { day: 6, type: 'signing.reminder', to: 'employer', n: 2, lastCall: false },
      { day: 9, type: 'signing.reminder', to: 'employer', n: 3, lastCall: false },
      { day: 12, type: 'signing.reminder', to: 'employer', n: 4, lastCall: false },
      { day: 13, type: 'signing.reminder', to: 'employer', n: 5, lastCall: true },
      { day: 14, type: 'signing.expired', to: 'student,employer,school' },
    ]);
    const expiry = transitions.find((t) => t.signingId === s.signingId && t.event.action === 'expire');
    expect(expiry).toMatchObject({ event: { fromStatus: 'PENDING_EMPLOYER', toStatus: 'EXPIRED' }, deadlineAt: null });
    const reminder = notifications.find((n) => n.signingId === s.signingId && n.type === 'signing.reminder');
    expect(Date.parse(reminder!.deadlineAt!) - t0).toBe(14 * DAY);
  });

  it('restarts the employer’s clock when the student returns on day 10', async () => {
    const s = newSigning();
    const { handle, t0 } = await start(s);
    await env.sleep(2 * DAY);
    await handle.signal(employerSignSignal, signPayload(s.actors.employer));
    await env.sleep(8 * DAY); // day 10
    await handle.signal(returnSignal, { actor: s.actors.student, reason: '薪资与面谈不一致' });
    expect((await handle.result()).status).toBe('EXPIRED');
    const seen = timeline(s.signingId, t0);
    console.log('[deadlines] return on day 10:', JSON.stringify(seen));
    expect(seen).toEqual([
      { day: 0, type: 'signing.submitted', to: 'student,employer,school' },
      { day: 2, type: 'signing.employer_signed', to: 'student,employer,school' },
      { day: 5, type: 'signing.reminder', to: 'student', n: 1, lastCall: false },
      { day: 8, type: 'signing.reminder', to: 'student', n: 2, lastCall: false },
      { day: 10, type: 'signing.returned', to: 'student,employer,school' },
      { day: 13, type: 'signing.reminder', to: 'employer', n: 1, lastCall: false },
      { day: 16, type: 'signing.reminder', to: 'employer', n: 2, lastCall: false },
      { day: 19, type: 'signing.reminder', to: 'employer', n: 3, lastCall: false },
      { day: 22, type: 'signing.reminder', to: 'employer', n: 4, lastCall: false },
      { day: 23, type: 'signing.reminder', to: 'employer', n: 5, lastCall: true },
      { day: 24, type: 'signing.expired', to: 'student,employer,school' },
    ]);
    const returned = notifications.find((n) => n.signingId === s.signingId && n.type === 'signing.returned');
    expect(Math.round((Date.parse(returned!.deadlineAt!) - t0) / DAY)).toBe(24);
  });

  it('stops reminding the employer once it acts on day 5', async () => {
    const s = newSigning();
    const { handle, t0 } = await start(s);
    await env.sleep(5 * DAY);
    await handle.signal(employerSignSignal, signPayload(s.actors.employer));
    await env.sleep(DAY); // day 6: the employer's second reminder would have been due now
    const { agreement } = await handle.query(statusQuery);
    await handle.signal(studentConfirmSignal, { actor: s.actors.student, agreementHash: agreement!.hash });
    await env.sleep(DAY); // day 7
    await handle.signal(schoolConfirmSignal, { actor: s.actors.school });
    expect((await handle.result()).status).toBe('COMPLETED');
    const seen = timeline(s.signingId, t0);
    console.log('[deadlines] employer acts on day 5:', JSON.stringify(seen));
    expect(seen).toEqual([
      { day: 0, type: 'signing.submitted', to: 'student,employer,school' },
      { day: 3, type: 'signing.reminder', to: 'employer', n: 1, lastCall: false },
      { day: 5, type: 'signing.employer_signed', to: 'student,employer,school' },
      { day: 6, type: 'signing.student_confirmed', to: 'student,employer,school' },
      { day: 7, type: 'signing.completed', to: 'student,employer,school' },
    ]);
  });
});
