/**
 * --open N: N signings submitted and left waiting for the employer (N live workflows with their
 * reminder timers), the worker's RSS read before, while and after they are held, then all of them
 * completed. Shows what an open signing costs the worker and that a large backlog still drains.
 */
import { sleep } from '../launcher/processes';
import { signingWorkflowId } from '../workflows/messages';
import { rssMiB } from './children';
import { retried503Count } from './http';
import { progress } from './progress';
import type { BenchParties } from './seed';
import { type PartyTokens, completeOne, emptySteps, submitOne } from './signings';
import type { BenchStack } from './stack';
import { type LatencySummary, pool, summarize, table } from './stats';

export interface OpenFigures {
  open: number;
  submitPerSecond: number;
  submitLatency: LatencySummary;
  /** Worker RSS (MiB): before submitting, once all were held and settled, after completing them. */
  rssBeforeMiB: number | null;
  rssHeldMiB: number | null;
  rssPeakMiB: number | null;
  rssAfterMiB: number | null;
  /** Worker heap in use after a full GC (MiB): before, held, after — what the open runs really keep. */
  heapBeforeMiB: number | null;
  heapHeldMiB: number | null;
  heapAfterMiB: number | null;
  completePerSecond: number;
  completedAll: boolean;
  /** 503 answers retried with the same key during the run (0 on a machine that keeps up). */
  retried503: number;
}

async function settled(stack: BenchStack, ids: string[]): Promise<void> {
  // Held = each run finished its first workflow task (started, scheduled, started, completed: a
  // history of 4 events or more), so it is in the worker's cache or was evicted from it. The
  // submission's rows say nothing here: the API writes them before the run starts. Raw describe:
  // the plain client has no codec for the runs' encrypted metadata.
  const { namespace } = stack.client.options;
  const firstTaskDone = async (id: string) => {
    const res = await stack.client.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId: signingWorkflowId(id) } });
    return Number(res.workflowExecutionInfo?.historyLength ?? 0) >= 4;
  };
  await pool(ids.length, 8, async (k) => {
    while (!(await firstTaskDone(ids[k]!))) await sleep(200);
  });
}

export async function openRun(stack: BenchStack, parties: BenchParties, tokens: PartyTokens, range: { from: number; count: number; c: number }): Promise<OpenFigures> {
  const pid = stack.worker?.pid;
  const rss = async () => (pid ? await rssMiB(pid) : null);
  const heap = async () => {
    const report = await stack.worker?.heap();
    if (report) process.stderr.write(`[bench] worker memory after GC: ${JSON.stringify(report)}\n`);
    return report?.heapUsedMiB ?? null;
  };
  let peak = 0;
  const sampler = setInterval(() => {
    if (pid) void rssMiB(pid).then((m) => (peak = Math.max(peak, m)), () => undefined);
  }, 500);
  try {
    const retriedBefore = retried503Count();
    const heapBeforeMiB = await heap();
    const rssBeforeMiB = await rss();
    const steps = emptySteps();
    const ids: string[] = new Array(range.count);
    let bar = progress(`open: submit ${range.count}`, range.count);
    let t = performance.now();
    await pool(range.count, range.c, async (k) => {
      ids[k] = await submitOne(stack.apiUrl, parties, tokens, range.from + k, steps);
      bar.tick();
    });
    const submitSeconds = (performance.now() - t) / 1000;
    bar.stop();
    await settled(stack, ids);
    await sleep(3000);
    const rssHeldMiB = await rss();
    const heapHeldMiB = await heap();
    process.stderr.write(
      `[bench] ${range.count} signings open; worker RSS ${rssHeldMiB ?? '?'} MiB, heap after GC ${heapHeldMiB ?? '?'} MiB (before: ${rssBeforeMiB ?? '?'} / ${heapBeforeMiB ?? '?'} MiB)\n`,
    );

    bar = progress(`open: complete ${range.count}`, range.count);
    t = performance.now();
    await pool(range.count, range.c, async (k) => {
      await completeOne(stack.apiUrl, parties, tokens, range.from + k, ids[k]!, steps);
      bar.tick();
    });
    const completeSeconds = (performance.now() - t) / 1000;
    bar.stop();
    return {
      open: range.count,
      submitPerSecond: Math.round((range.count / submitSeconds) * 10) / 10,
      submitLatency: summarize(steps.submit),
      rssBeforeMiB,
      rssHeldMiB,
      rssPeakMiB: pid ? peak : null,
      rssAfterMiB: await rss(),
      heapBeforeMiB,
      heapHeldMiB,
      heapAfterMiB: await heap(),
      completePerSecond: Math.round((range.count / completeSeconds) * 10) / 10,
      // completeOne checks each school-confirm answered COMPLETED (the API reads the database row).
      completedAll: steps.schoolConfirm.length === range.count,
      retried503: retried503Count() - retriedBefore,
    };
  } finally {
    clearInterval(sampler);
  }
}

export function printOpen(f: OpenFigures): void {
  console.log(`\n${f.open} open signings (submitted, awaiting the employer):`);
  console.log(
    table(
      ['', 'value'],
      [
        ['submissions/s', f.submitPerSecond],
        ['submit p50 / p95 / p99 ms', `${f.submitLatency.p50} / ${f.submitLatency.p95} / ${f.submitLatency.p99}`],
        ['worker RSS before (MiB)', f.rssBeforeMiB ?? 'n/a'],
        [`worker RSS with ${f.open} open (MiB)`, f.rssHeldMiB ?? 'n/a'],
        ['worker RSS peak (MiB)', f.rssPeakMiB ?? 'n/a'],
        ['worker RSS after completing (MiB)', f.rssAfterMiB ?? 'n/a'],
        ['worker heap after GC: before / held / after (MiB)', `${f.heapBeforeMiB ?? 'n/a'} / ${f.heapHeldMiB ?? 'n/a'} / ${f.heapAfterMiB ?? 'n/a'}`],
        ['completions/s (3 steps each)', f.completePerSecond],
        ['all completed', f.completedAll ? 'yes' : 'NO'],
        ['503 answers retried (same key)', f.retried503],
      ],
    ),
  );
}
