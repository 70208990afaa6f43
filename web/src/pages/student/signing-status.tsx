/**
 * How a signing's status looks on the student's screens: the server's Chinese label in the
 * portal's one status Tag, larger for phones, and which
 * statuses still block filing a new plan (docs/design.md §2: pending or completed).
 */
import { StatusTag } from '../../components/StatusTag';
import type { SigningStatus } from '../../api/types';

export function SigningStatusTag({ status, label }: { status: SigningStatus; label: string }) {
  return <StatusTag status={status} label={label} large />;
}

const BLOCKING: readonly string[] = ['PENDING_EMPLOYER', 'PENDING_STUDENT', 'PENDING_SCHOOL', 'COMPLETED'];

/** A signing in this status stops the student from filing another (a cancelled or expired one does not). */
export function blocksNewPlan(status: SigningStatus): boolean {
  return BLOCKING.includes(status);
}

export function isPendingStatus(status: SigningStatus): boolean {
  return status.startsWith('PENDING_');
}
