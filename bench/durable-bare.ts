/**
 * Drives the durable-bare baseline (bench/durable-bare-workflow.ts): per signing one start with the
 * service's search attributes, static summary and details, and its three Updates with the service's
 * payloads, from a plain Client, at the same concurrency, recording each step's latency.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { signingStaticDetails, signingStaticSummary } from '../domain/workflow-metadata';
import { DEFAULT_DEADLINE_POLICY } from '../domain/deadline-policy';
import { sampleApplication, sampleEmployerSign } from '../tests/support/sample-data';
import { AwaitingPartyKey, EmployerCreditCodeKey, SchoolCodeKey, SigningStatusKey, StageStartedAtKey } from '../workflows/search-attributes';
import type { BareStepInput } from './bare-workflow';
import { durableBareSigningWorkflow, durableBareStepUpdate } from './durable-bare-workflow';
import { type LoadResult, emptySteps } from './signings';
import { pool } from './stats';

export async function runDurableBare(client: Client, taskQueue: string, count: number, concurrency: number, tick: () => void): Promise<LoadResult> {
  const steps = emptySteps();
  const workflowIds: string[] = [];
  const started = performance.now();
  await pool(count, concurrency, async () => {
    let t = performance.now();
    const signingId = randomUUID();
    const application = sampleApplication();
    const submittedAt = new Date();
    const parties = { studentId: randomUUID(), employerCreditCode: application.employer.creditCode, schoolCode: '10280' };
    const agreementNo = `${submittedAt.getUTCFullYear()}-10280-000001`;
    // The same start argument as the service's (workflows/messages.ts SigningWorkflowInput).
    const input = { signingId, parties, application, submittedBy: { role: 'student', id: randomUUID(), partyId: parties.studentId }, submittedAt: submittedAt.toISOString(), policy: DEFAULT_DEADLINE_POLICY };
    const handle = await client.workflow.start(durableBareSigningWorkflow, {
      workflowId: `durable-bare-${signingId}`,
      taskQueue,
      args: [input],
      typedSearchAttributes: [
        { key: SigningStatusKey, value: 'PENDING_EMPLOYER' },
        { key: AwaitingPartyKey, value: 'employer' },
        { key: SchoolCodeKey, value: parties.schoolCode },
        { key: EmployerCreditCodeKey, value: parties.employerCreditCode },
        { key: StageStartedAtKey, value: submittedAt },
      ],
      staticSummary: signingStaticSummary({ ...parties, agreementNo }),
      staticDetails: signingStaticDetails({ ...parties, signingId, agreementNo, submittedAt: input.submittedAt, policy: DEFAULT_DEADLINE_POLICY }),
    });
    workflowIds.push(handle.workflowId);
    steps.submit.push(performance.now() - t);
    const send = async (step: BareStepInput) => {
      t = performance.now();
      await handle.executeUpdate(durableBareStepUpdate, { args: [step] });
      steps[step.step].push(performance.now() - t);
    };
    await send({ step: 'employerSign', payload: sampleEmployerSign() });
    await send({ step: 'studentConfirm', payload: { agreementHash: 'x'.repeat(64), previewed: true } });
    await send({ step: 'schoolConfirm' });
    tick();
  });
  return { count, wallMs: performance.now() - started, steps, workflowIds };
}
