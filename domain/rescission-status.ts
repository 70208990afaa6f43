/**
 * A 解约 request's statuses and their labels (docs/design.md §11), with no imports, so the portal
 * can use them without pulling the rescission machine (and the schemas behind it) into its
 * bundle. domain/rescission.ts re-exports them.
 */
export const RESCISSION_STATUSES = ['PENDING_COUNTERPARTY', 'PENDING_SCHOOL', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED'] as const;
export type RescissionStatus = (typeof RESCISSION_STATUSES)[number];

export const PENDING_RESCISSION_STATUSES = ['PENDING_COUNTERPARTY', 'PENDING_SCHOOL'] as const;
export type PendingRescissionStatus = (typeof PENDING_RESCISSION_STATUSES)[number];

export const RESCISSION_STATUS_LABELS: Record<RescissionStatus, string> = {
  PENDING_COUNTERPARTY: '待对方同意',
  PENDING_SCHOOL: '待学校审批',
  APPROVED: '已批准',
  REJECTED: '已拒绝',
  WITHDRAWN: '已撤回',
  EXPIRED: '已过期',
};

export function isPendingRescission(status: RescissionStatus): status is PendingRescissionStatus {
  return (PENDING_RESCISSION_STATUSES as readonly string[]).includes(status);
}
