/**
 * `npm run histories:record`: records the workflow histories replayed by tests/replay (see
 * tests/replay/record-histories.record.ts) on the same stack as the tests. Its own include, so
 * `npm test` never re-records; the same global setup, pool and timeouts as vitest.config.ts.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/replay/record-histories.record.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 900_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
