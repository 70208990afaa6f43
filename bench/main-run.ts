/**
 * The main comparison: N full signings through the service and N bare-Temporal signings, at the same
 * concurrency, interleaved ABBA (bare, service, service, bare, …) so drift in the shared machine's
 * load hits both alike. Each side's rate is its signings over the sum of its rounds' wall times.
 */
import type { Client } from '@temporalio/client';
import { runBare } from './bare';
import { type CpuSnapshot, type CpuSources, cpuPer, cpuSnapshot, drained } from './cpu';
import { load1 } from './machine';
import { progress } from './progress';
import type { BenchParties } from './seed';
import { type LoadResult, type PartyTokens, STEPS, type Step, emptySteps, runSignings } from './signings';
import { type LatencySummary, summarize } from './stats';

export interface SideFigures {
  signings: number;
  wallMs: number;
  signingsPerSecond: number;
  steps: Record<Step, LatencySummary>;
  /** CPU-ms per signing by process (bench = the API and the load driver, or the bare client). */
  cpuMsPerSigning: Record<string, number>;
}

export interface MainFigures {
  n: number;
  c: number;
  rounds: { side: 'service' | 'bare'; count: number; wallMs: number; signingsPerSecond: number; load1: number }[];
  service: SideFigures;
  bare: SideFigures;
  /** service signings/s ÷ bare signings/s. */
  ratio: number;
  /** bare CPU-ms per signing ÷ service CPU-ms per signing (all processes): the ratio an idle, CPU-bound machine would show. */
  cpuRatio: number;
}

function combine(results: LoadResult[], cpu: { before: CpuSnapshot; after: CpuSnapshot }[]): SideFigures {
  const steps = emptySteps();
  for (const r of results) for (const s of STEPS) steps[s].push(...r.steps[s]);
  const signings = results.reduce((n, r) => n + r.count, 0);
  const wallMs = results.reduce((n, r) => n + r.wallMs, 0);
  return {
    signings,
    wallMs: Math.round(wallMs),
    signingsPerSecond: Math.round((signings / (wallMs / 1000)) * 100) / 100,
    steps: Object.fromEntries(STEPS.map((s) => [s, summarize(steps[s])])) as Record<Step, LatencySummary>,
    cpuMsPerSigning: cpuPer(sum(cpu.map((c) => c.before)), sum(cpu.map((c) => c.after)), signings),
  };
}

function sum(snaps: CpuSnapshot[]): CpuSnapshot {
  const out: CpuSnapshot = {};
  for (const snap of snaps) for (const [k, v] of Object.entries(snap)) out[k] = (out[k] ?? 0) + v;
  return out;
}

export async function warmUp(
  apiUrl: string,
  client: Client,
  bareTaskQueue: string,
  parties: BenchParties,
  tokens: PartyTokens,
  count: number,
  c: number,
): Promise<void> {
  if (count === 0) return;
  const bar = progress('warm-up', count * 2);
  await runSignings(apiUrl, parties, tokens, { from: 0, count }, c, () => bar.tick());
  await runBare(client, bareTaskQueue, count, c, () => bar.tick());
  bar.stop();
}

/** Students [from, from + n) are the service's; the bare side needs none. */
export async function mainRun(
  apiUrl: string,
  client: Client,
  bareTaskQueue: string,
  parties: BenchParties,
  tokens: PartyTokens,
  options: { from: number; n: number; c: number; rounds: number },
  cpuSources: CpuSources,
): Promise<MainFigures> {
  const { n, c, rounds } = options;
  const per = Math.ceil(n / rounds);
  const service: LoadResult[] = [];
  const bare: LoadResult[] = [];
  const log: MainFigures['rounds'] = [];
  const serviceCpu: { before: CpuSnapshot; after: CpuSnapshot }[] = [];
  const bareCpu: { before: CpuSnapshot; after: CpuSnapshot }[] = [];
  let served = 0;
  let bared = 0;
  // ABBA over the rounds: B S | S B | B S | …
  const sequence: ('service' | 'bare')[] = [];
  for (let r = 0; r < rounds; r++) sequence.push(...(r % 2 === 0 ? (['bare', 'service'] as const) : (['service', 'bare'] as const)));
  await drained(cpuSources);
  for (const side of sequence) {
    const done = side === 'service' ? served : bared;
    const count = Math.min(per, n - done);
    if (count <= 0) continue;
    const before = cpuSnapshot(cpuSources);
    const bar = progress(`${side === 'service' ? 'service' : 'bare Temporal'} (${done + count}/${n})`, count);
    const result =
      side === 'service'
        ? await runSignings(apiUrl, parties, tokens, { from: options.from + served, count }, c, () => bar.tick())
        : await runBare(client, bareTaskQueue, count, c, () => bar.tick());
    bar.stop();
    await drained(cpuSources);
    (side === 'service' ? serviceCpu : bareCpu).push({ before, after: cpuSnapshot(cpuSources) });
    (side === 'service' ? service : bare).push(result);
    if (side === 'service') served += count;
    else bared += count;
    log.push({ side, count, wallMs: Math.round(result.wallMs), signingsPerSecond: Math.round((count / (result.wallMs / 1000)) * 100) / 100, load1: load1() });
  }
  const s = combine(service, serviceCpu);
  const b = combine(bare, bareCpu);
  return {
    n,
    c,
    rounds: log,
    service: s,
    bare: b,
    ratio: Math.round((s.signingsPerSecond / b.signingsPerSecond) * 1000) / 1000,
    cpuRatio: Math.round(((b.cpuMsPerSigning.total ?? 0) / (s.cpuMsPerSigning.total || 1)) * 1000) / 1000,
  };
}
