/**
 * A signing's 处理状态 as every party sees it: the server's Chinese `statusLabel` in a Tag whose colour
 * means the same on every screen (one colour per status, so a student, an employer and a school
 * admin talking on the phone see the same thing). `large` for the student's phone-first pages.
 */
import { Tag } from 'antd';
import type { SigningStatus } from '../api/types';

const COLORS: Record<string, string> = {
  PENDING_EMPLOYER: 'orange',
  PENDING_STUDENT: 'blue',
  PENDING_SCHOOL: 'purple',
  COMPLETED: 'green',
  CANCELLED: 'default',
  EXPIRED: 'red',
  // 已解约: ended by an approved 解约, told apart from 已取消 (and the colour of the approved request).
  RESCINDED: 'magenta',
};

export function StatusTag({ status, label, large = false }: { status: SigningStatus; label: string; large?: boolean }) {
  return (
    <Tag color={COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0, ...(large ? { fontSize: 14, paddingInline: 8, lineHeight: '24px' } : {}) }}>
      {label}
    </Tag>
  );
}
