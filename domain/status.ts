/**
 * Statuses, parties and actions of a signing (docs/design.md §2): names, Chinese labels and who may do
 * what in which status (the actions themselves are declared in ./actions.ts). Pure data and
 * functions: imported by the workflow sandbox, the API and the activities alike, so every layer
 * answers "what can happen now" the same way.
 */
import { ACTIONS, PARTY_ACTIONS, type PartyAction, byAction } from './actions';

export const SIGNING_STATUSES = [
  'PENDING_EMPLOYER',
  'PENDING_STUDENT',
  'PENDING_SCHOOL',
  'COMPLETED',
  'CANCELLED',
  'EXPIRED',
  'RESCINDED',
] as const;
export type SigningStatus = (typeof SIGNING_STATUSES)[number];

export const STATUS_LABELS: Record<SigningStatus, string> = {
  PENDING_EMPLOYER: '待单位确认',
  PENDING_STUDENT: '待学生确认',
  PENDING_SCHOOL: '待学校确认',
  COMPLETED: '已完成（已同步至就业方案库）',
  CANCELLED: '已取消',
  EXPIRED: '已过期',
  RESCINDED: '已解约',
};

export const PENDING_STATUSES = ['PENDING_EMPLOYER', 'PENDING_STUDENT', 'PENDING_SCHOOL'] as const;
export type PendingStatus = (typeof PENDING_STATUSES)[number];

/** Statuses that block a student from starting another signing (docs/design.md §2). */
export const BLOCKING_STATUSES = [...PENDING_STATUSES, 'COMPLETED'] as const;

export function isPending(status: SigningStatus): status is PendingStatus {
  return (PENDING_STATUSES as readonly string[]).includes(status);
}

export function isTerminal(status: SigningStatus): boolean {
  return !isPending(status);
}

export { ACTOR_LABELS, PARTIES, PARTY_LABELS, PARTY_ROLE_NAMES, type Party, actorLabel } from './party-labels';
import type { Party } from './party-labels';

const AWAITING: Record<PendingStatus, Party> = {
  PENDING_EMPLOYER: 'employer',
  PENDING_STUDENT: 'student',
  PENDING_SCHOOL: 'school',
};

/** The party whose turn it is, or null once the signing has ended. */
export function awaitingParty(status: SigningStatus): Party | null {
  return isPending(status) ? AWAITING[status] : null;
}

export { PARTY_ACTIONS, type PartyAction };

/**
 * The steps of a 解约 request (domain/rescission.ts) as the signing's audit trail records them:
 * after completion the trail goes on with the request, each answer, and the approval (the one
 * that moves the signing to RESCINDED). Named here, without importing the rescission machine, so
 * this file stays the root of the status vocabulary.
 */
export const RESCISSION_AUDIT_LABELS = {
  rescission_request: '申请解约',
  rescission_agree: '同意解约',
  rescission_reject: '拒绝解约',
  rescission_approve: '学校批准解约',
  rescission_withdraw: '撤回解约申请',
  rescission_expire: '解约申请逾期未办理，已过期',
} as const;
export type RescissionAuditAction = keyof typeof RESCISSION_AUDIT_LABELS;

/** Every action recorded in the audit trail, including the system's. */
export type AuditAction = 'submit' | PartyAction | 'expire' | RescissionAuditAction;

export const ACTION_LABELS: Record<AuditAction, string> = {
  submit: '学生提交就业方案',
  ...byAction((action) => ACTIONS[action].label),
  expire: '超过办理期限',
  ...RESCISSION_AUDIT_LABELS,
};

/**
 * Whether `party` may take `action` in `status` (the table in ./actions.ts). An `awaitedOnly`
 * action is only the awaited party's: a return (the student returns what it was asked to confirm,
 * the school what it was asked to sync), and saving the archive details (the employer while
 * filling, the student while confirming).
 */
export function isAllowed(action: PartyAction, status: SigningStatus, party: Party): boolean {
  const spec = ACTIONS[action];
  if (!fitsStatus(action, status) || !spec.parties.includes(party)) return false;
  if (spec.awaitedOnly) return awaitingParty(status) === party;
  return true;
}

/** True when some party could take `action` in `status` (separates 409 from 403). */
export function fitsStatus(action: PartyAction, status: SigningStatus): boolean {
  return isPending(status) && ACTIONS[action].from.includes(status);
}

/** The parties that may take `action` at all, in any status (separates 403 from 409). */
export function partiesFor(action: PartyAction): readonly Party[] {
  return ACTIONS[action].parties;
}

/** The status `action` leads to from `status` (the same one for data-only actions). */
export function targetStatus(action: PartyAction, status: SigningStatus): SigningStatus {
  return ACTIONS[action].to ?? status;
}

/** The actions `party` can take now, in the order a UI would offer them. */
export function allowedActions(status: SigningStatus, party: Party): PartyAction[] {
  return PARTY_ACTIONS.filter((a) => isAllowed(a, status, party));
}

/** A short Chinese hint of what happens next, for the 个人中心 and notifications. */
export function nextStepLabel(status: SigningStatus): string {
  switch (status) {
    case 'PENDING_EMPLOYER':
      return '等待用人单位填写并发送就业协议书';
    case 'PENDING_STUDENT':
      return '等待学生查看并确认就业协议书';
    case 'PENDING_SCHOOL':
      return '等待学校审核并同步至就业方案库';
    case 'COMPLETED':
      return '网签已完成，协议已同步至就业方案库';
    case 'CANCELLED':
      return '网签已取消，可重新填报就业方案';
    case 'EXPIRED':
      return '网签已过期，可重新填报就业方案';
    case 'RESCINDED':
      return '协议已解约，就业方案已从就业方案库撤回，可重新填报就业方案';
  }
}
