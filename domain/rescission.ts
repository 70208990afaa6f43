/**
 * 解约: undoing a completed agreement (docs/design.md §11). A graduate or an employer asks to
 * rescind; the other of the two agrees or rejects; the school of the student approves or rejects;
 * the requester may withdraw while it is pending; a stage that passes its deadline expires it. On
 * approval the signing becomes 已解约 and the student's plan is withdrawn (kept in its history).
 *
 * This is the pure state machine of one rescission request, as the signing's is of a signing
 * (./signing-machine.ts): the workflow (workflows/rescission.ts) wires messages and timers to it,
 * the API asks it what each party may do next. Each action is declared once in
 * `RESCISSION_ACTIONS` (who, in which statuses, where it leads, its labels and input). Pure:
 * workflow-sandbox safe.
 */
import { type FieldIssue } from './schemas/issues';
import { messageIssues } from './command-checks';
import { reasonSchema } from './schemas/actions';
import { type Actor, type SigningParties, partyIdOf } from './signing-machine';
import type { Party, SigningStatus } from './status';
import { z } from './zod';

export {
  PENDING_RESCISSION_STATUSES,
  RESCISSION_STATUSES,
  RESCISSION_STATUS_LABELS,
  type PendingRescissionStatus,
  type RescissionStatus,
  isPendingRescission,
} from './rescission-status';
import { PENDING_RESCISSION_STATUSES, type PendingRescissionStatus, RESCISSION_STATUS_LABELS, type RescissionStatus, isPendingRescission } from './rescission-status';

/** Who may ask: the two parties bound by the agreement. The school approves; it does not ask. */
export const RESCISSION_REQUESTERS = ['student', 'employer'] as const;
export type RescissionRequester = (typeof RESCISSION_REQUESTERS)[number];


/**
 * Whether `role` may ask to rescind a signing in `signingStatus` whose latest request (if any) is in
 * `latest`: a requester, on a completed signing with no open request. The school's limit is checked
 * when asked (api/rescissions/commands.ts), and named in the refusal.
 */
export function mayRequestRescission(signingStatus: SigningStatus, latest: RescissionStatus | null, role: Party): boolean {
  return (RESCISSION_REQUESTERS as readonly Party[]).includes(role) && signingStatus === 'COMPLETED' && !(latest !== null && isPendingRescission(latest));
}

/** The other of the two parties bound by the agreement. */
export function counterpartyOf(requester: RescissionRequester): RescissionRequester {
  return requester === 'student' ? 'employer' : 'student';
}

const noInput = z.object({}).strict();

/**
 * `who`: `awaited` — only the party the request waits for (the counterparty while
 * PENDING_COUNTERPARTY, the school while PENDING_SCHOOL); `requester` — only the party that asked.
 */
interface RescissionActionSpec {
  label: string;
  from: readonly PendingRescissionStatus[];
  to: RescissionStatus;
  /** The roles that may ever take it (separates 403 from 409). */
  roles: readonly Party[];
  who: 'awaited' | 'requester';
  input: z.ZodType;
}

export const RESCISSION_ACTIONS = {
  agree: { label: '同意解约', from: ['PENDING_COUNTERPARTY'], to: 'PENDING_SCHOOL', roles: RESCISSION_REQUESTERS, who: 'awaited', input: noInput },
  reject: { label: '拒绝解约', from: PENDING_RESCISSION_STATUSES, to: 'REJECTED', roles: ['student', 'employer', 'school'], who: 'awaited', input: reasonSchema },
  approve: { label: '批准解约', from: ['PENDING_SCHOOL'], to: 'APPROVED', roles: ['school'], who: 'awaited', input: noInput },
  withdraw: { label: '撤回解约申请', from: PENDING_RESCISSION_STATUSES, to: 'WITHDRAWN', roles: RESCISSION_REQUESTERS, who: 'requester', input: noInput },
} as const satisfies Record<string, RescissionActionSpec>;

