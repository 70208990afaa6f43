/**
 * 退回原因: when the student (待学生确认) or the school (待学校确认) returned the agreement, the
 * employer sees who returned it, when and why, above the wizard and on the detail page, so it
 * changes what was asked (e.g. only the salary) and sends again.
 */
import { Alert } from 'antd';
import type { SigningEvent, SigningView } from '../../api/types';
import { beijingTime } from '../../lib/beijing-time';

const WHO: Record<string, string> = { student: '学生', school: '学校' };

/** The return the employer has not answered yet: the latest return, if no send came after it. */
export function pendingReturn(signing: Pick<SigningView, 'status'>, events: SigningEvent[]): SigningEvent | null {
  if (signing.status !== 'PENDING_EMPLOYER') return null;
  const last = [...events].reverse().find((e) => e.action === 'return' || e.action === 'employerSign');
  return last?.action === 'return' ? last : null;
}

export function ReturnNotice({ event }: { event: SigningEvent }) {
  const who = WHO[event.actor.role] ?? '对方';
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={`${who}已退回协议，请按退回原因修改后重新发送`}
      description={
        <>
          <div style={{ fontSize: 16, fontWeight: 600, whiteSpace: 'pre-wrap' }}>退回原因：{event.reason ?? '（未填写）'}</div>
          <div>
            {who}于 {beijingTime(event.at)} 退回{event.agreementVersion ? `（第 ${event.agreementVersion} 版）` : ''}
          </div>
        </>
      }
    />
  );
}
