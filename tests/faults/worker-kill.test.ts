/**
 * Fault (a): the worker is killed with SIGKILL while signings are moving (Updates waiting on their
 * persistence, activities and notification deliveries running) — and 解约 requests on completed
 * signings are asked, agreed, approved, rejected and withdrawn — and a new worker process starts.
 * Every signing and every request must reach its end, the database must equal the workflows (the
 * request's status Query = its row; 已解约 and the plan withdrawn iff approved), no event may be
 * recorded twice and no notification processed twice. Sizes: tests/support/faults/settings.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type FaultOutcome, runFaultScenario } from '../support/faults/scenario';
import { FAULT_SETTINGS, faultTestTimeout } from '../support/faults/settings';
import { expectNothingLostNothingTwice } from '../support/faults/expectations';

describe('fault: kill -9 the worker mid-flight', () => {
  // Everything the run started is stopped here even if the test fails or times out.
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it(
    'loses no acknowledged step and does nothing twice',
    async () => {
      const outcome: FaultOutcome = await runFaultScenario('worker-kill', {
        signings: FAULT_SETTINGS.signings,
        rescissions: FAULT_SETTINGS.rescissions,
        concurrency: FAULT_SETTINGS.concurrency,
        log: (line) => console.log(line),
        onCleanup: (cleanup) => cleanups.push(cleanup),
      });
      expectNothingLostNothingTwice(outcome);
      // The kill struck while signings and 解约 requests were unfinished and the API kept answering.
      expect(outcome.inFlightAtFault).toBeGreaterThan(0);
      expect(outcome.rescissionsInFlightAtFault).toBeGreaterThan(0);
      expect(outcome.stepsPendingAtFault.rescission).toBeGreaterThan(0);
    },
    faultTestTimeout(),
  );
});
