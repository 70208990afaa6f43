/**
 * How a signing's status looks on the student's screens: the server's Chinese label in a coloured
 * Tag (orange when it is the student's turn, green once completed, grey once ended), and which
 * statuses still block filing a new plan (DESIGN §2: pending or completed).
 */
import { Tag } from 'antd';
import type { SigningStatus } from '../../api/types';

const COLORS: Record<string, string> = {
  PENDING_EMPLOYER: 'processing',
  PENDING_STUDENT: 'warning',
  PENDING_SCHOOL: 'cyan',
  COMPLETED: 'success',
  CANCELLED: 'default',
  EXPIRED: 'error',
  RESCINDED: 'default',
};

export function SigningStatusTag({ status, label }: { status: SigningStatus; label: string }) {
  return (
    <Tag color={COLORS[status] ?? 'default'} style={{ fontSize: 14, paddingInline: 8, lineHeight: '24px', marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}

const BLOCKING: readonly string[] = ['PENDING_EMPLOYER', 'PENDING_STUDENT', 'PENDING_SCHOOL', 'COMPLETED'];

/** A signing in this status stops the student from filing another (a cancelled or expired one does not). */
export function blocksNewPlan(status: SigningStatus): boolean {
  return BLOCKING.includes(status);
}

export function isPendingStatus(status: SigningStatus): boolean {
  return status.startsWith('PENDING_');
}
