/**
 * The signing workflow on the real Temporal dev server with its persistence activity mocked:
 * Updates and Signals share one decision path, refusals leave nothing in history, transitions
 * are persisted in order, and the run ends only after handlers finished.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TransitionRecord } from '../../activities';
import type { NotificationEvent } from '../../domain/notification-event';
import type { Actor } from '../../domain/signing-machine';
import { WORKFLOWS_PATH } from '../../worker';
import {
  cancelSignal,
  employerSignUpdate,
  schoolConfirmUpdate,
  signingWorkflowId,
  statusQuery,
  studentConfirmSignal,
  studentConfirmUpdate,
} from '../../workflows/messages';
import type { signingWorkflow } from '../../workflows/signing';
import { sampleAgreement, sampleApplication, sampleContact } from '../support/sample-data';
import { recordingActivities } from '../support/recording-activities';
import { quietTemporalLogs } from '../support/temporal-logs';

const parties = { studentId: randomUUID(), employerCreditCode: '91350200MA31E12PXF', schoolCode: '10280' };
const student: Actor = { role: 'student', id: 'acc-s', partyId: parties.studentId };
const employer: Actor = { role: 'employer', id: 'acc-e', partyId: parties.employerCreditCode };
const school: Actor = { role: 'school', id: 'acc-sc', partyId: parties.schoolCode };

const recorded: TransitionRecord[] = [];
const notified: NotificationEvent[] = [];
let client: Client;
let connection: Connection;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `wf-test-${randomUUID()}`;

beforeAll(async () => {
  quietTemporalLogs();
  const address = inject('temporalAddress');
  worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: recordingActivities(recorded, notified),
  });
  running = worker.run();
  connection = await Connection.connect({ address });
  client = new Client({ connection });
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
});

async function start() {
  const signingId = randomUUID();
  const handle = await client.workflow.start<typeof signingWorkflow>('signingWorkflow', {
    taskQueue,
    workflowId: signingWorkflowId(signingId),
    args: [{ signingId, parties, application: sampleApplication(), submittedBy: student, submittedAt: new Date().toISOString() }],
  });
  return { signingId, handle };
}

const signInput = () => ({ actor: employer, unitNature: '39', contact: sampleContact(), agreement: sampleAgreement() });

describe('signing workflow', () => {
  it('completes through Updates and persists each transition once, in order', async () => {
    const { signingId, handle } = await start();
    const signed = await handle.executeUpdate(employerSignUpdate, { args: [signInput()] });
    expect(signed).toMatchObject({ status: 'PENDING_STUDENT', awaiting: 'student', seq: 2, agreement: { version: 1 } });
    await handle.executeUpdate(studentConfirmUpdate, { args: [{ actor: student, agreementHash: signed.agreement!.hash }] });
    const done = await handle.executeUpdate(schoolConfirmUpdate, { args: [{ actor: school }] });
    expect(done.status).toBe('COMPLETED');
    expect(await handle.result()).toMatchObject({ status: 'COMPLETED', seq: 4 });
    const mine = recorded.filter((r) => r.signingId === signingId);
    expect(mine.map((r) => r.event.seq)).toEqual([2, 3, 4]);
    expect(mine[0]?.newVersion?.hash).toBe(signed.agreement!.hash);
    expect(mine[2]?.plan).toMatchObject({ studentId: parties.studentId, agreementHash: signed.agreement!.hash, unitNature: '39' });
    // Every transition, the submission included, told all three parties, each after it was persisted.
    expect(notified.filter((n) => n.signingId === signingId).map((n) => [n.id, n.type, n.recipients.length])).toEqual([
      [`${signingId}.1`, 'signing.submitted', 3],
      [`${signingId}.2`, 'signing.employer_signed', 3],
      [`${signingId}.3`, 'signing.student_confirmed', 3],
      [`${signingId}.4`, 'signing.completed', 3],
    ]);
    const description = await handle.describe();
    expect(description.status.name).toBe('COMPLETED');
  });

  it('rejects a refused Update in its validator, leaving no trace in history', async () => {
    const { handle } = await start();
    const err = await handle.executeUpdate(studentConfirmUpdate, { args: [{ actor: student, agreementHash: 'f'.repeat(64) }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((err as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'CONFLICT', details: [{ status: 'PENDING_EMPLOYER' }] });
    const history = await handle.fetchHistory();
    const updateEvents = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.workflowExecutionUpdateRejectedEventAttributes);
    expect(updateEvents).toHaveLength(0);
    expect(await handle.query(statusQuery)).toMatchObject({ status: 'PENDING_EMPLOYER', seq: 1 });
    // An accepted Update, by contrast, is in history: the check above can see them.
    await handle.executeUpdate(employerSignUpdate, { args: [signInput()] });
    const after = await handle.fetchHistory();
    expect((after.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(1);
    await handle.terminate('test done');
  });

  it('accepts the same actions as Signals and ignores refused ones', async () => {
    const { signingId, handle } = await start();
    const signed = await handle.executeUpdate(employerSignUpdate, { args: [signInput()] });
    // A stale hash by Signal is ignored (logged), a correct one is applied.
    await handle.signal(studentConfirmSignal, { actor: student, agreementHash: '0'.repeat(64) });
    // A malformed Signal (no actor, as a hand-typed one from the UI might be) is refused too.
    await handle.signal(studentConfirmSignal, { agreementHash: signed.agreement!.hash } as never);
    await handle.signal(studentConfirmSignal, { actor: student, agreementHash: signed.agreement!.hash });
    await expect.poll(async () => (await handle.query(statusQuery)).status).toBe('PENDING_SCHOOL');
    await handle.signal(cancelSignal, { actor: school, reason: '运维在 Temporal UI 中取消' });
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'CANCELLED', seq: 4, lastEvent: { action: 'cancel', reason: '运维在 Temporal UI 中取消' } });
    expect(recorded.filter((r) => r.signingId === signingId).map((r) => r.event.action)).toEqual(['employerSign', 'studentConfirm', 'cancel']);
  });

  it('publishes status and awaited party as search attributes', async () => {
    const { handle } = await start();
    await handle.executeUpdate(employerSignUpdate, { args: [signInput()] });
    const description = await handle.describe();
    expect(description.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value])).toEqual(
      expect.arrayContaining([
        ['SigningStatus', 'PENDING_STUDENT'],
        ['AwaitingParty', 'student'],
        ['SchoolCode', '10280'],
        ['EmployerCreditCode', parties.employerCreditCode],
      ]),
    );
    // The stage (waiting for the student) began with the employer's signature.
    const stageStartedAt = description.typedSearchAttributes.getAll().find((p) => p.key.name === 'StageStartedAt')?.value;
    expect(stageStartedAt).toBeInstanceOf(Date);
    expect((stageStartedAt as Date).getTime()).toBeGreaterThanOrEqual(description.startTime.getTime());
    await handle.terminate('test done');
  });
});
