/**
 * The load a fault hits: N signings, each with a plan (a path through docs/design.md §2 to COMPLETED or
 * CANCELLED, including returns and cancellations by each party), started at different stages and
 * then driven concurrently while the fault happens; and R signings completed before it, on which
 * 解约 requests (docs/design.md §11) are asked, answered, approved, rejected and withdrawn during it.
 *
 * A party acts as a careful client does: every POST carries an Idempotency-Key fixed for that step,
 * and on a 5xx or "still in progress" it waits and sends the very same request again, until it
 * gets a definitive answer. Any other answer is a failure of the step and is recorded, never
 * retried: a 409 here would mean an acknowledged step was lost or applied twice.
 *
 * Steps may also go straight to the workflow as Updates (the Temporal UI / CLI channel), to show
 * that the workflow accepts actions while PostgreSQL is down.
 */
import { type Client, WorkflowUpdateStage } from '@temporalio/client';
import type { RescissionStatus } from '../../../domain/rescission';
import type { SigningStatus } from '../../../domain/status';
import { sleep } from '../../../launcher/processes';
import { RESCISSION_UPDATES, type RescissionMessage, rescissionWorkflowId } from '../../../workflows/rescission-messages';
import {
  ACTION_UPDATES,
  type EmployerSignInput,
  type ReasonInput,
  type SigningView,
  signingWorkflowId,
  statusQuery,
} from '../../../workflows/messages';
import { sampleApplication, sampleEmployerSign } from '../sample-data';
import type { Person, Population } from './population';
import { RESCISSION_PLANS, RESCISSION_STEPS, type RescissionStep, isRescissionStep, temporalFrom } from './rescission-plans';

export type Step =
  | 'submit'
  | 'employerSign'
  | 'employerSignV2'
  | 'studentConfirm'
  | 'studentReturn'
  | 'schoolReturn'
  | 'schoolConfirm'
  | 'studentCancel'
  | 'employerCancel'
  | 'schoolCancel'
  | RescissionStep;

export interface Plan {
  name: string;
  steps: Step[];
  /** How the signing's workflow ends. */
  end: Extract<SigningStatus, 'COMPLETED' | 'CANCELLED'>;
  /** A 解约 plan: how its request ends (the signing row is 已解约 iff APPROVED). */
  rescission?: { end: RescissionStatus };
}

/** Every path is taken by N/6 signings; each accepted step is one event (seq = steps.length). */
export const PLANS: readonly Plan[] = [
  { name: 'complete', steps: ['submit', 'employerSign', 'studentConfirm', 'schoolConfirm'], end: 'COMPLETED' },
  {
    name: 'student returns, then complete',
    steps: ['submit', 'employerSign', 'studentReturn', 'employerSignV2', 'studentConfirm', 'schoolConfirm'],
    end: 'COMPLETED',
  },
  {
    name: 'school returns, then complete',
    steps: ['submit', 'employerSign', 'studentConfirm', 'schoolReturn', 'employerSignV2', 'studentConfirm', 'schoolConfirm'],
    end: 'COMPLETED',
  },
  { name: 'student cancels while the employer fills in', steps: ['submit', 'studentCancel'], end: 'CANCELLED' },
  { name: 'employer cancels while the student reads', steps: ['submit', 'employerSign', 'employerCancel'], end: 'CANCELLED' },
  { name: 'school cancels at review', steps: ['submit', 'employerSign', 'studentConfirm', 'schoolCancel'], end: 'CANCELLED' },
];

export type Channel = 'http' | 'temporal';

/** How long a party keeps retrying one step (well beyond any outage the scenarios make). */
const STEP_RETRY_LIMIT_MS = 180_000;

export interface SigningRun {
  index: number;
  /** Its place among the runs of its kind (signings, or 解约 runs). */
  cohortIndex: number;
  plan: Plan;
  student: Person;
  employer: Person;
  school: Person;
  signingId?: string;
  /** The 解约 request, once asked. */
  rescissionId?: string;
  /** Hash of the agreement version the student last received. */
  hash?: string | undefined;
  /** Steps done (accepted) so far. */
  done: number;
  /** Where the steps after the submission go. */
  channel: Channel;
}

