/**
 * Fault (b): the Temporal dev server is stopped while signings are moving, stays down for longer
 * than the client's gRPC retries last, and is started again on the same port and SQLite file.
 * Requests that meet the outage get 503 UNAVAILABLE (never 500), and the parties' retries with
 * the same Idempotency-Key after it returns act once. Then: every signing at its end, database =
 * workflows, no event or notification twice. Sizes: tests/support/faults/settings.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runFaultScenario } from '../support/faults/scenario';
import { FAULT_SETTINGS, faultTestTimeout } from '../support/faults/settings';
import { expectNothingLostNothingTwice } from '../support/faults/expectations';

describe('fault: stop and restart the Temporal dev server', () => {
  // Everything the run started is stopped here even if the test fails or times out.
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it(
    'answers 503 during the outage, then loses no acknowledged step and does nothing twice',
    async () => {
      const outcome = await runFaultScenario('temporal-restart', {
        signings: FAULT_SETTINGS.signings,
        rescissions: FAULT_SETTINGS.rescissions,
        concurrency: FAULT_SETTINGS.concurrency,
        outageMs: FAULT_SETTINGS.temporalOutageMs,
        temporalSignal: FAULT_SETTINGS.temporalSignal,
        log: (line) => console.log(line),
        onCleanup: (cleanup) => cleanups.push(cleanup),
      });
      expectNothingLostNothingTwice(outcome);
      // Requests met the outage and were told to retry with 503 UNAVAILABLE.
      expect(outcome.http.duringFault['503'] ?? 0).toBeGreaterThan(0);
    },
    faultTestTimeout(FAULT_SETTINGS.temporalOutageMs),
  );
});
