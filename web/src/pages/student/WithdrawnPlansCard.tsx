/**
 * 个人中心's 解约记录 · 历史就业方案: the plans an approved 解约 withdrew from the 就业方案库, newest
 * first (GET /api/me `withdrawnPlans`) — 单位, 协议书编号, when it was synced and withdrawn, who
 * approved — each with 打印协议, the old agreement's printable page, which the server marks 已解约.
 * One bordered block per plan rather than a table, so it reads on a phone without scrolling sideways.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { WithdrawnPlan } from '../../api/types';
import { beijingTime } from '../../lib/beijing-time';

export function WithdrawnPlansCard({ plans }: { plans: WithdrawnPlan[] }) {
  if (plans.length === 0) return null;
  return (
    <Card title="解约记录 · 历史就业方案" size="small" role="region" aria-label="解约记录">
      <Flex vertical gap={12}>
        {plans.map((plan) => (
          <Descriptions
            key={plan.rescissionId}
            bordered
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            styles={{ label: { whiteSpace: 'nowrap' } }}
            title={
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{plan.employerName}</Typography.Text>
                <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
                  已解约
                </Tag>
              </Flex>
            }
            extra={
              <Typography.Link href={`/api/signings/${plan.signingId}/agreement?format=html`} target="_blank" rel="noopener">
                <PrinterOutlined aria-hidden /> 打印协议
              </Typography.Link>
            }
            items={[
              { key: 'employer', label: '单位', children: `${plan.employerName}（${plan.creditCode}）` },
              { key: 'no', label: '协议书编号', children: plan.agreementNo },
              { key: 'synced', label: '同步时间', children: beijingTime(plan.syncedAt) },
              { key: 'withdrawn', label: '撤回时间', children: beijingTime(plan.withdrawnAt) },
              { key: 'by', label: '批准人', children: plan.withdrawnBy },
            ]}
          />
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          以上协议已解除，不再是您的就业方案；打印件标有“已解约”，仅供留存。
        </Typography.Text>
      </Flex>
    </Card>
  );
}
