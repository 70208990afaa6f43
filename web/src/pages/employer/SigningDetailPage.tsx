/**
 * `/employer/signings/:id`: one student's signing as the employer sees it — status, deadline, the
 * student's application (学生姓名, 考生号, 单位地区, 行业类别 with their names), the return reason
 * when the agreement came back, the versions sent with their field changes, 打印协议书 / 下载 PDF,
 * 签约 when it is the employer's turn, 取消网上签约 (with a required reason) while it is pending,
 * 解约 once it is completed (the request, its answers, 申请解约 with a 解约函), and the audit trail.
 */
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { AgreementVersionsView, SigningEvent, SigningView } from '../../api/types';
import { LoadState } from '../../components/LoadState';
import { RescissionCard } from '../../components/rescission/RescissionCard';
import { beijingTime } from '../../lib/beijing-time';
import { useLoad } from '../../lib/use-load';
import { ButtonLink } from './ButtonLink';
import { CancelSigningModal } from './CancelSigningModal';
import { EventsTimeline } from './EventsTimeline';
import { ReturnNotice, pendingReturn } from './return-notice';
import { StatusTag } from '../../components/StatusTag';
import { VersionsPanel } from './VersionsPanel';

interface DetailData {
  signing: SigningView;
  events: SigningEvent[];
  versions: AgreementVersionsView;
}

async function loadDetail(id: string): Promise<DetailData> {
  const path = { params: { path: { id } } };
  const [signing, events, versions] = await Promise.all([
    api.GET('/api/signings/{id}', path).then((r) => r.data as unknown as SigningView),
    api.GET('/api/signings/{id}/events', path).then((r) => (r.data as unknown as { items: SigningEvent[] }).items),
    api.GET('/api/signings/{id}/agreement/versions', path).then((r) => r.data as unknown as AgreementVersionsView),
  ]);
  return { signing, events, versions };
}

const withCode = (label: string | null, code: string) => (label ? `${label}（${code}）` : code);

function Details({ signing }: { signing: SigningView }) {
  const app = signing.application;
  const items = [
    { key: 'status', label: '处理状态', children: <StatusTag status={signing.status} label={signing.statusLabel} /> },
    { key: 'next', label: '下一步', children: signing.nextStep ?? '—' },
    { key: 'deadline', label: '截止时间', children: signing.deadlineAt ? beijingTime(signing.deadlineAt) : '—' },
    { key: 'no', label: '协议书编号', children: signing.agreementNo },
    { key: 'name', label: '学生姓名', children: signing.student.name },
    { key: 'examineeNo', label: '考生号', children: signing.student.examineeNo },
    { key: 'school', label: '学校', children: signing.school.name },
    { key: 'destination', label: '毕业去向', children: withCode(signing.labels.graduationDestination, app.graduationDestination) },
    { key: 'employer', label: '单位名称', children: signing.employer.name },
    { key: 'credit', label: '社会信用代码', children: signing.employer.creditCode },
    { key: 'info', label: '信息登记号', children: app.employer.infoRegistrationNo ?? '—' },
    { key: 'region', label: '单位地区', children: withCode(signing.labels.region, app.regionCode) },
    { key: 'industry', label: '行业类别', children: withCode(signing.labels.industry, app.industryCode) },
    ...(signing.labels.unitNature ? [{ key: 'nature', label: '单位性质', children: signing.labels.unitNature }] : []),
    { key: 'version', label: '协议版本', children: signing.agreement ? `第 ${signing.agreement.version} 版` : '尚未发送' },
    { key: 'created', label: '提交时间', children: beijingTime(signing.createdAt) },
    { key: 'updated', label: '最近更新', children: beijingTime(signing.updatedAt) },
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />;
}

export function SigningDetailPage() {
  const { id = '' } = useParams();
  const loaded = useLoad(() => loadDetail(id), [id]);
  const [cancelling, setCancelling] = useState(false);

  return (
    <LoadState loaded={loaded}>
      {({ signing, events, versions }) => {
        const returned = pendingReturn(signing, events);
        const document = `/api/signings/${signing.id}/agreement`;
        return (
          <Flex vertical gap={16}>
            <Card
              title={`网签详情 · ${signing.student.name}`}
              extra={
                <Link to="/employer" className="hide-on-phone">
                  返回网上签约
                </Link>
              }
            >
              {returned && <ReturnNotice event={returned} />}
              <Flex wrap gap={8} style={{ marginBottom: 16 }}>
                {signing.allowedActions.includes('employerSign') && (
                  <ButtonLink type="primary" to={`/employer/signings/${signing.id}/sign`}>
                    签约
                  </ButtonLink>
                )}
                {signing.agreement && (
                  <>
                    <Button href={`${document}?format=html`} target="_blank" rel="noopener" icon={<PrinterOutlined aria-hidden />}>
                      打印协议书
                    </Button>
                    <Button href={`${document}?format=pdf`} download icon={<FilePdfOutlined aria-hidden />}>
                      下载 PDF
                    </Button>
                  </>
                )}
                {signing.allowedActions.includes('cancel') && (
                  <Button danger onClick={() => setCancelling(true)}>
                    取消网上签约
                  </Button>
                )}
              </Flex>
              <Details signing={signing} />
              {signing.employer.contact && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                  单位联系方式：{[signing.employer.contact.contactPerson, signing.employer.contact.phone, signing.employer.contact.email].filter(Boolean).join(' · ')}
                </Typography.Paragraph>
              )}
            </Card>
            <RescissionCard signing={signing} viewer="employer" onChanged={loaded.reload} size="default" />
            <Card title="协议版本">
              <VersionsPanel signingId={signing.id} versions={versions} />
            </Card>
            <Card title="办理记录">
              <Space vertical style={{ width: '100%' }}>
                <EventsTimeline events={events} />
              </Space>
            </Card>
            {cancelling && (
              <CancelSigningModal
                signing={signing}
                onClose={() => setCancelling(false)}
                onDone={() => {
                  setCancelling(false);
                  void loaded.reload();
                }}
              />
            )}
          </Flex>
        );
      }}
    </LoadState>
  );
}
