/**
 * Statuses, parties and actions of a signing (docs/design.md §2): names, Chinese labels and who may do
 * what in which status. Pure data and functions: imported by the workflow sandbox, the API and the
 * activities alike, so every layer answers "what can happen now" the same way.
 */

export const SIGNING_STATUSES = [
  'PENDING_EMPLOYER',
  'PENDING_STUDENT',
  'PENDING_SCHOOL',
  'COMPLETED',
  'CANCELLED',
  'EXPIRED',
] as const;
export type SigningStatus = (typeof SIGNING_STATUSES)[number];

export const STATUS_LABELS: Record<SigningStatus, string> = {
  PENDING_EMPLOYER: '待单位确认',
  PENDING_STUDENT: '待学生确认',
  PENDING_SCHOOL: '待学校确认',
  COMPLETED: '已完成（已同步至就业方案库）',
  CANCELLED: '已取消',
  EXPIRED: '已过期',
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

/** The three parties of a signing. Account roles use the same names. */
export const PARTIES = ['student', 'employer', 'school'] as const;
export type Party = (typeof PARTIES)[number];

export const PARTY_LABELS: Record<Party, string> = {
  student: '学生',
  employer: '用人单位',
  school: '学校',
};

const AWAITING: Record<PendingStatus, Party> = {
  PENDING_EMPLOYER: 'employer',
  PENDING_STUDENT: 'student',
  PENDING_SCHOOL: 'school',
};

/** The party whose turn it is, or null once the signing has ended. */
export function awaitingParty(status: SigningStatus): Party | null {
  return isPending(status) ? AWAITING[status] : null;
}

/** Party actions, each one Update and one Signal of the same name on the workflow. */
export const PARTY_ACTIONS = ['employerSign', 'studentConfirm', 'return', 'schoolConfirm', 'cancel', 'updateArchive'] as const;
export type PartyAction = (typeof PARTY_ACTIONS)[number];

/** Every action recorded in the audit trail, including the system's. */
export type AuditAction = 'submit' | PartyAction | 'expire';

export const ACTION_LABELS: Record<AuditAction, string> = {
  submit: '学生提交就业方案',
  employerSign: '单位签约并发送协议',
  studentConfirm: '学生确认签约',
  return: '退回单位',
  schoolConfirm: '学校确认并同步至就业方案库',
  cancel: '取消网上签约',
  updateArchive: '保存档案接收信息',
  expire: '超过办理期限',
};

/**
 * Which party may take which action in which status (docs/design.md §2, the actions table). `to: null`:
 * the action changes the signing's data but not its status (archive receiving details).
 */
const RULES: Record<PartyAction, { from: readonly PendingStatus[]; by: readonly Party[]; to: SigningStatus | null }> = {
  employerSign: { from: ['PENDING_EMPLOYER'], by: ['employer'], to: 'PENDING_STUDENT' },
  studentConfirm: { from: ['PENDING_STUDENT'], by: ['student'], to: 'PENDING_SCHOOL' },
  return: { from: ['PENDING_STUDENT', 'PENDING_SCHOOL'], by: ['student', 'school'], to: 'PENDING_EMPLOYER' },
  schoolConfirm: { from: ['PENDING_SCHOOL'], by: ['school'], to: 'COMPLETED' },
  cancel: { from: PENDING_STATUSES, by: PARTIES, to: 'CANCELLED' },
  updateArchive: { from: ['PENDING_EMPLOYER', 'PENDING_STUDENT'], by: ['employer', 'student'], to: null },
};

/** Actions only the awaited party may take: a return, and saving the archive details. */
const AWAITED_ONLY: readonly PartyAction[] = ['return', 'updateArchive'];

/**
 * Whether `party` may take `action` in `status`. A return is only the awaited party's (the
 * student returns what it was asked to confirm, the school what it was asked to sync), and so is
 * saving the archive details (the employer while filling, the student while confirming).
 */
export function isAllowed(action: PartyAction, status: SigningStatus, party: Party): boolean {
  const rule = RULES[action];
  if (!isPending(status) || !rule.from.includes(status) || !rule.by.includes(party)) return false;
  if (AWAITED_ONLY.includes(action)) return awaitingParty(status) === party;
  return true;
}

/** True when some party could take `action` in `status` (separates 409 from 403). */
export function fitsStatus(action: PartyAction, status: SigningStatus): boolean {
  return isPending(status) && RULES[action].from.includes(status);
}

/** The parties that may take `action` at all, in any status (separates 403 from 409). */
export function partiesFor(action: PartyAction): readonly Party[] {
  return RULES[action].by;
}

/** The status `action` leads to from `status` (the same one for data-only actions). */
export function targetStatus(action: PartyAction, status: SigningStatus): SigningStatus {
  return RULES[action].to ?? status;
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
  }
}
