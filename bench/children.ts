/**
 * Worker processes the bench starts: `node --import tsx <entry>`, output appended to a log file,
 * ready when a given line appears on stdout. Their RSS is read from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../launcher/processes';

/** What bench/heap-probe.cjs answers (MiB). */
export interface HeapReport {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  /** Heap in use per thread: the main thread and the SDK's workflow threads. */
  threads: { threadId: number; heapUsedMiB: number }[];
}

export const REPO_ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export interface TsxChild {
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
  /** The child's memory after a full GC (only for children started with the heap probe). */
  heap(): Promise<HeapReport | null>;
}

export async function startTsxChild(
  entry: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  readyLine: RegExp,
  { timeoutMs = 300_000, heapProbe = false }: { timeoutMs?: number; heapProbe?: boolean } = {},
): Promise<TsxChild> {
  const log = createWriteStream(logFile, { flags: 'a' });
  // BENCH_CPU_PROF=<dir>: the child writes a V8 CPU profile there when it exits (for profiling).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const probe = heapProbe ? ['--import', './bench/heap-probe.cjs'] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', ...probe, entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: heapProbe ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.pipe(log);
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} not ready after ${timeoutMs / 1000} s (log: ${logFile})`)), timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.write(`${line}\n`);
      if (readyLine.test(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (code ${code}, signal ${signal}); log: ${logFile}`));
    });
    child.once('error', reject);
  });
  const stop = async () => {
    await stopChild(child, 15_000);
    log.end();
  };
  try {
    await ready;
  } catch (err) {
    await stop();
    const tail = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-20).join('\n');
    throw new Error(`${(err as Error).message}\n${tail}`, { cause: err });
  }
  const heap = async (): Promise<HeapReport | null> => {
    if (!heapProbe || !child.connected) return null;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(null), 60_000);
      const onMessage = (m: unknown) => {
        if (m && typeof m === 'object' && 'heap' in m) done((m as { heap: HeapReport }).heap);
      };
      const done = (report: HeapReport | null) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(report);
      };
      child.on('message', onMessage);
      child.send('heap');
    });
  };
  return { child, pid: child.pid!, stop, heap };
}

/** Resident set size of a process in MiB (VmRSS from /proc/<pid>/status). */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return Math.round((kb / 1024) * 10) / 10;
}
