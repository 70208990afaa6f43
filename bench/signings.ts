/**
 * The service's side of the benchmark: full signings through the HTTP API, each its own student,
 * at a fixed concurrency. Every step's latency is recorded; a signing counts when the school's
 * confirmation has been answered (the workflow accepted it and the database row is COMPLETED).
 */
import { sampleApplication, sampleEmployerSign } from '../tests/support/sample-data';
import { signingWorkflowId } from '../workflows/messages';
import { call, expectStatus } from './http';
import type { BenchParties } from './seed';
import { pool } from './stats';

export const STEPS = ['submit', 'employerSign', 'studentConfirm', 'schoolConfirm'] as const;
export type Step = (typeof STEPS)[number];

export interface PartyTokens {
  school: string;
  employers: string[];
  students: string[];
}

export interface LoadResult {
  count: number;
  wallMs: number;
  steps: Record<Step, number[]>;
  /** The workflows the round ran, for counting their history events. */
  workflowIds?: string[];
}

export function emptySteps(): Record<Step, number[]> {
  return { submit: [], employerSign: [], studentConfirm: [], schoolConfirm: [] };
}

/** Submits signing `i` (student i, employer i mod E); resolves with its id once it awaits the employer. */
export async function submitOne(apiUrl: string, parties: BenchParties, tokens: PartyTokens, i: number, steps: Record<Step, number[]>): Promise<string> {
  const employer = parties.employers[i % parties.employers.length]!;
  const res = await expectStatus('submit', 201, call<{ id: string }>(apiUrl, tokens.students[i]!, 'POST', '/api/signings', sampleApplication(employer.creditCode)));
  steps.submit.push(res.ms);
  return res.body.id;
}

/** Takes signing `id` of student `i` from PENDING_EMPLOYER to COMPLETED. */
export async function completeOne(apiUrl: string, parties: BenchParties, tokens: PartyTokens, i: number, id: string, steps: Record<Step, number[]>): Promise<void> {
  const employerToken = tokens.employers[i % parties.employers.length]!;
  const signed = await expectStatus(
    'employer-sign',
    200,
    call<{ agreement: { hash: string } }>(apiUrl, employerToken, 'POST', `/api/signings/${id}/employer-sign`, sampleEmployerSign()),
  );
  steps.employerSign.push(signed.ms);
  const confirmed = await expectStatus(
    'student-confirm',
    200,
    call(apiUrl, tokens.students[i]!, 'POST', `/api/signings/${id}/student-confirm`, { agreementHash: signed.body.agreement.hash, previewed: true }),
  );
  steps.studentConfirm.push(confirmed.ms);
  const done = await expectStatus<{ status: string }>('school-confirm', 200, call(apiUrl, tokens.school, 'POST', `/api/signings/${id}/school-confirm`));
  if (done.body.status !== 'COMPLETED') throw new Error(`school-confirm answered status ${done.body.status}`);
  steps.schoolConfirm.push(done.ms);
}

/** Full signings for students [from, from + count) at `concurrency`; `tick` after each one. */
export async function runSignings(
  apiUrl: string,
  parties: BenchParties,
  tokens: PartyTokens,
  range: { from: number; count: number },
  concurrency: number,
  tick: () => void,
): Promise<LoadResult> {
  const steps = emptySteps();
  const workflowIds: string[] = [];
  const started = performance.now();
  await pool(range.count, concurrency, async (k) => {
    const i = range.from + k;
    const id = await submitOne(apiUrl, parties, tokens, i, steps);
    workflowIds.push(signingWorkflowId(id));
    await completeOne(apiUrl, parties, tokens, i, id, steps);
    tick();
  });
  return { count: range.count, wallMs: performance.now() - started, steps, workflowIds };
}
