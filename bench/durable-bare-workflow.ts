/**
 * The durable-bare baseline (issue 16): the Temporal commands the service's signing workflow
 * issues, and nothing else. Started like the service's (every search attribute, a static summary
 * and details), it takes the same three Updates with the same payloads; each Update does one
 * search-attribute upsert and awaits one regular activity that does nothing before it answers, and
 * each stage waits on a timer the next Update cancels, as a signing's stage waits for its first
 * reminder. No rules, no database, no HTTP, no notifications: what the service costs beyond this is
 * its own work.
 */
import { allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { AwaitingPartyKey, SigningStatusKey, StageStartedAtKey } from '../workflows/search-attributes';
import type { BareStepInput } from './bare-workflow';

export interface DurableBareActivities {
  /** Takes what a persistence activity would and returns at once. */
  benchNoop(step: BareStepInput): Promise<void>;
}

const { benchNoop } = proxyActivities<DurableBareActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export const durableBareStepUpdate = defineUpdate<{ steps: number }, [BareStepInput]>('durableBareStep');

const NEXT: Record<BareStepInput['step'], { status: string; awaiting: string | null }> = {
  employerSign: { status: 'PENDING_STUDENT', awaiting: 'student' },
  studentConfirm: { status: 'PENDING_SCHOOL', awaiting: 'school' },
  schoolConfirm: { status: 'COMPLETED', awaiting: null },
};

/** The service's first-reminder offset (3 days): the timer each stage starts and the next step cancels. */
const STAGE_TIMER_MS = 3 * 86_400_000;

export async function durableBareSigningWorkflow(_input: unknown): Promise<number> {
  let steps = 0;
  setHandler(durableBareStepUpdate, async (input) => {
    steps += 1;
    const next = NEXT[input.step];
    upsertSearchAttributes([
      { key: SigningStatusKey, value: next.status },
      { key: AwaitingPartyKey, value: next.awaiting },
      { key: StageStartedAtKey, value: new Date() },
    ]);
    await benchNoop(input);
    return { steps };
  });
  while (steps < 3) {
    const stage = steps;
    await condition(() => steps !== stage, STAGE_TIMER_MS);
  }
  await condition(allHandlersFinished);
  return steps;
}
