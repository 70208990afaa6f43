/**
 * Drives the bare baseline: per signing one workflow start and three Updates from a plain Client,
 * at the same concurrency as the service run, recording each step's latency under the service's
 * step names.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { sampleApplication, sampleEmployerSign } from '../tests/support/sample-data';
import { type BareStepInput, bareSigningWorkflow, bareStepUpdate } from './bare-workflow';
import { type LoadResult, emptySteps } from './signings';
import { pool } from './stats';

export async function runBare(client: Client, taskQueue: string, count: number, concurrency: number, tick: () => void): Promise<LoadResult> {
  const steps = emptySteps();
  const workflowIds: string[] = [];
  const started = performance.now();
  await pool(count, concurrency, async () => {
    let t = performance.now();
    const handle = await client.workflow.start(bareSigningWorkflow, {
      workflowId: `bare-${randomUUID()}`,
      taskQueue,
      args: [sampleApplication()],
    });
    workflowIds.push(handle.workflowId);
    steps.submit.push(performance.now() - t);
    const send = async (input: BareStepInput) => {
      t = performance.now();
      await handle.executeUpdate(bareStepUpdate, { args: [input] });
      steps[input.step].push(performance.now() - t);
    };
    await send({ step: 'employerSign', payload: sampleEmployerSign() });
    await send({ step: 'studentConfirm', payload: { agreementHash: 'x'.repeat(64), previewed: true } });
    await send({ step: 'schoolConfirm' });
    tick();
  });
  return { count, wallMs: performance.now() - started, steps, workflowIds };
}
