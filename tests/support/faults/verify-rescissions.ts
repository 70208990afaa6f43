/**
 * The 解约 part of the consistency check after a fault (./verify.ts): each request's workflow (its
 * status Query) against its plan's end and its `rescissions` row, and its steps in the signing's
 * audit trail — each once, in order, by name, in that signing's trail only.
 */
import { inArray } from 'drizzle-orm';
import { rescissions, signingEvents } from '../../../db/schema';
import { type RescissionView, rescissionStatusQuery, rescissionWorkflowId } from '../../../workflows/rescission-messages';
import type { SigningRun } from './load';
import { RESCISSION_STEPS, isRescissionStep } from './rescission-plans';
import type { ConsistencyReport, SettleOptions } from './verify';

/**
 * The 解约 runs: each request's workflow (status Query) against its plan and its `rescissions`
 * row, and its steps in the signing's trail — each once, in order, named by the plan's steps.
 */
export async function checkRescissions(
  runs: SigningRun[],
  options: Omit<SettleOptions, 'timeoutMs'>,
  stateProblems: string[],
  eventProblems: string[],
): Promise<ConsistencyReport['rescissions']> {
  const { db } = options.database;
  const withRequest = runs.filter((r) => r.plan.rescission);
  const report: ConsistencyReport['rescissions'] = { checked: 0, byEnd: {}, steps: 0 };
  const missing = withRequest.filter((r) => !r.rescissionId);
  for (const run of missing) stateProblems.push(`#${run.index} ${run.plan.name}: no 解约 request was acknowledged`);
  const asked = withRequest.filter((r) => r.rescissionId);
  if (asked.length === 0) return report;
  const ids = asked.map((r) => r.rescissionId!);
  const rows = new Map((await db.select().from(rescissions).where(inArray(rescissions.id, ids))).map((r) => [r.id, r]));
  const trail = await db
    .select({ rescissionId: signingEvents.rescissionId, seq: signingEvents.rescissionSeq, action: signingEvents.action, signingId: signingEvents.signingId })
    .from(signingEvents)
    .where(inArray(signingEvents.rescissionId, ids));
  const views = new Map<string, RescissionView>();
  for (let i = 0; i < asked.length; i += 16) {
    await Promise.all(
      asked.slice(i, i + 16).map(async (run) => {
        views.set(run.rescissionId!, await options.client.workflow.getHandle(rescissionWorkflowId(run.rescissionId!)).query(rescissionStatusQuery));
      }),
    );
  }
  for (const run of asked) {
    const id = run.rescissionId!;
    const label = `#${run.index} ${run.plan.name} (解约 ${id})`;
    const steps = run.plan.steps.filter(isRescissionStep);
    const view = views.get(id)!;
    const row = rows.get(id);
    report.checked += 1;
    report.byEnd[view.status] = (report.byEnd[view.status] ?? 0) + 1;
    if (view.status !== run.plan.rescission!.end || view.seq !== steps.length) {
      stateProblems.push(`${label}: workflow ${view.status} seq ${view.seq}, expected ${run.plan.rescission!.end} seq ${steps.length}`);
    }
    const dbState = row ? { status: row.status, seq: row.seq, signingId: row.signingId } : null;
    const wfState = { status: view.status, seq: view.seq, signingId: run.signingId };
    if (JSON.stringify(dbState) !== JSON.stringify(wfState)) stateProblems.push(`${label}: database ${JSON.stringify(dbState)} ≠ workflow ${JSON.stringify(wfState)}`);
    const recorded = trail.filter((e) => e.rescissionId === id).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    report.steps += recorded.length;
    const got = recorded.map((e) => `${e.seq}:${e.action}`);
    const expected = steps.map((step, i) => `${i + 1}:rescission_${RESCISSION_STEPS[step].action}`);
    if (JSON.stringify(got) !== JSON.stringify(expected)) eventProblems.push(`${label}: trail ${got.join(',')}, expected ${expected.join(',')}`);
    if (recorded.some((e) => e.signingId !== run.signingId)) eventProblems.push(`${label}: a step in another signing's trail`);
  }
  return report;
}
