/**
 * Replays every recorded history (tests/fixtures/histories, one per path of HISTORY_PATHS, recorded
 * by `npm run histories:record`) against the current workflow code, with the workflow options the
 * worker runs (WORKFLOW_OPTIONS: code and interceptors). A change to the workflow that would make
 * it take different steps on a run already under way fails here, before it can break running
 * signings in production; the README's "Changing the workflow safely" says what to do instead.
 *
 * The last two tests prove the check bites, for the signing's and the 解约 workflow alike: the same
 * change fails replay when made plainly and passes behind `patched()` (test-only workflow modules
 * in tests/fixtures/workflows).
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { History } from '@temporalio/common/lib/proto-utils';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { describe, expect, it } from 'vitest';
import { FAILURE_CONVERTER_PATH } from '../../temporal/data-converter';
import { WORKFLOW_OPTIONS } from '../../worker';
import { quietTemporalLogs } from '../support/temporal-logs';
import { historyFromJson } from './history-json';
import { HISTORY_PATHS } from './history-paths';
import { PLAIN_ENCODINGS, encodingOf, payloadsIn } from './plaintext-history';

const FIXTURES_DIR = path.join(import.meta.dirname, '../fixtures/histories');
/** What production's workflow side runs: the worker's code and interceptors, and its failure converter (no codec: fixtures are plain). */
const PRODUCTION: ReplayWorkerOptions = { ...WORKFLOW_OPTIONS, dataConverter: { failureConverterPath: FAILURE_CONVERTER_PATH } };
const CHANGED_WORKFLOWS = path.join(import.meta.dirname, '../fixtures/workflows');

interface Fixture {
  workflowId: string;
  history: History;
}

async function loadFixture(name: string): Promise<Fixture> {
  const text = await readFile(path.join(FIXTURES_DIR, `${name}.json`), 'utf8');
  return { workflowId: name, history: historyFromJson(JSON.parse(text)) };
}

/**
 * Histories kept from before a change made behind `patched()` (tests/fixtures/histories/legacy/,
 * none at present): what runs started on the old code look like. The recorder never touches them;
 * they are replayed as long as they are kept (README "Changing the workflow safely").
 */
async function loadLegacyFixtures(): Promise<Fixture[]> {
  const dir = path.join(FIXTURES_DIR, 'legacy');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json'));
  return Promise.all(
    files.map(async (f) => ({ workflowId: `legacy/${f}`, history: historyFromJson(JSON.parse(await readFile(path.join(dir, f), 'utf8'))) })),
  );
}

async function replay(options: ReplayWorkerOptions, fixtures: Fixture[]) {
  const results: Array<{ workflowId: string; error: Error | undefined }> = [];
  for await (const result of Worker.runReplayHistories(options, fixtures)) {
    results.push({ workflowId: result.workflowId, error: result.error });
  }
  return results;
}

const names = HISTORY_PATHS.map((p) => p.name);

describe('recorded workflow histories', () => {
  it('has a fixture for every path through the workflow, and none without a path', async () => {
    const files = (await readdir(FIXTURES_DIR)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
    expect(files.sort()).toEqual([...names].sort());
  });

  it('holds complete runs of the listed workflow type, every payload in plain JSON (no key needed)', async () => {
    for (const p of HISTORY_PATHS) {
      const { history } = await loadFixture(p.name);
      const events = history.events ?? [];
      expect(events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name, p.name).toBe(p.workflowType);
      expect(events.at(-1)?.workflowExecutionCompletedEventAttributes, `${p.name} ends with the run completed`).toBeTruthy();
      const encodings = new Set(payloadsIn(history).map(encodingOf));
      expect([...encodings].filter((e) => !(PLAIN_ENCODINGS as readonly string[]).includes(e)), p.name).toEqual([]);
    }
  });

  it('replays every fixture (and every kept legacy one) against the current workflow code without an error', { timeout: 180_000 }, async () => {
    quietTemporalLogs();
    const fixtures = [...(await Promise.all(names.map(loadFixture))), ...(await loadLegacyFixtures())];
    const results = await replay(PRODUCTION, fixtures);
    expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error?.message }))).toEqual(
      fixtures.map(({ workflowId }) => ({ workflowId, error: undefined })),
    );
  });

  it('fails with a DeterminismViolationError when the workflow takes a new step without patched()', { timeout: 180_000 }, async () => {
    quietTemporalLogs();
    // A signing's and a 解约 request's: the same wrong change to either workflow.
    const results = await replay({ ...PRODUCTION, workflowsPath: path.join(CHANGED_WORKFLOWS, 'grace-period-unpatched.ts') }, [
      await loadFixture('completed'),
      await loadFixture('rescission-approved'),
    ]);
    expect(results).toHaveLength(2);
    for (const result of results) expect(result.error, result.workflowId).toBeInstanceOf(DeterminismViolationError);
  });

  it('replays the old histories when the same step is behind patched()', { timeout: 180_000 }, async () => {
    quietTemporalLogs();
    const changed = HISTORY_PATHS.filter((p) => p.workflowType === 'signingWorkflow' || p.workflowType === 'rescissionWorkflow').map((p) => p.name);
    const results = await replay({ ...PRODUCTION, workflowsPath: path.join(CHANGED_WORKFLOWS, 'grace-period-patched.ts') }, [
      ...(await Promise.all(changed.map(loadFixture))),
    ]);
    expect(results.map((r) => r.error?.message)).toEqual(changed.map(() => undefined));
  });
});
