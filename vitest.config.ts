/**
 * One vitest run = one shared stack (tests/support/global-setup.ts). Forks, not threads: the
 * Temporal worker's native core and the SDK's webpack bundling are per process. Timeouts are
 * generous because creating a Worker bundles the workflow code (seconds) and end-to-end tests wait
 * for real Temporal round trips on a 2-core machine.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