export interface StepFailure {
  signing: number;
  signingId: string | undefined;
  step: Step;
  status: number | string;
  body: unknown;
}

export interface LoadStats {
  /** HTTP answers by status code, retries included. */
  statuses: Map<number, number>;
  /** Answers by status inside a time window (the outage), filled by `markWindow`. */
  windowStatuses: Map<number, number>;
  retries: number;
  acceptedSteps: number;
  /** Updates the workflow accepted straight from a Temporal client. */
  temporalAccepted: number;
  /** … of which while the window (the outage) was open. */
  temporalAcceptedInWindow: number;
  /** … of those, answers to 解约 requests. */
  temporalRescissionAcceptedInWindow: number;
  failures: StepFailure[];
  /** Steps waiting on their answer right now (sent, or queued for the gate), signing steps apart from 解约 ones. */
  pending: { signing: number; rescission: number };
  /** performance.now() of every accepted step. */
  acceptedAt: number[];
  /** 5xx bodies other than 503 UNAVAILABLE (each one a finding). */
  unexpected5xx: Array<{ step: Step; status: number; body: unknown }>;
}

export function newStats(): LoadStats {
  return {
    statuses: new Map(),
    windowStatuses: new Map(),
    retries: 0,
    acceptedSteps: 0,
    temporalAccepted: 0,
    temporalAcceptedInWindow: 0,
    temporalRescissionAcceptedInWindow: 0,
    pending: { signing: 0, rescission: 0 },
    failures: [],
    acceptedAt: [],
    unexpected5xx: [],
  };
}

/** `count` signings on PLANS, then `rescissions` on RESCISSION_PLANS (each of its own student). */
export function planRuns(population: Population, count: number, rescissions = 0): SigningRun[] {
  return Array.from({ length: count + rescissions }, (_, index) => {
    const student = population.students[index]!;
    // Student i belongs to school i mod 2 (createPopulation), whose admin acts for it.
    const school = population.schools[index % population.schools.length]!;
    const cohortIndex = index < count ? index : index - count;
    return {
      index,
      cohortIndex,
      plan: index < count ? PLANS[index % PLANS.length]! : RESCISSION_PLANS[cohortIndex % RESCISSION_PLANS.length]!,
      student,
      employer: population.employers[index % population.employers.length]!,
      school,
      done: 0,
      channel: 'http' as Channel,
    };
  });
}

/** Semaphore: at most `limit` requests at once, so a large N does not open N sockets. */
class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

export interface Driver {
  stats: LoadStats;
  /** Opens/closes the window whose answers are counted apart (the outage). */
  markWindow(open: boolean): void;
  /** Runs every remaining step of `runs` (or up to `upTo` steps each); resolves when all are done. */
  drive(runs: SigningRun[], options?: { upTo?: (run: SigningRun) => number; before?: (run: SigningRun) => Promise<void> }): Promise<void>;
  /** Waits for the results of Updates sent straight to Temporal (they complete once persisted). */
  settleTemporalUpdates(): Promise<void>;
}

