/** 办理记录: a signing's audit trail (GET /api/signings/{id}/events), oldest first, each with who, when, the status change and the reason. */
import { Empty, Timeline, Typography } from 'antd';
import type { SigningEvent } from '../../api/types';
import { beijingTime } from '../../lib/beijing-time';
import { actorLabel } from '../../../../domain/party-labels';
import { rescissionEventColor } from '../../components/rescission/RescissionTag';


export function SigningTimeline({ events }: { events: readonly SigningEvent[] }) {
  if (events.length === 0) return <Empty description="暂无办理记录" />;
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.seq,
        color:
          rescissionEventColor(e.action) ??
          (e.toStatus === 'COMPLETED' ? 'green' : e.action === 'cancel' || e.action === 'expire' ? 'gray' : e.action === 'return' ? 'red' : 'blue'),
        content: (
          <div>
            <Typography.Text strong>{e.actionLabel}</Typography.Text>
            <Typography.Text type="secondary">
              {' '}
              · {actorLabel(e.actor.role)} · {beijingTime(e.at)}
            </Typography.Text>
            <div>
              {e.fromStatusLabel && e.fromStatus !== e.toStatus ? `${e.fromStatusLabel} → ${e.toStatusLabel}` : e.toStatusLabel}
              {e.agreementVersion ? `（协议第 ${e.agreementVersion} 版）` : ''}
            </div>
            {e.reason && <div style={{ whiteSpace: 'pre-wrap' }}>原因：{e.reason}</div>}
          </div>
        ),
      }))}
    />
  );
}
