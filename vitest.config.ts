/**
 * Two projects. `unit` (tests/unit, `npm run test:unit`) needs no servers. `stack` (every other
 * test file) shares one real stack per run (tests/support/global-setup.ts). `npm test` runs both.
 * Forks, not threads: the Temporal worker's native core and the SDK's webpack bundling are per
 * process. Timeouts are generous because creating a Worker bundles the workflow code (seconds) and
 * end-to-end tests wait for real Temporal round trips on a 2-core machine.
 */
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'stack',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/unit/**'],
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
    ],
  },
});
