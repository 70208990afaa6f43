/**
 * vitest globalSetup: the real stack, started once per test run and shared by all test files —
 * a Temporal dev server (search attributes registered) and an embedded PostgreSQL with the
 * migrations applied, both on free ports and in a fresh temporary folder, so a test run never
 * touches the developer's `npm start` data or ports. Tests reach them with inject() (see
 * provided.d.ts); each test keeps its own data apart (unique ids, its own task queue).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sparticuz from '@sparticuz/chromium';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../../db/migrate';
import { buildWeb } from '../../launcher/build-web';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../launcher/embedded-postgres';
import { freePort } from '../../launcher/processes';
import { resolveTemporalCli, resolveTestServer } from '../../launcher/temporal-cli';
import { devServerArgs } from '../../temporal/dev-server-args';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wangqian-test-'));
  let temporal: TestWorkflowEnvironment | undefined;
  let postgres: EmbeddedPostgresHandle | undefined;

  const teardown = async () => {
    await Promise.allSettled([temporal?.teardown(), postgres?.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const [cli, testServerPath] = await Promise.all([resolveTemporalCli(), resolveTestServer()]);
    const startTemporal = TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: cli },
        ip: '127.0.0.1',
        // The same search attributes as the launcher's dev server.
        extraArgs: devServerArgs(),
      },
    }).then((env) => (temporal = env));
    const startPostgres = freePort()
      .then((port) =>
        // Throwaway cluster: durability off makes migrations and inserts noticeably faster.
        startEmbeddedPostgres({ dataDir, port, password: randomBytes(18).toString('base64url'), durable: false }),
      )
      .then((pg) => (postgres = pg));
    // The browser journeys need the built portal (built only when its sources changed) and the
    // Chromium binary, unpacked once here so parallel test files never race to unpack it.
    const prepareBrowser = Promise.all([buildWeb({ ifStale: true }), sparticuz.executablePath()]);
    // allSettled: if one fails, the other has still registered itself for teardown.
    const results = await Promise.allSettled([startTemporal, startPostgres, prepareBrowser]);
    for (const r of results) if (r.status === 'rejected') throw r.reason;

    await runMigrations(postgres!.url);
    project.provide('temporalAddress', temporal!.address);
    project.provide('databaseUrl', postgres!.url);
    project.provide('postgresAdminUrl', postgres!.adminUrl);
    project.provide('testServerPath', testServerPath);
    console.log(`[global-setup] Temporal ${temporal!.address}, PostgreSQL ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