export type RescissionAction = keyof typeof RESCISSION_ACTIONS;
export const RESCISSION_ACTION_NAMES = Object.keys(RESCISSION_ACTIONS) as readonly RescissionAction[];

/** Every step of a rescission's trail: the request, the parties' actions, and the system's expiry. */
export type RescissionEventAction = 'request' | RescissionAction | 'expire';

export const RESCISSION_EVENT_LABELS: Record<RescissionEventAction, string> = {
  request: '申请解约',
  agree: RESCISSION_ACTIONS.agree.label,
  reject: RESCISSION_ACTIONS.reject.label,
  approve: RESCISSION_ACTIONS.approve.label,
  withdraw: RESCISSION_ACTIONS.withdraw.label,
  expire: '逾期未办理，解约申请已过期',
};

/** The 解约函 attached to a request: stored in PostgreSQL, named here by id and what it is. */
export interface RescissionLetter {
  id: string;
  contentType: 'application/pdf' | 'image/png' | 'image/jpeg';
  size: number;
  sha256: string;
}

export interface RescissionState {
  rescissionId: string;
  signingId: string;
  parties: SigningParties;
  status: RescissionStatus;
  /** Accepted steps; the request is 1. */
  seq: number;
  requestedBy: { role: RescissionRequester; id: string };
  reason: string;
  letter: RescissionLetter | null;
  /** When the current stage began (its deadline counts from it). */
  stageStartedAt: string;
  /** The reason of a rejection. */
  decisionReason: string | null;
  updatedAt: string;
}

export interface RescissionEvent {
  seq: number;
  action: RescissionEventAction;
  actor: { role: Party | 'system'; id: string };
  fromStatus: RescissionStatus | null;
  toStatus: RescissionStatus;
  reason?: string | undefined;
  at: string;
}

export interface RescissionRequest {
  rescissionId: string;
  signingId: string;
  parties: SigningParties;
  requestedBy: Actor & { role: RescissionRequester };
  reason: string;
  letter: RescissionLetter | null;
  requestedAt: string;
}

export type RescissionCommand =
  | { type: 'agree'; actor: Actor }
  | { type: 'reject'; actor: Actor; reason: string }
  | { type: 'approve'; actor: Actor }
  | { type: 'withdraw'; actor: Actor };

export interface RescissionRefusal {
  code: 'CONFLICT' | 'FORBIDDEN' | 'NOT_FOUND' | 'VALIDATION_FAILED';
  message: string;
  details: { status: RescissionStatus; statusLabel: string; issues?: FieldIssue[] };
}

export type RescissionDecision =
  | { ok: true; state: RescissionState; event: RescissionEvent }
  | { ok: false; refusal: RescissionRefusal };

/** The party the request waits for, or null once it has ended. */
export function awaitedRescissionParty(state: Pick<RescissionState, 'status' | 'requestedBy'>): Party | null {
  if (state.status === 'PENDING_COUNTERPARTY') return counterpartyOf(state.requestedBy.role);
  if (state.status === 'PENDING_SCHOOL') return 'school';
  return null;
}

/** A new request: PENDING_COUNTERPARTY, its first event. */
export function requestRescission(input: RescissionRequest): { state: RescissionState; event: RescissionEvent } {
  const state: RescissionState = {
    rescissionId: input.rescissionId,
    signingId: input.signingId,
    parties: input.parties,
    status: 'PENDING_COUNTERPARTY',
    seq: 1,
    requestedBy: { role: input.requestedBy.role, id: input.requestedBy.id },
    reason: input.reason,
    letter: input.letter,
    stageStartedAt: input.requestedAt,
    decisionReason: null,
    updatedAt: input.requestedAt,
  };
  const event: RescissionEvent = {
    seq: 1,
    action: 'request',
    actor: { role: input.requestedBy.role, id: input.requestedBy.id },
    fromStatus: null,
    toStatus: 'PENDING_COUNTERPARTY',
    reason: input.reason,
    at: input.requestedAt,
  };
  return { state, event };
}

