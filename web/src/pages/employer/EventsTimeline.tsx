/** 办理记录: the signing's audit trail (GET …/events), oldest first — who did what, when, and why. */
import { Empty, Timeline, Typography } from 'antd';
import type { SigningEvent } from '../../api/types';
import { beijingTime } from '../../lib/beijing-time';
import { actorLabel } from '../../../../domain/party-labels';
import { rescissionEventColor } from '../../components/rescission/RescissionTag';

const COLOR: Record<string, string> = { return: 'red', cancel: 'gray', expire: 'red', schoolConfirm: 'green', employerSign: 'blue' };

export function EventsTimeline({ events }: { events: SigningEvent[] }) {
  if (events.length === 0) return <Empty description="暂无办理记录" />;
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.seq,
        color: rescissionEventColor(e.action) ?? COLOR[e.action] ?? 'blue',
        content: (
          <>
            <div>
              <strong>{e.actionLabel}</strong>
              <Typography.Text type="secondary">
                {' '}
                · {actorLabel(e.actor.role)} · {beijingTime(e.at)}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.fromStatusLabel && e.fromStatusLabel !== e.toStatusLabel ? `${e.fromStatusLabel} → ${e.toStatusLabel}` : e.toStatusLabel}
              {e.agreementVersion ? ` · 第 ${e.agreementVersion} 版` : ''}
            </Typography.Text>
            {e.reason && <div style={{ whiteSpace: 'pre-wrap' }}>原因：{e.reason}</div>}
          </>
        ),
      }))}
    />
  );
}
