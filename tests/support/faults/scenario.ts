/**
 * One fault run from start to finish: a private stack, N signings started at different stages and
 * R completed ones whose 解约 requests stand at different stages, the fault injected while all of
 * them are being driven concurrently, then the wait until all have ended and the consistency check. Used by tests/faults/*.test.ts at CI size and reusable by
 * the benchmark at a larger one (FAULT_SIGNINGS).
 *
 *   worker-kill       kill -9 the worker while Updates and activities are in flight; start another
 *   temporal-restart  stop the Temporal dev server, keep it down, start it on the same SQLite file
 *   postgres-outage   stop PostgreSQL, keep it down while parties act through Temporal, start it
 */
import { type SmtpSink, startSmtpSink } from '../smtp-sink';
import { sleep } from '../../../launcher/processes';
import { type LoadStats, PLANS, type SigningRun, createDriver, planRuns } from './load';
import { COMPLETION, RESCISSION_PLANS, temporalFrom } from './rescission-plans';
import { type Population, createPopulation } from './population';
import { type FaultStack, startFaultStack } from './stack';
import { type ConsistencyReport, checkConsistency, waitUntilSettled } from './verify';

export type FaultKind = 'worker-kill' | 'temporal-restart' | 'postgres-outage';

export interface FaultOptions {
  signings: number;
  /** Completed signings on which 解约 requests move during the fault (default 0). */
  rescissions?: number;
  /** HTTP requests in flight at most (default 24). */
  concurrency?: number;
  /** How long Temporal or PostgreSQL stays down (ignored for worker-kill). */
  outageMs?: number;
  /** How the dev server is stopped (temporal-restart). */
  temporalSignal?: 'SIGTERM' | 'SIGKILL';
  /** Share of the remaining steps accepted before the fault strikes (default 0.2). */
  strikeAfter?: number;
  /** Limit for everything to end and be delivered after the fault (default 5 min). */
  settleTimeoutMs?: number;
  log?: (line: string) => void;
  /**
   * Receives the run's clean-up as soon as there is something to clean up. A test registers it in
   * afterAll: when a test times out, vitest abandons the run (its `finally` may never come) but still
   * runs afterAll, so no dev server, PostgreSQL or child process outlives the test file.
   */
  onCleanup?: (cleanup: () => Promise<void>) => void;
}

export interface FaultOutcome {
  kind: FaultKind;
  signings: number;
  /** Steps (accepted actions, submissions included) the parties took in all. */
  steps: number;
  /** Signings not yet ended when the fault struck. */
  inFlightAtFault: number;
  /** 解约 runs, and those whose request had not ended when the fault struck. */
  rescissions: number;
  rescissionsInFlightAtFault: number;
  /** Steps waiting on their answer (sent or queued) when the fault struck. */
  stepsPendingAtFault: { signing: number; rescission: number };
  timings: {
    /** From the fault until the component was back (a new worker polling, the server or DB up). */
    downMs: number;
    /** From the component being back until the first step was accepted again. */
    backToFirstAcceptedMs: number | null;
    /** From the component being back until every step was accepted. */
    backToAllAcceptedMs: number;
    /** From the component being back until every signing ended and every notification arrived. */
    backToSettledMs: number;
  };
  http: { statuses: Record<string, number>; duringFault: Record<string, number>; retries: number };
  temporalUpdatesAcceptedDuringFault: number;
  /** … of which answers to 解约 requests. */
  temporalRescissionUpdatesAcceptedDuringFault: number;
  stats: LoadStats;
  report: ConsistencyReport;
  /** API or worker processes that died without being killed by the scenario. */
  unexpectedExits: string[];
}

/**
 * Where each run stands when the fault strikes: every plan at every one of its stages; a 解约 run
 * completed, and its request at every one of its stages (not yet asked, asked, answered).
 */
function stepsBeforeFault(run: SigningRun): number {
  const setup = run.plan.rescission ? COMPLETION.length : 0;
  const cohort = run.plan.rescission ? RESCISSION_PLANS : PLANS;
  return setup + (Math.floor(run.cohortIndex / cohort.length) % (run.plan.steps.length - setup));
}

