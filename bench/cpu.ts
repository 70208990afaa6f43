/**
 * CPU time spent by each process of the stack (from /proc/<pid>/stat), so a phase can be charged
 * in CPU-milliseconds per signing. On a machine shared with other work, wall-clock rates swing
 * with the neighbours' load; the CPU each of our processes burns per signing does not, and it
 * shows where a signing's cost goes (Temporal server, worker, PostgreSQL, API + load driver).
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime (+ reaped children's when `withChildren`) of one process, in ms. */
function cpuOf(pid: number, withChildren: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
    const [u, s, cu, cs] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return (u! + s! + (withChildren ? cu! + cs! : 0)) * TICK_MS;
  } catch {
    return 0;
  }
}

function childrenOf(ppid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppidField = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppidField === ppid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export interface CpuSources {
  temporal?: number | undefined;
  worker?: number | undefined;
  bareWorker?: number | undefined;
  /** The postmaster: its live backends and the ones it reaped count too. */
  postgres?: number | undefined;
}

export type CpuSnapshot = Record<string, number>;

export function cpuSnapshot(sources: CpuSources): CpuSnapshot {
  const snap: CpuSnapshot = {};
  const own = process.cpuUsage();
  snap.bench = (own.user + own.system) / 1000;
  if (sources.temporal) snap.temporal = cpuOf(sources.temporal, true);
  if (sources.worker) snap.worker = cpuOf(sources.worker, true);
  if (sources.bareWorker) snap.bareWorker = cpuOf(sources.bareWorker, true);
  if (sources.postgres) snap.postgres = cpuOf(sources.postgres, true) + childrenOf(sources.postgres).reduce((n, pid) => n + cpuOf(pid, false), 0);
  return snap;
}

/** CPU-ms per unit between two snapshots, per process and in total. */
export function cpuPer(before: CpuSnapshot, after: CpuSnapshot, units: number): Record<string, number> {
  const out: Record<string, number> = {};
  let total = 0;
  for (const key of Object.keys(after)) {
    const ms = (after[key] ?? 0) - (before[key] ?? 0);
    out[key] = Math.round((ms / units) * 10) / 10;
    total += ms;
  }
  out.total = Math.round((total / units) * 10) / 10;
  return out;
}

/**
 * Waits until the stack's processes are idle (less than 30 CPU-ms over 700 ms, at most `maxMs`),
 * so work a phase left behind (notification deliveries, history writes) is charged to it and not
 * to the next phase.
 */
export async function drained(sources: CpuSources, maxMs = 30_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  const busy = (s: CpuSnapshot) => (s.temporal ?? 0) + (s.worker ?? 0) + (s.bareWorker ?? 0) + (s.postgres ?? 0);
  let last = busy(cpuSnapshot(sources));
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 700));
    const now = busy(cpuSnapshot(sources));
    if (now - last < 30) return;
    last = now;
  }
}
