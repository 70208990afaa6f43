/**
 * /student/signings/:id — the page graduates use most: the signing's status, 协议书编号 and
 * deadline, the agreement the employer sent (单位性质, 联系方式, all eight sections, 档案接收) with
 * the fields changed since the version before highlighted (after a return), links to print it or
 * download the PDF, the 档案接收 form while it is the student's turn, the student's steps
 * (确认签约 / 退回 / 取消网上签约), 解约 once it is completed (the request, its answers, 申请解约),
 * and the audit trail. After every step the page, the inbox badge
 * and the 个人中心 summary are reloaded.
 */
import { Alert, Card, Descriptions, Empty, Flex, Space, Typography } from 'antd';
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import type { SigningView } from '../../api/types';
import { AgreementSections } from '../../components/agreement/AgreementSections';
import { LoadState } from '../../components/LoadState';
import { RescissionCard } from '../../components/rescission/RescissionCard';
import { inboxChanged } from '../../components/inbox';
import { beijingTime } from '../../lib/beijing-time';
import { useLoad } from '../../lib/use-load';
import { useSession } from '../../session/SessionProvider';
import { ArchiveForm } from './ArchiveForm';
import { AuditTrail } from './AuditTrail';
import { SigningActions } from './SigningActions';
import { type SigningPageData, loadSigningPage } from './signing-data';
import { SigningStatusTag, isPendingStatus } from './signing-status';

function SigningHeader({ signing }: { signing: SigningView }) {
  const { application, labels } = signing;
  const items = [
    { key: 'status', label: '状态', children: <SigningStatusTag status={signing.status} label={signing.statusLabel} /> },
    { key: 'no', label: '协议书编号', children: signing.agreementNo },
    ...(signing.awaitingLabel ? [{ key: 'awaiting', label: '当前办理方', children: `等待${signing.awaitingLabel}办理` }] : []),
    ...(isPendingStatus(signing.status) && signing.deadlineAt ? [{ key: 'deadline', label: '办理期限', children: beijingTime(signing.deadlineAt) }] : []),
    ...(signing.nextStep ? [{ key: 'next', label: '下一步', children: signing.nextStep }] : []),
    { key: 'employer', label: '单位名称', children: application.employer.name },
    { key: 'creditCode', label: '社会信用代码', children: application.employer.creditCode },
    ...(application.employer.infoRegistrationNo ? [{ key: 'irn', label: '信息登记号', children: application.employer.infoRegistrationNo }] : []),
    { key: 'destination', label: '毕业去向', children: labels.graduationDestination ? `${labels.graduationDestination}(${application.graduationDestination})` : application.graduationDestination },
    { key: 'region', label: '单位地区', children: labels.region ? `${labels.region}(${application.regionCode})` : application.regionCode },
    { key: 'industry', label: '行业类别', children: labels.industry ? `${application.industryCode} ${labels.industry}` : application.industryCode },
    { key: 'submitted', label: '提交时间', children: beijingTime(signing.createdAt) },
  ];
  return (
    <Card size="small" title="网上签约" extra={<Link to="/student">返回个人中心</Link>}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />
    </Card>
  );
}

function AgreementCard({ data }: { data: SigningPageData }) {
  const { signing, agreement, changes } = data;
  if (!agreement) {
    return (
      <Card size="small" title="就业协议书">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={isPendingStatus(signing.status) ? '用人单位尚未发送就业协议书，发送后将通知您。' : '本次网签没有就业协议书。'} />
      </Card>
    );
  }
  const href = (format: 'html' | 'pdf') => `/api/signings/${signing.id}/agreement?format=${format}`;
  const returned = signing.status === 'PENDING_EMPLOYER';
  // While the student edits 档案接收 below, the form is that section; otherwise show what is saved.
  const editingArchive = signing.allowedActions.includes('updateArchive');
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        用人单位于 {beijingTime(agreement.sentAt)}发送第 {agreement.version} 版协议{data.versionCount > 1 ? `（共 ${data.versionCount} 版）` : ''}
      </Typography.Text>
      {returned && <Alert type="info" showIcon title="协议已退回用人单位修改，以下为上一版内容；单位重新发送后将通知您确认。" />}
      <AgreementSections
        title={`就业协议书内容 · 第 ${agreement.version} 版`}
        extra={
          <Space size="middle" wrap>
            <Typography.Link href={href('html')} target="_blank" rel="noopener">
              打印协议书
            </Typography.Link>
            <Typography.Link href={href('pdf')} target="_blank" rel="noopener">
              下载 PDF
            </Typography.Link>
          </Space>
        }
        document={{
          unitNature: agreement.unitNature,
          contact: agreement.contact,
          agreement: agreement.agreement,
          archive: editingArchive ? null : ((signing.archive ?? agreement.archive) as Record<string, unknown> | null),
        }}
        changes={returned ? null : changes}
      />
    </Flex>
  );
}

export function SigningPage() {
  const { id = '' } = useParams();
  const { refresh } = useSession();
  const loaded = useLoad(() => loadSigningPage(id), [id]);

  const changed = useCallback(async () => {
    inboxChanged();
    await Promise.all([loaded.reload(), refresh().catch(() => undefined)]);
  }, [loaded, refresh]);

  return (
    <LoadState loaded={loaded}>
      {(data) => (
        <Flex vertical gap={16}>
          <SigningHeader signing={data.signing} />
          <RescissionCard signing={data.signing} viewer="student" onChanged={changed} />
          <AgreementCard data={data} />
          {data.signing.allowedActions.includes('updateArchive') && (
            <ArchiveForm key={data.signing.updatedAt} signingId={data.signing.id} initial={data.signing.archive ?? data.agreement?.archive ?? null} onSaved={changed} />
          )}
          <SigningActions
            key={data.agreement?.hash ?? 'none'}
            signing={data.signing}
            agreement={data.agreement}
            onChanged={changed}
          />
          <AuditTrail events={data.events} />
        </Flex>
      )}
    </LoadState>
  );
}