function refuse(state: RescissionState, code: RescissionRefusal['code'], message: string, issues?: FieldIssue[]): RescissionDecision {
  return {
    ok: false,
    refusal: { code, message, details: { status: state.status, statusLabel: RESCISSION_STATUS_LABELS[state.status], ...(issues ? { issues } : {}) } },
  };
}

/** Why `actor` may not take `action` now (a party of the signing whose role can take it), or null. */
function conflictOf(state: RescissionState, action: RescissionAction, role: Party): string | null {
  const spec: RescissionActionSpec = RESCISSION_ACTIONS[action];
  const label = RESCISSION_STATUS_LABELS[state.status];
  if (!(spec.from as readonly RescissionStatus[]).includes(state.status)) return `解约申请${label}，不能${spec.label}`;
  if (spec.who === 'requester' && role !== state.requestedBy.role) return '只有提出解约的一方可以撤回申请';
  if (spec.who === 'awaited' && role !== awaitedRescissionParty(state)) {
    if (state.status === 'PENDING_COUNTERPARTY' && role === state.requestedBy.role) return '解约申请待对方同意，不能由提出方办理';
    return `解约申请${label}，不由您办理`;
  }
  return null;
}

/** The actions `role` may take on this request now. */
export function allowedRescissionActions(state: RescissionState, role: Party): RescissionAction[] {
  return RESCISSION_ACTION_NAMES.filter(
    (action) => (RESCISSION_ACTIONS[action].roles as readonly Party[]).includes(role) && conflictOf(state, action, role) === null,
  );
}

/** Decides a party's command against the request. Never mutates `state`. */
export function decideRescission(state: RescissionState, command: RescissionCommand, now: string): RescissionDecision {
  const spec: RescissionActionSpec = RESCISSION_ACTIONS[command.type];
  const issues = messageIssues(spec.input, command);
  if (issues.length > 0) return refuse(state, 'VALIDATION_FAILED', '请求数据校验未通过', issues);
  const { actor } = command;
  // Not a party of the signing: existence is not revealed.
  if (partyIdOf(state.parties, actor.role) !== actor.partyId) return refuse(state, 'NOT_FOUND', '未找到该解约申请');
  if (!spec.roles.includes(actor.role)) return refuse(state, 'FORBIDDEN', `${spec.label}不由${actor.role === 'school' ? '学校' : '您'}办理`);
  const conflict = conflictOf(state, command.type, actor.role);
  if (conflict) return refuse(state, 'CONFLICT', conflict);
  const reason = command.type === 'reject' ? command.reason.trim() : undefined;
  const next: RescissionState = {
    ...state,
    status: spec.to,
    seq: state.seq + 1,
    stageStartedAt: now,
    decisionReason: reason ?? state.decisionReason,
    updatedAt: now,
  };
  const event: RescissionEvent = {
    seq: next.seq,
    action: command.type,
    actor: { role: actor.role, id: actor.id },
    fromStatus: state.status,
    toStatus: spec.to,
    ...(reason === undefined ? {} : { reason }),
    at: now,
  };
  return { ok: true, state: next, event };
}

/** The current stage's deadline passed: EXPIRED (only while pending). */
export function expireRescission(state: RescissionState, now: string): { state: RescissionState; event: RescissionEvent } | null {
  if (!isPendingRescission(state.status)) return null;
  const event: RescissionEvent = {
    seq: state.seq + 1,
    action: 'expire',
    actor: { role: 'system', id: 'system' },
    fromStatus: state.status,
    toStatus: 'EXPIRED',
    at: now,
  };
  return { state: { ...state, status: 'EXPIRED', seq: event.seq, stageStartedAt: now, updatedAt: now }, event };
}
