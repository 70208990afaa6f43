/**
 * The main comparison: N full signings through the service, N bare-Temporal signings and N
 * durable-bare ones (bench/durable-bare-workflow.ts: the service's Temporal commands with no-op
 * activities), at the same concurrency, interleaved ABC CBA (bare, durable-bare, service, service,
 * durable-bare, bare, …) so drift in the shared machine's load hits all alike. Each side's rate is
 * its signings over the sum of its rounds' wall times; its history events and SQL are counted.
 */
import type { Client } from '@temporalio/client';
import { runBare } from './bare';
import { runDurableBare } from './durable-bare';
import { eventsPerSigning } from './history-events';
import { type SqlCounts, sqlPer } from './sql-counts';
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
  /** History events of a completed signing (mean over a sample of the last round's). */
  eventsPerSigning: number | null;
  /** SQL statements and commits per signing, counted by PostgreSQL (null: not available). */
  sqlPerSigning: SqlCounts | null;
}

export type Side = 'service' | 'bare' | 'durableBare';

export interface MainFigures {
  n: number;
  c: number;
  rounds: { side: Side; count: number; wallMs: number; signingsPerSecond: number; load1: number }[];
  service: SideFigures;
  bare: SideFigures;
  durableBare: SideFigures;
  /** service signings/s ÷ bare signings/s. */
  ratio: number;
  /** bare CPU-ms per signing ÷ service CPU-ms per signing (all processes): the ratio an idle, CPU-bound machine would show. */
  cpuRatio: number;
  /** The same two against the durable-bare baseline. */
  ratioDurable: number;
  cpuRatioDurable: number;
}

interface Measured {
  cpu: { before: CpuSnapshot; after: CpuSnapshot };
  sql: { before: SqlCounts | null; after: SqlCounts | null };
}

function combine(results: LoadResult[], measured: Measured[], events: number | null): SideFigures {
  const cpu = measured.map((m) => m.cpu);
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
    eventsPerSigning: events,
    sqlPerSigning: sqlSum(measured, signings),
  };
}

function sqlSum(measured: Measured[], signings: number): SqlCounts | null {
  const deltas = measured.map((m) => sqlPer(m.sql.before, m.sql.after, 1));
  if (deltas.some((d) => d === null)) return null;
  const zero: SqlCounts = { statements: 0, commits: 0, xactCommits: 0 };
  const total = deltas.reduce<SqlCounts>((a, d) => ({ statements: a.statements + d!.statements, commits: a.commits + d!.commits, xactCommits: a.xactCommits + d!.xactCommits }), zero);
  return sqlPer(zero, total, signings);
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
  const bar = progress('warm-up', count * 3);
  await runSignings(apiUrl, parties, tokens, { from: 0, count }, c, () => bar.tick());
  await runBare(client, bareTaskQueue, count, c, () => bar.tick());
  await runDurableBare(client, bareTaskQueue, count, c, () => bar.tick());
  bar.stop();
}

/** Students [from, from + n) are the service's; the baselines need none. */
export async function mainRun(
  apiUrl: string,
  client: Client,
  bareTaskQueue: string,
  parties: BenchParties,
  tokens: PartyTokens,
  options: { from: number; n: number; c: number; rounds: number },
  cpuSources: CpuSources,
  countSql: () => Promise<SqlCounts | null>,
): Promise<MainFigures> {
  const { n, c, rounds } = options;
  const per = Math.ceil(n / rounds);
  const sides: Side[] = ['bare', 'durableBare', 'service'];
  const results: Record<Side, LoadResult[]> = { bare: [], durableBare: [], service: [] };
  const measured: Record<Side, Measured[]> = { bare: [], durableBare: [], service: [] };
  const done: Record<Side, number> = { bare: 0, durableBare: 0, service: 0 };
  const log: MainFigures['rounds'] = [];
  // ABC CBA over the rounds.
  const sequence: Side[] = [];
  for (let r = 0; r < rounds; r++) sequence.push(...(r % 2 === 0 ? sides : [...sides].reverse()));
  const label: Record<Side, string> = { service: 'service', bare: 'bare Temporal', durableBare: 'durable-bare' };
  await drained(cpuSources);
  for (const side of sequence) {
    const count = Math.min(per, n - done[side]);
    if (count <= 0) continue;
    const before = cpuSnapshot(cpuSources);
    const sqlBefore = await countSql();
    const bar = progress(`${label[side]} (${done[side] + count}/${n})`, count);
    const tick = () => bar.tick();
    const result =
      side === 'service'
        ? await runSignings(apiUrl, parties, tokens, { from: options.from + done[side], count }, c, tick)
        : side === 'bare'
          ? await runBare(client, bareTaskQueue, count, c, tick)
          : await runDurableBare(client, bareTaskQueue, count, c, tick);
    bar.stop();
    await drained(cpuSources);
    measured[side].push({ cpu: { before, after: cpuSnapshot(cpuSources) }, sql: { before: sqlBefore, after: await countSql() } });
    results[side].push(result);
    done[side] += count;
    log.push({ side, count, wallMs: Math.round(result.wallMs), signingsPerSecond: Math.round((count / (result.wallMs / 1000)) * 100) / 100, load1: load1() });
  }
  const figures = {} as Record<Side, SideFigures>;
  for (const side of sides) {
    const last = results[side].at(-1)?.workflowIds ?? [];
    figures[side] = combine(results[side], measured[side], await eventsPerSigning(client, last));
  }
  const s = figures.service;
  const ratio = (a: number, b: number) => Math.round((a / (b || 1)) * 1000) / 1000;
  return {
    n,
    c,
    rounds: log,
    service: s,
    bare: figures.bare,
    durableBare: figures.durableBare,
    ratio: ratio(s.signingsPerSecond, figures.bare.signingsPerSecond),
    cpuRatio: ratio(figures.bare.cpuMsPerSigning.total ?? 0, s.cpuMsPerSigning.total ?? 0),
    ratioDurable: ratio(s.signingsPerSecond, figures.durableBare.signingsPerSecond),
    cpuRatioDurable: ratio(figures.durableBare.cpuMsPerSigning.total ?? 0, s.cpuMsPerSigning.total ?? 0),
  };
}
