/**
 * A 解约 request as the contract shows it on its signing (`rescission` of GET /api/signings/{id},
 * docs/design.md §11): its status with the Chinese label, who asked and why, whose turn it is and
 * by when, what the caller may do next, and the letter's kind (its bytes come from …/letter).
 */
import {
  RESCISSION_ACTIONS,
  RESCISSION_STATUS_LABELS,
  type RescissionState,
  allowedRescissionActions,
  awaitedRescissionParty,
} from '../../domain/rescission';
import { PARTY_LABELS, type Party } from '../../domain/status';
import type { RescissionRow } from './queries';

/** What the pure machine needs of a row to answer "who is awaited, what may the caller do". */
function stateOf(row: RescissionRow, parties: RescissionState['parties']): RescissionState {
  return {
    rescissionId: row.id,
    signingId: row.signingId,
    parties,
    status: row.status,
    seq: row.seq,
    requestedBy: { role: row.requestedByRole, id: row.requestedBy },
    reason: row.reason,
    letter: null,
    stageStartedAt: row.updatedAt.toISOString(),
    decisionReason: row.decisionReason,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What happens next, from the caller's side. */
function nextStepOf(state: RescissionState, role: Party): string {
  const awaiting = awaitedRescissionParty(state);
  if (state.status === 'APPROVED') return role === 'student' ? '协议已解约，就业方案已撤回；您可以重新填报就业方案' : '协议已解约，就业方案已撤回';
  if (!awaiting) return `解约申请${RESCISSION_STATUS_LABELS[state.status]}，就业协议书继续有效`;
  if (awaiting === role) return role === 'school' ? '请审核解约申请：批准或拒绝' : '请处理解约申请：同意或拒绝';
  return `等待${PARTY_LABELS[awaiting]}${awaiting === 'school' ? '审批' : '同意'}`;
}

export function presentRescission(row: RescissionRow, parties: RescissionState['parties'], letter: { contentType: string; size: number } | null, role: Party) {
  const state = stateOf(row, parties);
  const awaiting = awaitedRescissionParty(state);
  const allowed = allowedRescissionActions(state, role);
  return {
    id: row.id,
    status: row.status,
    statusLabel: RESCISSION_STATUS_LABELS[row.status],
    requestedBy: { role: row.requestedByRole, roleLabel: PARTY_LABELS[row.requestedByRole] },
    reason: row.reason,
    decisionReason: row.decisionReason,
    awaiting,
    awaitingLabel: awaiting ? PARTY_LABELS[awaiting] : null,
    deadlineAt: row.deadlineAt?.toISOString() ?? null,
    nextStep: nextStepOf(state, role),
    allowedActions: allowed,
    allowedActionLabels: allowed.map((action) => RESCISSION_ACTIONS[action].label),
    letter: letter ? { contentType: letter.contentType, size: letter.size } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
  };
}

export type RescissionView = ReturnType<typeof presentRescission>;