export async function runFaultScenario(kind: FaultKind, options: FaultOptions): Promise<FaultOutcome> {
  const started = performance.now();
  const log = (line: string) => options.log?.(`${line.replace(/^\[faults\]/, `[faults +${((performance.now() - started) / 1000).toFixed(1)} s]`)}`);
  let smtp: SmtpSink | undefined;
  let stack: FaultStack | undefined;
  let population: Population | undefined;
  const cleanup = async () => {
    await population?.close().catch(() => undefined);
    await stack?.close().catch(() => undefined);
    await smtp?.close().catch(() => undefined);
  };
  options.onCleanup?.(cleanup);
  try {
    smtp = await startSmtpSink();
    stack = await startFaultStack({ smtpUrl: smtp.url });
    const rescissions = options.rescissions ?? 0;
    population = await createPopulation(stack.database, { baseUrl: stack.baseUrl, jwtSecret: stack.jwtSecret, students: options.signings + rescissions });
    const runs = planRuns(population, options.signings, rescissions);
    const driver = createDriver(stack.client, { concurrency: options.concurrency ?? 24 });

    // During the PostgreSQL outage a quarter of the signings is moved on through Temporal
    // directly, as an operator would in the Temporal UI: they must already exist by then.
    if (kind === 'postgres-outage') for (const run of runs) if (run.index % 4 === 1) run.channel = 'temporal';
    const before = (run: SigningRun) => Math.max(stepsBeforeFault(run), run.channel === 'temporal' ? temporalFrom(run.plan) : 0);
    await driver.drive(runs, { upTo: before });
    if (driver.stats.failures.length > 0) throw new Error(`set-up failed: ${JSON.stringify(driver.stats.failures.slice(0, 3))}`);
    const stepsBefore = driver.stats.acceptedSteps;
    const remaining = runs.reduce((n, r) => n + r.plan.steps.length - r.done, 0);
    log(`[faults] ${kind}: ${runs.length} signings (${rescissions} with 解约), ${stepsBefore} steps done, ${remaining} to go while the fault strikes`);

    let outageOpen!: () => void;
    const outage = new Promise<void>((resolve) => (outageOpen = resolve));
    const driving = driver.drive(runs, { before: async (run) => (run.channel === 'temporal' ? outage : undefined) });

    // Strike once the load is well under way.
    const strikeAt = stepsBefore + Math.max(1, Math.floor(remaining * (options.strikeAfter ?? 0.2)));
    while (driver.stats.acceptedSteps < strikeAt && driver.stats.failures.length === 0) await sleep(20);
    const atFault = driver.stats.acceptedSteps;
    const unfinishedAtFault = runs.filter((r) => r.done < r.plan.steps.length).length;
    const rescissionsUnfinishedAtFault = runs.filter((r) => r.plan.rescission && r.done < r.plan.steps.length).length;
    const pendingAtFault = { ...driver.stats.pending };
    const struck = performance.now();
    driver.markWindow(true);
    if (kind === 'worker-kill') {
      const pid = stack.workerPid();
      await stack.killWorker();
      log(`[faults] kill -9 worker PID ${pid} after ${atFault - stepsBefore}/${remaining} steps; starting a new worker`);
      await stack.startWorker();
    } else if (kind === 'temporal-restart') {
      await stack.stopTemporal(options.temporalSignal ?? 'SIGTERM');
      log(`[faults] Temporal dev server stopped (${options.temporalSignal ?? 'SIGTERM'}) after ${atFault - stepsBefore}/${remaining} steps; down for ${options.outageMs} ms`);
      await sleep(options.outageMs ?? 25_000);
      await stack.startTemporal();
    } else {
      await stack.stopPostgres();
      log(`[faults] PostgreSQL stopped after ${atFault - stepsBefore}/${remaining} steps; down for ${options.outageMs} ms`);
      outageOpen();
      await sleep(options.outageMs ?? 30_000);
      await stack.startPostgres();
    }
    outageOpen();
    const back = performance.now();
    driver.markWindow(false);
    const inFault = driver.stats.acceptedSteps - atFault;
    log(`[faults] back after ${((back - struck) / 1000).toFixed(1)} s; ${inFault} steps accepted meanwhile`);

    await driving;
    await driver.settleTemporalUpdates();
    const allAccepted = performance.now();
    if (driver.stats.failures.length === 0) {
      await waitUntilSettled(runs, { database: stack.database, client: stack.client, smtp, population, timeoutMs: options.settleTimeoutMs ?? 300_000 });
    }
    const settled = performance.now();
    const report = await checkConsistency(runs, { database: stack.database, client: stack.client, smtp, population });
    const firstAfter = driver.stats.acceptedAt.filter((t) => t >= back).sort((a, b) => a - b)[0];
    const outcome: FaultOutcome = {
      kind,
      signings: runs.length,
      steps: driver.stats.acceptedSteps,
      inFlightAtFault: unfinishedAtFault,
      rescissions,
      rescissionsInFlightAtFault: rescissionsUnfinishedAtFault,
      stepsPendingAtFault: pendingAtFault,
      timings: {
        downMs: Math.round(back - struck),
        backToFirstAcceptedMs: firstAfter === undefined ? null : Math.round(firstAfter - back),
        backToAllAcceptedMs: Math.round(allAccepted - back),
        backToSettledMs: Math.round(settled - back),
      },
      http: {
        statuses: Object.fromEntries(driver.stats.statuses),
        duringFault: Object.fromEntries(driver.stats.windowStatuses),
        retries: driver.stats.retries,
      },
      temporalUpdatesAcceptedDuringFault: driver.stats.temporalAcceptedInWindow,
      temporalRescissionUpdatesAcceptedDuringFault: driver.stats.temporalRescissionAcceptedInWindow,
      stats: driver.stats,
      report,
      unexpectedExits: [...stack.unexpectedExits],
    };
    log(formatOutcome(outcome));
    return outcome;
  } finally {
    await cleanup();
  }
}

