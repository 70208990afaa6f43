/**
 * A step whose write no retry can fix (UNSTORABLE_WRITE, activities/unstorable-write.ts), on the
 * real dev server with the persistence mocked to refuse one marked step: the Update answers at once
 * instead of hanging, the signing holds (later actions refused with a reason, no timer acts, the
 * run stays open for the operator), and the documented repair — a reset to before the step —
 * gives a run that goes on from the last stored state.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StepRecord, TransitionRecord } from '../../activities';
import { UNSTORABLE_WRITE } from '../../domain/failure-types';
import type { NotificationEvent } from '../../domain/notification-event';
import type { Actor } from '../../domain/signing-machine';
import { WORKFLOWS_PATH } from '../../worker';
import { employerSignUpdate, signingWorkflowId, statusQuery, studentConfirmUpdate, updateArchiveUpdate } from '../../workflows/messages';
import type { signingWorkflow } from '../../workflows/signing';
import { recordingActivities } from '../support/recording-activities';
import { sampleAgreement, sampleApplication, sampleArchive, sampleContact } from '../support/sample-data';
import { quietTemporalLogs } from '../support/temporal-logs';

const parties = { studentId: randomUUID(), employerCreditCode: '91350200MA31E12PXF', schoolCode: '10280' };
const student: Actor = { role: 'student', id: 'acc-s', partyId: parties.studentId };
const employer: Actor = { role: 'employer', id: 'acc-e', partyId: parties.employerCreditCode };
/** The archive recipient the mocked database "cannot store". */
const UNSTORABLE = '存不下';

const recorded: TransitionRecord[] = [];
const notified: NotificationEvent[] = [];
let client: Client;
let connection: Connection;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `wf-unstorable-${randomUUID()}`;

beforeAll(async () => {
  quietTemporalLogs();
  const address = inject('temporalAddress');
  const mocks = recordingActivities(recorded, notified);
  worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: {
      ...mocks,
      async recordStep(step: StepRecord) {
        if (step.transition?.row?.archive?.recipient === UNSTORABLE) {
          throw ApplicationFailure.create({ type: UNSTORABLE_WRITE, message: 'SQLSTATE 22P05', nonRetryable: true });
        }
        return mocks.recordStep(step);
      },
    },
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

async function failureOf(promise: Promise<unknown>): Promise<WorkflowUpdateFailedError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return err as WorkflowUpdateFailedError;
}

describe('a write no retry can fix', () => {
  it('answers the Update at once, holds the signing, and a reset to before the step repairs it', async () => {
    const signingId = randomUUID();
    const workflowId = signingWorkflowId(signingId);
    const handle = await client.workflow.start<typeof signingWorkflow>('signingWorkflow', {
      taskQueue,
      workflowId,
      args: [{ signingId, parties, application: sampleApplication(), submittedBy: student, submittedAt: new Date().toISOString() }],
    });
    const signed = await handle.executeUpdate(employerSignUpdate, { args: [{ actor: employer, unitNature: '39', contact: sampleContact(), agreement: sampleAgreement() }] });
    expect(signed.status).toBe('PENDING_STUDENT');

    // The unstorable step: the Update fails with the type, it does not wait for ever.
    const failed = await failureOf(handle.executeUpdate(updateArchiveUpdate, { args: [{ actor: student, archive: { ...sampleArchive(), recipient: UNSTORABLE } }] }));
    expect(failed.cause).toMatchObject({ type: UNSTORABLE_WRITE });

    // Held: the next action is refused with the reason, in the validator (nothing enters history).
    const refused = await failureOf(handle.executeUpdate(studentConfirmUpdate, { args: [{ actor: student, agreementHash: signed.agreement!.hash }] }));
    expect(refused.cause).toMatchObject({ type: 'CONFLICT', details: [{ reason: UNSTORABLE_WRITE }] });
    const described = await handle.describe();
    expect(described.status.name).toBe('RUNNING');
    expect(await handle.query(statusQuery)).toMatchObject({ seq: 3 });
    expect(recorded.filter((r) => r.signingId === signingId).map((r) => r.event.seq)).toEqual([2]);

    // The repair (RELIABILITY.md): reset to the last workflow task completed before the step was accepted.
    const events = (await handle.fetchHistory()).events ?? [];
    const accepted = events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    const lastAccepted = Number(accepted[accepted.length - 1]!.eventId);
    const resetPoint = events.filter((e) => e.workflowTaskCompletedEventAttributes && Number(e.eventId) < lastAccepted).pop()!;
    const reset = await client.workflowService.resetWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId, runId: described.runId },
      workflowTaskFinishEventId: resetPoint.eventId!,
      requestId: randomUUID(),
      reason: 'test: repair an unstorable step',
      // The unstorable Update is not replayed into the new run (`--reapply-exclude Update`); the party acts again.
      resetReapplyExcludeTypes: [temporal.api.enums.v1.ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_UPDATE],
    });
    const repaired = client.workflow.getHandle(workflowId, reset.runId ?? undefined);
    expect(await repaired.query(statusQuery)).toMatchObject({ status: 'PENDING_STUDENT', seq: 2 });
    const confirmed = await repaired.executeUpdate(studentConfirmUpdate, { args: [{ actor: student, agreementHash: signed.agreement!.hash }] });
    expect(confirmed).toMatchObject({ status: 'PENDING_SCHOOL', seq: 3 });
    expect(recorded.filter((r) => r.signingId === signingId).map((r) => r.event.seq)).toEqual([2, 3]);
  });
});
