/**
 * `npm run bench -- [options]`: what to measure and which servers to use. Without reuse flags the
 * bench starts its own throwaway stack (Temporal dev server, embedded PostgreSQL, worker, API).
 */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Full signings in the main run (split over the interleaved rounds). */
  n: number;
  /** Signings in flight at once. */
  c: number;
  /** Rounds of the ABBA interleaving of service and bare baseline (an even number ≥ 2). */
  rounds: number;
  temporalAddress?: string | undefined;
  databaseUrl?: string | undefined;
  /** An already running API (its worker too): the bench then only seeds and drives it. */
  apiUrl?: string | undefined;
  /** The running API's JWT_SECRET (with --api-url): the bench mints its parties' tokens. */
  jwtSecret?: string | undefined;
  /** The running worker's task queue (with --api-url): only used to describe the run. */
  taskQueue?: string | undefined;
  /** Hold this many signings open, report the worker's RSS, then complete them (0 = skip). */
  open: number;
  /** Measure the list endpoints at 1,000 and 100,000 signings. */
  lists: boolean;
  /** Skip the main run (only --open / --lists). */
  skipMain: boolean;
  /** Keep the temporary folder with the logs. */
  keep: boolean;
  /** Where the JSON goes (default bench/results/<date>.json). */
  out?: string | undefined;
}

const USAGE = `npm run bench -- [--n 200] [--c 16] [--rounds 2] [--open 10000] [--lists] [--only-extra]
  [--temporal-address host:port] [--database-url postgres://…] [--api-url http://… --jwt-secret …]
  [--out file.json] [--keep]`;

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} 应为非负整数 (got "${text}")\n${USAGE}`);
  return n;
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string' },
      c: { type: 'string' },
      rounds: { type: 'string' },
      'temporal-address': { type: 'string' },
      'database-url': { type: 'string' },
      'api-url': { type: 'string' },
      'jwt-secret': { type: 'string' },
      'task-queue': { type: 'string' },
      open: { type: 'string' },
      lists: { type: 'boolean' },
      'only-extra': { type: 'boolean' },
      out: { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const options: BenchOptions = {
    n: positiveInt('n', values.n, 200),
    c: Math.max(1, positiveInt('c', values.c, 16)),
    rounds: positiveInt('rounds', values.rounds, 2),
    temporalAddress: values['temporal-address'],
    databaseUrl: values['database-url'] ?? undefined,
    apiUrl: values['api-url']?.replace(/\/+$/, ''),
    jwtSecret: values['jwt-secret'] ?? process.env.JWT_SECRET,
    taskQueue: values['task-queue'],
    open: positiveInt('open', values.open, 0),
    lists: values.lists ?? false,
    skipMain: values['only-extra'] ?? false,
    out: values.out,
    keep: values.keep ?? false,
  };
  if (options.rounds < 2 || options.rounds % 2 !== 0) throw new Error(`--rounds 应为 ≥ 2 的偶数 (ABBA)\n${USAGE}`);
  if (options.apiUrl && (!options.databaseUrl || !options.jwtSecret || !options.temporalAddress)) {
    throw new Error(`--api-url 需要同时给出 --database-url、--temporal-address 与 --jwt-secret（或 JWT_SECRET）\n${USAGE}`);
  }
  return options;
}
