/**
 * The workflow bundle the production image builds (Dockerfile stage `bundle`, loaded by workers
 * through WORKFLOW_BUNDLE_PATH) is the same workflow: every recorded history replays against it.
 * So a worker started from the image runs exactly the code the replay test checked.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleWorkflows } from '../../scripts/bundle-workflows';
import { FAILURE_CONVERTER_PATH } from '../../temporal/data-converter';
import { quietTemporalLogs } from '../support/temporal-logs';
import { historyFromJson } from './history-json';

const FIXTURES_DIR = path.join(import.meta.dirname, '../fixtures/histories');
const dir = await mkdtemp(path.join(os.tmpdir(), 'wangqian-bundle-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the prebuilt workflow bundle', () => {
  it('replays every recorded history, as the workflow code itself does', { timeout: 300_000 }, async () => {
    quietTemporalLogs();
    const codePath = path.join(dir, 'workflow-bundle.js');
    const { bytes } = await bundleWorkflows(codePath);
    expect(bytes).toBeGreaterThan(0);

    const files = (await readdir(FIXTURES_DIR)).filter((f) => f.endsWith('.json'));
    const histories = await Promise.all(
      files.map(async (f) => ({ workflowId: f, history: historyFromJson(JSON.parse(await readFile(path.join(FIXTURES_DIR, f), 'utf8'))) })),
    );
    const errors: Array<{ workflowId: string; error: string | undefined }> = [];
    for await (const result of Worker.runReplayHistories(
      // Exactly what startWorker passes with WORKFLOW_BUNDLE_PATH: the bundle carries the interceptors.
      { workflowBundle: { codePath }, dataConverter: { failureConverterPath: FAILURE_CONVERTER_PATH } },
      histories,
    )) {
      errors.push({ workflowId: result.workflowId, error: result.error?.message });
    }
    expect(errors).toEqual(histories.map(({ workflowId }) => ({ workflowId, error: undefined })));
  });
});
