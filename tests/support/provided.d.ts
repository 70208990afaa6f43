/**
 * What tests/support/global-setup.ts hands to every test file through vitest's provide/inject:
 * `inject('databaseUrl')` is typed by this augmentation.
 */
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** host:port of the Temporal dev server started for this test run (namespace `default`). */
    temporalAddress: string;
    /** postgres:// URL of the migrated `wangqian` database on the run's embedded PostgreSQL. */
    databaseUrl: string;
    /** postgres:// URL of the same cluster's `postgres` database, to create scratch databases. */
    postgresAdminUrl: string;
    /** Path to the Java time-skipping test server, for TestWorkflowEnvironment.createTimeSkipping. */
    testServerPath: string;
  }
}
