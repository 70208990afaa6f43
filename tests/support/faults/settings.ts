/**
 * Sizes of the fault tests: small enough for CI by default, larger through the environment, e.g.
 * `FAULT_SIGNINGS=200 FAULT_RESCISSIONS=60 FAULT_PG_OUTAGE_MS=30000 npx vitest run tests/faults`.
 */
function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export const FAULT_SETTINGS = {
  /** Signings in flight when the fault strikes (all six plans at every stage from 48 up). */
  signings: positiveInt('FAULT_SIGNINGS', 48),
  /** Completed signings whose 解约 requests move during the fault (all six 解约 plans at every stage from 24 up). */
  rescissions: positiveInt('FAULT_RESCISSIONS', 24),
  /** HTTP requests in flight at most. */
  concurrency: positiveInt('FAULT_CONCURRENCY', 24),
  /** How long the Temporal dev server stays down: longer than the client's ~20 s of gRPC retries, so requests meet the outage. */
  temporalOutageMs: positiveInt('FAULT_TEMPORAL_OUTAGE_MS', 25_000),
  /** How the dev server is stopped: SIGTERM (graceful) or SIGKILL (a crash). */
  temporalSignal: (process.env.FAULT_TEMPORAL_SIGNAL === 'SIGKILL' ? 'SIGKILL' : 'SIGTERM') as 'SIGTERM' | 'SIGKILL',
  /** How long PostgreSQL stays down. */
  postgresOutageMs: positiveInt('FAULT_PG_OUTAGE_MS', 30_000),
};

/**
 * A test's time limit: set-up, the load, the outage and up to 5 min of catching up, with room for
 * a 2-core machine shared with other test runs (a ceiling, not the expected duration).
 */
export function faultTestTimeout(outageMs = 0): number {
  return 300_000 + outageMs + (FAULT_SETTINGS.signings + FAULT_SETTINGS.rescissions) * 3_000 + 420_000;
}
