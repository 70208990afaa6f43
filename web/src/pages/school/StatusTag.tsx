/** A signing's 处理状态 as the school sees it: the server's `statusLabel` in a Tag, blue when it is the school's turn. */
import { Tag } from 'antd';
import type { SigningStatus } from '../../api/types';

const COLORS: Record<SigningStatus, string> = {
  PENDING_EMPLOYER: 'orange',
  PENDING_STUDENT: 'gold',
  PENDING_SCHOOL: 'blue',
  COMPLETED: 'green',
  CANCELLED: 'default',
  EXPIRED: 'red',
};

export function StatusTag({ status, label }: { status: SigningStatus; label: string }) {
  return (
    <Tag color={COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}
