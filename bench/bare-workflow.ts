/**
 * The bare-Temporal baseline: the least a workflow can do to take a signing's three party actions
 * as Updates — no validation rules, no activities, no database, no notifications. Started with the
 * same application and sent the same payloads as the service's workflow, so the difference the
 * bench measures is what the service adds on top of Temporal.
 */
import { allHandlersFinished, condition, defineUpdate, setHandler } from '@temporalio/workflow';

export interface BareStepInput {
  step: 'employerSign' | 'studentConfirm' | 'schoolConfirm';
  payload?: unknown;
}

export const bareStepUpdate = defineUpdate<{ steps: number }, [BareStepInput]>('bareStep');

export async function bareSigningWorkflow(_application: unknown): Promise<number> {
  let steps = 0;
  setHandler(bareStepUpdate, () => {
    steps += 1;
    return { steps };
  });
  await condition(() => steps >= 3);
  await condition(allHandlersFinished);
  return steps;
}