export function createDriver(client: Client, options: { concurrency: number }): Driver {
  const stats = newStats();
  const gate = new Gate(options.concurrency);
  let windowOpen = false;
  const pendingUpdateResults: Array<Promise<unknown>> = [];

  const count = (status: number) => {
    stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
    if (windowOpen) stats.windowStatuses.set(status, (stats.windowStatuses.get(status) ?? 0) + 1);
  };

  /** The HTTP request of one step: who sends what where. */
  function requestOf(run: SigningRun, step: Step): { who: Person; path: string; body: unknown; expect: number } {
    const id = run.signingId;
    switch (step) {
      case 'submit':
        return { who: run.student, path: '/api/signings', body: sampleApplication(run.employer.partyId), expect: 201 };
      case 'employerSign':
        return { who: run.employer, path: `/api/signings/${id}/employer-sign`, body: sampleEmployerSign(), expect: 200 };
      case 'employerSignV2':
        return { who: run.employer, path: `/api/signings/${id}/employer-sign`, body: secondVersion(), expect: 200 };
      case 'studentConfirm':
        return { who: run.student, path: `/api/signings/${id}/student-confirm`, body: { agreementHash: run.hash, previewed: true }, expect: 200 };
      case 'studentReturn':
        return { who: run.student, path: `/api/signings/${id}/return`, body: { reason: '薪资与面谈不一致' }, expect: 200 };
      case 'schoolReturn':
        return { who: run.school, path: `/api/signings/${id}/return`, body: { reason: '协议信息需更正' }, expect: 200 };
      case 'schoolConfirm':
        return { who: run.school, path: `/api/signings/${id}/school-confirm`, body: undefined, expect: 200 };
      case 'studentCancel':
        return { who: run.student, path: `/api/signings/${id}/cancel`, body: { reason: '改投其他单位' }, expect: 200 };
      case 'employerCancel':
        return { who: run.employer, path: `/api/signings/${id}/cancel`, body: { reason: '岗位取消' }, expect: 200 };
      case 'schoolCancel':
        return { who: run.school, path: `/api/signings/${id}/cancel`, body: { reason: '材料不符' }, expect: 200 };
      default: {
        const { by, action } = RESCISSION_STEPS[step];
        const who = run[by];
        if (action === 'request') return { who, path: `/api/signings/${id}/rescission`, body: { reason: '已考取研究生，无法按期报到' }, expect: 201 };
        return { who, path: `/api/signings/${id}/rescission/${action}`, body: action === 'reject' ? { reason: '不同意解约' } : undefined, expect: 200 };
      }
    }
  }

  /** One step over HTTP, retried with the same Idempotency-Key until a definitive answer. */
  async function httpStep(run: SigningRun, step: Step, key: string): Promise<boolean> {
    const { who, path, body, expect } = requestOf(run, step);
    let backoff = 100;
    // A step that cannot get a definitive answer within this long is a failure (e.g. a key stuck "in progress").
    const giveUpAt = performance.now() + STEP_RETRY_LIMIT_MS;
    for (;;) {
      let res: { status: number; body: any };
      try {
        res = await gate.run(() => who.api.post(path, body, { 'Idempotency-Key': key }));
      } catch (err) {
        // The in-process API does not go away; a network error here is a finding too.
        stats.failures.push({ signing: run.index, signingId: run.signingId, step, status: `network: ${(err as Error).message}`, body: null });
        return false;
      }
      count(res.status);
      if (res.status === expect) {
        if (step === 'submit') run.signingId = res.body.id;
        if (isRescissionStep(step) && RESCISSION_STEPS[step].action === 'request') run.rescissionId = res.body.rescission.id;
        if (res.body?.agreement?.hash) run.hash = res.body.agreement.hash;
        return true;
      }
      const inProgress = res.status === 409 && res.body?.error?.details?.reason === 'IDEMPOTENCY_KEY_IN_PROGRESS';
      if ((res.status >= 500 || inProgress) && performance.now() < giveUpAt) {
        if (res.status >= 500 && !(res.status === 503 && res.body?.error?.code === 'UNAVAILABLE')) {
          stats.unexpected5xx.push({ step, status: res.status, body: res.body });
        }
        stats.retries += 1;
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 2_000);
        continue;
      }
      stats.failures.push({ signing: run.index, signingId: run.signingId, step, status: res.status, body: res.body });
      return false;
    }
  }

  /** One step as an Update straight to the workflow (a 解约 answer: the request's); returns once the workflow has accepted it. */
  async function temporalStep(run: SigningRun, step: Step, key: string): Promise<boolean> {
    const handle = client.workflow.getHandle(isRescissionStep(step) ? rescissionWorkflowId(run.rescissionId!) : signingWorkflowId(run.signingId!));
    const [update, input] = isRescissionStep(step) ? rescissionUpdateOf(run, step) : updateOf(run, step);
    try {
      const accepted = await handle.startUpdate(update as typeof ACTION_UPDATES.cancel, {
        args: [input as ReasonInput],
        updateId: key,
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      stats.temporalAccepted += 1;
      if (windowOpen) stats.temporalAcceptedInWindow += 1;
      if (windowOpen && isRescissionStep(step)) stats.temporalRescissionAcceptedInWindow += 1;
      // Its result arrives once the transition is persisted, i.e. after PostgreSQL is back.
      pendingUpdateResults.push(accepted.result());
      if (step === 'employerSign' || step === 'employerSignV2') {
        const view: SigningView = await handle.query(statusQuery);
        run.hash = view.agreement?.hash;
      }
      return true;
    } catch (err) {
      stats.failures.push({ signing: run.index, signingId: run.signingId, step, status: `update: ${(err as Error).message}`, body: null });
      return false;
    }
  }

  function rescissionUpdateOf(run: SigningRun, step: RescissionStep): [unknown, RescissionMessage] {
    const { by, action } = RESCISSION_STEPS[step];
    if (action === 'request') throw new Error('a 解约 request is made through the API');
    const actor = run[by].actor;
    return [RESCISSION_UPDATES[action], action === 'reject' ? { actor, reason: '不同意解约' } : { actor }];
  }

  function updateOf(run: SigningRun, step: Exclude<Step, RescissionStep>): [unknown, unknown] {
    const sign = (body: ReturnType<typeof sampleEmployerSign>): EmployerSignInput => ({
      actor: run.employer.actor,
      unitNature: body.unitNature,
      contact: body.contact,
      agreement: body.agreement,
      archive: body.archive,
    });
    switch (step) {
      case 'employerSign':
        return [ACTION_UPDATES.employerSign, sign(sampleEmployerSign())];
      case 'employerSignV2':
        return [ACTION_UPDATES.employerSign, sign(secondVersion())];
      case 'studentConfirm':
        return [ACTION_UPDATES.studentConfirm, { actor: run.student.actor, agreementHash: run.hash }];
      case 'studentReturn':
        return [ACTION_UPDATES.return, { actor: run.student.actor, reason: '薪资与面谈不一致' }];
      case 'schoolReturn':
        return [ACTION_UPDATES.return, { actor: run.school.actor, reason: '协议信息需更正' }];
      case 'schoolConfirm':
        return [ACTION_UPDATES.schoolConfirm, { actor: run.school.actor }];
      case 'studentCancel':
        return [ACTION_UPDATES.cancel, { actor: run.student.actor, reason: '改投其他单位' }];
      case 'employerCancel':
        return [ACTION_UPDATES.cancel, { actor: run.employer.actor, reason: '岗位取消' }];
      case 'schoolCancel':
        return [ACTION_UPDATES.cancel, { actor: run.school.actor, reason: '材料不符' }];
      case 'submit':
        throw new Error('a signing is submitted through the API');
    }
  }

  async function driveOne(run: SigningRun, upTo: number, before?: (run: SigningRun) => Promise<void>): Promise<void> {
    if (run.done >= upTo) return;
    if (before) await before(run);
    while (run.done < upTo) {
      const step = run.plan.steps[run.done]!;
      const key = `fault-${run.student.accountId}-${run.done}`;
      const kind = isRescissionStep(step) ? 'rescission' : 'signing';
      stats.pending[kind] += 1;
      const ok = run.channel === 'temporal' && run.done >= temporalFrom(run.plan) ? await temporalStep(run, step, key) : await httpStep(run, step, key);
      stats.pending[kind] -= 1;
      if (!ok) return;
      run.done += 1;
      stats.acceptedSteps += 1;
      stats.acceptedAt.push(performance.now());
    }
  }

  return {
    stats,
    markWindow(open) {
      windowOpen = open;
    },
    async drive(runs, driveOptions = {}) {
      await Promise.all(runs.map((run) => driveOne(run, driveOptions.upTo?.(run) ?? run.plan.steps.length, driveOptions.before)));
    },
    async settleTemporalUpdates() {
      const results = await Promise.allSettled(pendingUpdateResults);
      for (const r of results) {
        if (r.status === 'rejected') {
          stats.failures.push({ signing: -1, signingId: undefined, step: 'submit', status: `update result: ${(r.reason as Error).message}`, body: null });
        }
      }
    },
  };
}

/** The employer's second version after a return: a different salary, hence a different hash. */
function secondVersion() {
  const body = sampleEmployerSign();
  body.agreement.employmentTerms.monthlySalaryPreTax = 6000;
  body.agreement.employmentTerms.monthlySalaryAfterTax = 5500;
  return body;
}
