/**
 * The 解约 side of the fault load (./load.ts): the steps of a request (who takes each, and which),
 * and the plans of the runs that complete a signing before the fault and move its request during
 * it — every way a request ends but expiry, each requester, a withdrawal in each stage.
 */
import type { RescissionAction, RescissionStatus } from '../../../domain/rescission';
import type { Party } from '../../../domain/status';
import type { Plan, Step } from './load';

/** A 解约 step: who takes it, and which (`request` asks; the others answer the open request). */
export const RESCISSION_STEPS = {
  studentAsks: { by: 'student', action: 'request' },
  employerAsks: { by: 'employer', action: 'request' },
  studentAgrees: { by: 'student', action: 'agree' },
  employerAgrees: { by: 'employer', action: 'agree' },
  studentRejects: { by: 'student', action: 'reject' },
  employerRejects: { by: 'employer', action: 'reject' },
  schoolApproves: { by: 'school', action: 'approve' },
  schoolRejects: { by: 'school', action: 'reject' },
  studentWithdraws: { by: 'student', action: 'withdraw' },
  employerWithdraws: { by: 'employer', action: 'withdraw' },
} as const satisfies Record<string, { by: Party; action: 'request' | RescissionAction }>;
export type RescissionStep = keyof typeof RESCISSION_STEPS;

export function isRescissionStep(step: Step): step is RescissionStep {
  return step in RESCISSION_STEPS;
}

/** Steps only the API takes (a new signing, a new 解约 request: reserved in PostgreSQL with their start). */
export function isApiOnly(step: Step): boolean {
  return step === 'submit' || (isRescissionStep(step) && RESCISSION_STEPS[step].action === 'request');
}

/** The steps to 已完成 that every 解约 plan starts with (taken before the fault strikes). */
export const COMPLETION: readonly Step[] = ['submit', 'employerSign', 'studentConfirm', 'schoolConfirm'];

const rescissionPlan = (name: string, steps: RescissionStep[], end: RescissionStatus): Plan => ({
  name: `解约: ${name}`,
  steps: [...COMPLETION, ...steps],
  end: 'COMPLETED',
  rescission: { end },
});

/** Every way a 解约 request ends but expiry (that takes deadlines), each requester, each stage of a withdrawal. */
export const RESCISSION_PLANS: readonly Plan[] = [
  rescissionPlan('employer asks, student agrees, school approves', ['employerAsks', 'studentAgrees', 'schoolApproves'], 'APPROVED'),
  rescissionPlan('student asks, employer agrees, school approves', ['studentAsks', 'employerAgrees', 'schoolApproves'], 'APPROVED'),
  rescissionPlan('student asks, employer rejects', ['studentAsks', 'employerRejects'], 'REJECTED'),
  rescissionPlan('employer asks, student agrees, school rejects', ['employerAsks', 'studentAgrees', 'schoolRejects'], 'REJECTED'),
  rescissionPlan('student asks, then withdraws', ['studentAsks', 'studentWithdraws'], 'WITHDRAWN'),
  rescissionPlan('employer asks, student agrees, employer withdraws', ['employerAsks', 'studentAgrees', 'employerWithdraws'], 'WITHDRAWN'),
];

/** The steps of a plan its signing's workflow takes (a 解约 plan's later steps are its request's). */
export function signingStepsOf(plan: Plan): number {
  return plan.rescission ? COMPLETION.length : plan.steps.length;
}

/**
 * Where a run on the Temporal channel starts sending its steps to the workflow: after the plan's
 * last step only the API takes (the submission; for 解约, the request — the signing steps before it
 * go over HTTP too, so the request finds the signing row already 已完成).
 */
export function temporalFrom(plan: Plan): number {
  let last = -1;
  plan.steps.forEach((step, i) => {
    if (isApiOnly(step)) last = i;
  });
  return last + 1;
}
