/** A signing's 处理状态 as a coloured Tag with the server's Chinese `statusLabel`. */
import { Tag } from 'antd';
import type { SigningStatus } from '../../api/types';

const COLORS: Record<SigningStatus, string> = {
  PENDING_EMPLOYER: 'orange',
  PENDING_STUDENT: 'blue',
  PENDING_SCHOOL: 'purple',
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
