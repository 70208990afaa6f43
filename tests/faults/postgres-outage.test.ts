/**
 * Fault (c): PostgreSQL is stopped while signings are moving and stays down (30 s by default).
 * Meanwhile the API answers 503 UNAVAILABLE (never 500), while the workflows — the source of
 * truth — keep accepting Updates sent to them directly (as from the Temporal UI); the persistence
 * activities retry until PostgreSQL is back and the database catches up. Then: every signing at
 * its end, database = workflows, no event or notification twice. Sizes: tests/support/faults/settings.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runFaultScenario } from '../support/faults/scenario';
import { FAULT_SETTINGS, faultTestTimeout } from '../support/faults/settings';
import { expectNothingLostNothingTwice } from '../support/faults/expectations';

describe('fault: stop PostgreSQL for a while', () => {
  // Everything the run started is stopped here even if the test fails or times out.
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it(
    'keeps accepting steps in the workflows, answers 503 over HTTP, then catches up with nothing lost or twice',
    async () => {
      const outcome = await runFaultScenario('postgres-outage', {
        signings: FAULT_SETTINGS.signings,
        rescissions: FAULT_SETTINGS.rescissions,
        concurrency: FAULT_SETTINGS.concurrency,
        outageMs: FAULT_SETTINGS.postgresOutageMs,
        log: (line) => console.log(line),
        onCleanup: (cleanup) => cleanups.push(cleanup),
      });
      expectNothingLostNothingTwice(outcome);
      // The workflows accepted steps while the database was down, 解约 answers among them …
      expect(outcome.temporalUpdatesAcceptedDuringFault).toBeGreaterThan(0);
      expect(outcome.temporalRescissionUpdatesAcceptedDuringFault).toBeGreaterThan(0);
      // … and the API told the parties to retry: 503 UNAVAILABLE, never 500.
      expect(outcome.http.duringFault['503'] ?? 0).toBeGreaterThan(0);
      expect(outcome.http.duringFault['500'] ?? 0).toBe(0);
    },
    faultTestTimeout(FAULT_SETTINGS.postgresOutageMs),
  );
});
