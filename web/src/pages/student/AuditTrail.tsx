/**
 * 办理记录: every accepted step of the signing, oldest first — what was done, by whom, when
 * (Beijing time), the status it led to, the agreement version and the reason given (退回, 取消).
 */
import { Card, Empty, Flex, Timeline, Typography } from 'antd';
import type { SigningEvent } from '../../api/types';
import { beijingTime } from '../../lib/beijing-time';
import { actorLabel } from '../../../../domain/party-labels';
import { rescissionEventColor } from '../../components/rescission/RescissionTag';


function colorOf(event: SigningEvent): string {
  const rescission = rescissionEventColor(event.action);
  if (rescission) return rescission;
  if (event.action === 'cancel' || event.action === 'expire') return 'red';
  if (event.action === 'return') return 'orange';
  if (event.toStatus === 'COMPLETED') return 'green';
  return 'blue';
}

export function AuditTrail({ events }: { events: SigningEvent[] }) {
  return (
    <Card title="办理记录" size="small">
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无办理记录" />
      ) : (
        <Timeline
          items={events.map((e) => ({
            key: e.seq,
            color: colorOf(e),
            content: (
              <Flex vertical gap={2}>
                <Typography.Text strong>{e.actionLabel}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {beijingTime(e.at)} · {actorLabel(e.actor.role)}
                  {e.agreementVersion ? ` · 第 ${e.agreementVersion} 版协议` : ''}
                </Typography.Text>
                <Typography.Text style={{ fontSize: 13 }}>
                  {e.fromStatusLabel && e.fromStatus !== e.toStatus ? `${e.fromStatusLabel} → ${e.toStatusLabel}` : `状态：${e.toStatusLabel}`}
                </Typography.Text>
                {e.reason && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>原因：{e.reason}</Typography.Text>}
              </Flex>
            ),
          }))}
        />
      )}
    </Card>
  );
}
