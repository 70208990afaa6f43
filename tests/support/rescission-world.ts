/**
 * 解约 requests in every stage the routes of the table can meet (docs/design.md §11), for the suites
 * that call every route (tests/authz, tests/fuzz, tests/contract): each stage is a request and the
 * answers that lead to it, taken through the API on a completed signing of its own student. What a
 * party may do in a stage is never written here: `rescissionStateOf` runs the same steps through
 * the pure machine (domain/rescission.ts), and the suites ask it.
 */
import {
  type RescissionAction,
  type RescissionRequester,
  type RescissionState,
  decideRescission,
  requestRescission,
} from '../../domain/rescission';
import type { Actor } from '../../domain/signing-machine';
import type { Party } from '../../domain/status';
import type { ApiClient } from './http';

interface StageSpec {
  requester: RescissionRequester;
  /** The request carries a 解约函 (multipart). */
  letter?: boolean;
  /** The answers after the request, in order. */
  answers: ReadonlyArray<readonly [RescissionAction, Party]>;
}

/** Both pending stages with each requester (withdraw is the requester's), and each way it ends but expiry (that takes deadlines). */
export const RESCISSION_STAGES = {
  'asked-by-student': { requester: 'student', letter: true, answers: [] },
  'asked-by-employer': { requester: 'employer', answers: [] },
  'agreed-asked-by-student': { requester: 'student', answers: [['agree', 'employer']] },
  'agreed-asked-by-employer': { requester: 'employer', answers: [['agree', 'student']] },
  rejected: { requester: 'employer', answers: [['reject', 'student']] },
  withdrawn: { requester: 'student', answers: [['withdraw', 'student']] },
  approved: { requester: 'employer', answers: [['agree', 'student'], ['approve', 'school']] },
} as const satisfies Record<string, StageSpec>;

export type RescissionStage = keyof typeof RESCISSION_STAGES;
export const RESCISSION_STAGE_NAMES = Object.keys(RESCISSION_STAGES) as RescissionStage[];

export function isRescissionStage(value: string): value is RescissionStage {
  return value in RESCISSION_STAGES;
}

const REASON = '已考取研究生，无法按期报到';
const REJECTION = '不同意解约';
/** A minimal PDF: what the sniffer needs (domain/letter-type.ts) and a reader can open. */
export const LETTER_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** The request's state in `stage`, by the pure machine over the stage's steps (ids are placeholders: only roles matter). */
export function rescissionStateOf(stage: RescissionStage): RescissionState {
  const spec: StageSpec = RESCISSION_STAGES[stage];
  const parties = { studentId: 'student', employerCreditCode: 'employer', schoolCode: 'school' };
  const actor = (role: Party): Actor => ({ role, id: role, partyId: role });
  const at = new Date(0).toISOString();
  let state = requestRescission({
    rescissionId: stage,
    signingId: stage,
    parties,
    requestedBy: actor(spec.requester) as Actor & { role: RescissionRequester },
    reason: REASON,
    letter: null,
    requestedAt: at,
  }).state;
  for (const [action, by] of spec.answers) {
    const command = action === 'reject' ? { type: action, actor: actor(by), reason: REJECTION } : { type: action, actor: actor(by) };
    const decision = decideRescission(state, command, at);
    if (!decision.ok) throw new Error(`RESCISSION_STAGES.${stage}: ${action} by ${by} is refused: ${decision.refusal.message}`);
    state = decision.state;
  }
  return state;
}

async function ok(promise: Promise<{ status: number; body: any }>, expected: number, what: string): Promise<any> {
  const res = await promise;
  if (res.status !== expected) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Takes a completed signing to `stage` through the API; returns the request's id. */
export async function driveRescission(clients: Record<Party, ApiClient>, signingId: string, stage: RescissionStage): Promise<string> {
  const spec: StageSpec = RESCISSION_STAGES[stage];
  const path = `/api/signings/${signingId}/rescission`;
  const requester = clients[spec.requester];
  let asked: any;
  if (spec.letter) {
    const form = new FormData();
    form.append('reason', REASON);
    form.append('letter', new Blob([LETTER_PDF], { type: 'application/pdf' }), '解约函.pdf');
    asked = await ok(requester.postForm(path, form), 201, `${stage}: request with a letter`);
  } else {
    asked = await ok(requester.post(path, { reason: REASON }), 201, `${stage}: request`);
  }
  for (const [action, by] of spec.answers) {
    await ok(clients[by].post(`${path}/${action}`, action === 'reject' ? { reason: REJECTION } : undefined), 200, `${stage}: ${action} by ${by}`);
  }
  return asked.rescission.id;
}
