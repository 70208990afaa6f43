/**
 * A 解约 request's status as every party sees it: the server's Chinese label in a Tag whose colour
 * means the same on every screen, as StatusTag does for the signing (the pending stages in the
 * colours of the signing's pending stages, 已批准 in 已解约's). `pending` on a list row: the request
 * still awaits an answer on a completed signing, said as 解约申请待…. The 办理记录 timelines colour
 * the 解约 steps the same way.
 */
import { Tag } from 'antd';
import type { RescissionStatus } from '../../api/types';

const COLORS: Record<RescissionStatus, string> = {
  PENDING_COUNTERPARTY: 'orange',
  PENDING_SCHOOL: 'purple',
  APPROVED: 'magenta',
  REJECTED: 'red',
  WITHDRAWN: 'default',
  EXPIRED: 'default',
};

/** A 解约 step in a signing's 办理记录 (its action `rescission_<step>`), in the colour of where it led; null for other steps. */
const EVENT_COLORS: Record<string, string> = {
  rescission_request: '#fa8c16',
  rescission_agree: '#722ed1',
  rescission_approve: '#eb2f96',
  rescission_reject: 'red',
  rescission_withdraw: 'gray',
  rescission_expire: 'gray',
};

export function rescissionEventColor(action: string): string | null {
  return EVENT_COLORS[action] ?? null;
}

/** The domain's own test (domain/rescission.ts), so the portal never keeps a copy of the rule. */
export { isPendingRescission } from '../../../../domain/rescission-status';

export function RescissionTag({ status, label, large = false, prefixed = false }: { status: RescissionStatus; label: string; large?: boolean; prefixed?: boolean }) {
  return (
    <Tag color={COLORS[status]} data-rescission-status={status} style={{ marginInlineEnd: 0, ...(large ? { fontSize: 14, paddingInline: 8, lineHeight: '24px' } : {}) }}>
      {prefixed ? `解约申请${label}` : label}
    </Tag>
  );
}
