/**
 * /student — 个人中心 as the source has it: the summary line (学生基本信息 · 就业方案 · 报到证打印 ·
 * 通知单打印 · 档案信息), the current 网上签约 with its next step, 当前就业方案 (the plan database's
 * row once the school has synced it, else 未填报), 档案信息, and the 解约记录 (plans withdrawn by an
 * approved 解约). All from GET /api/me, reloaded on arrival so a step another party took since shows.
 */
import { Card, Descriptions, Empty, Flex, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import type { StudentMe } from '../../api/types';
import { beijingTime } from '../../lib/beijing-time';
import { useMe, useSession } from '../../session/SessionProvider';
import { CurrentSigningCard } from './CurrentSigningCard';
import { WithdrawnPlansCard } from './WithdrawnPlansCard';

const FILLED = new Set(['已填报', '已打印']);

export function StudentHome() {
  const me = useMe() as StudentMe;
  const { refresh } = useSession();
  useEffect(() => {
    refresh().catch(() => undefined);
  }, [refresh]);

  const summary = me.summary?.items ?? [];
  const withdrawn = me.withdrawnPlans ?? [];
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            个人中心
          </Typography.Title>
          {me.student && (
            <Typography.Text type="secondary">
              {me.student.name} · 考生号 {me.student.examineeNo} · {me.student.school.name}
              {me.student.major ? ` · ${me.student.major}` : ''}
            </Typography.Text>
          )}
          <Flex wrap gap="small" component="ul" style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }} aria-label="个人信息管理">
            {summary.map((item) => (
              <li key={item.key} data-summary={item.key}>
                <Typography.Text>{item.label}</Typography.Text>{' '}
                <Tag color={item.value && FILLED.has(item.value) ? 'success' : 'default'}>{item.value ?? '—'}</Tag>
              </li>
            ))}
          </Flex>
        </Space>
      </Card>

      <CurrentSigningCard signing={me.currentSigning} />

      <Card title="当前就业方案" size="small" extra={me.currentPlan ? <Typography.Text type="secondary">同步于 {beijingTime(me.currentPlan.syncedAt)}</Typography.Text> : null}>
        {me.currentPlan ? (
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'agreementNo', label: '协议书编号', children: me.currentPlan.agreementNo },
              ...me.currentPlan.rows.map((row) => ({ key: row.key, label: row.label, children: row.value ?? '' })),
            ]}
          />
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={withdrawn.length ? '未填报（原就业方案已因解约撤回，见下方解约记录）' : '未填报'}
          />
        )}
      </Card>

      <WithdrawnPlansCard plans={withdrawn} />

      <Card title="档案信息" size="small">
        {me.archive ? (
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'unitName', label: '档案接收单位', children: me.archive.unitName },
              { key: 'postcode', label: '档案接收邮编', children: me.archive.postcode },
              { key: 'recipient', label: '档案接收收件人', children: me.archive.recipient },
              { key: 'phone', label: '档案接收电话', children: me.archive.phone },
              { key: 'address', label: '档案接收详细地址', children: me.archive.address },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" />
        )}
        {me.archive?.source === 'signing' && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
            以上为本次网签中填写的档案接收信息，学校确认后写入就业方案。
          </Typography.Paragraph>
        )}
      </Card>
    </Flex>
  );
}
