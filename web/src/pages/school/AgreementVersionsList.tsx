/**
 * 协议版本: every version the employer sent (GET /api/signings/{id}/agreement/versions), newest
 * first, each with what changed from the one before, field by field (label, old → new value).
 */
import { Collapse, Empty, Space, Tag, Typography } from 'antd';
import type { AgreementVersionsView } from '../../api/types';
import { beijingTime } from '../../lib/beijing-time';

export function AgreementVersionsList({ versions }: { versions: AgreementVersionsView }) {
  if (versions.items.length === 0) return <Empty description="用人单位尚未发送就业协议书" />;
  const items = [...versions.items].reverse();
  return (
    <Collapse
      defaultActiveKey={items[0] ? [String(items[0].version)] : []}
      items={items.map((v) => ({
        key: String(v.version),
        label: (
          <Space wrap size={8}>
            <Typography.Text strong>第 {v.version} 版</Typography.Text>
            {v.current && <Tag color="blue">当前版本</Tag>}
            <Typography.Text type="secondary">
              {beijingTime(v.sentAt)} 由{v.sentBy.name ?? '用人单位'}发送
            </Typography.Text>
            {v.changes && v.changes.length > 0 && <Tag color="orange">修改 {v.changes.length} 处</Tag>}
          </Space>
        ),
        children:
          v.changes === null ? (
            <Typography.Text type="secondary">首个版本</Typography.Text>
          ) : v.changes.length === 0 ? (
            <Typography.Text type="secondary">与第 {v.previousVersion} 版内容相同</Typography.Text>
          ) : (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {v.changes.map((c) => (
                <li key={c.path}>
                  <Typography.Text strong>{c.label}</Typography.Text>
                  <Typography.Text type="secondary">（{c.section}）</Typography.Text>：<Typography.Text delete>{c.fromText}</Typography.Text> →{' '}
                  <Typography.Text mark>{c.toText}</Typography.Text>
                </li>
              ))}
            </ul>
          ),
      }))}
    />
  );
}