export function formatOutcome(o: FaultOutcome): string {
  const r = o.report;
  const s = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);
  return [
    `[faults] ${o.kind}: ${o.signings} signings (${o.inFlightAtFault} unfinished when it struck), ${o.steps} steps, ${r.events} events`,
    `  steps waiting on their answer when it struck: ${o.stepsPendingAtFault.signing} signing, ${o.stepsPendingAtFault.rescission} 解约`,
    `  解约: ${o.rescissions} requests on completed signings (${o.rescissionsInFlightAtFault} unfinished when it struck), ended ${JSON.stringify(r.rescissions.byEnd)}, ${r.rescissions.steps} steps in the trails`,
    `  down ${s(o.timings.downMs)}; back → first step accepted ${s(o.timings.backToFirstAcceptedMs)}, → all steps ${s(o.timings.backToAllAcceptedMs)}, → all ended and delivered ${s(o.timings.backToSettledMs)}`,
    `  HTTP ${JSON.stringify(o.http.statuses)}, during the fault ${JSON.stringify(o.http.duringFault)}, retries ${o.http.retries}; Updates accepted by Temporal during the fault ${o.temporalUpdatesAcceptedDuringFault} (${o.temporalRescissionUpdatesAcceptedDuringFault} of them 解约 answers)`,
    `  processes that died unasked ${o.unexpectedExits.length}; failed steps ${o.stats.failures.length}, unexpected 5xx ${o.stats.unexpected5xx.length}, state mismatches ${r.stateProblems.length}, event problems ${r.eventProblems.length}, duplicate events ${r.duplicateEvents}, notification problems ${r.notificationProblems.length}`,
    `  e-mail: ${r.email.received}/${r.email.expected} (event, recipient) received, ${r.email.missing} missing, ${r.email.duplicates} resent copies (same Message-ID; conflicts ${r.email.messageIdConflicts}), ${r.email.unexpected} unexpected`,
    `  webhooks: ${r.webhooks.processed}/${r.webhooks.expected} events processed, ${r.webhooks.processedTwice} processed twice, ${r.webhooks.redeliveries} redeliveries absorbed by the receiver's dedupe, ${r.webhooks.missing} missing`,
  ].join('\n');
}
