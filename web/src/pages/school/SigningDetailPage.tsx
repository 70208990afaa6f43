/**
 * /school/signings/:id — one signing as the school sees it (notifications link here): its status
 * and deadline, the student's application, the current 就业协议书 (with the fields the employer
 * changed since the version before), every version sent, and the 办理记录. When the signing awaits
 * the school it offers 确认同步至就业方案库 and 退回 (with a reason); while pending, 取消网上签约
 * (with a reason) — each only if the server lists it in allowedActions; and its 解约 request with
 * 批准解约 / 拒绝解约 while it awaits the school.
 */
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { AgreementVersionView, AgreementVersionsView, SigningEvent, SigningView } from '../../api/types';
import { AgreementSections } from '../../components/agreement/AgreementSections';
import { inboxChanged } from '../../components/inbox';
import { LoadState } from '../../components/LoadState';
import { RescissionCard } from '../../components/rescission/RescissionCard';
import { beijingTime } from '../../lib/beijing-time';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { agreementDocumentHref } from './AgreementPreviewModal';
import { AgreementVersionsList } from './AgreementVersionsList';
import { ReasonModal } from './ReasonModal';
import { SigningTimeline } from './SigningTimeline';
import { StatusTag } from '../../components/StatusTag';

interface Detail {
  signing: SigningView;
  agreement: AgreementVersionView | null;
  versions: AgreementVersionsView;
  events: SigningEvent[];
}

async function loadDetail(id: string): Promise<Detail> {
  const path = { params: { path: { id } } };
  const [signing, agreement, versions, events] = await Promise.all([
    api.GET('/api/signings/{id}', path).then((r) => r.data as unknown as SigningView),
    // No version yet (the employer has not sent one): 404, shown as such.
    api.GET('/api/signings/{id}/agreement', path).then(
      (r) => r.data as unknown as AgreementVersionView,
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      },
    ),
    api.GET('/api/signings/{id}/agreement/versions', path).then((r) => r.data as unknown as AgreementVersionsView),
    api.GET('/api/signings/{id}/events', path).then((r) => (r.data as unknown as { items: SigningEvent[] }).items),
  ]);
  return { signing, agreement, versions, events };
}

/** The 档案接收 as last saved on the signing (the student may complete it), else as the version sent it. */
function archiveOf(signing: SigningView, agreement: AgreementVersionView): Record<string, unknown> | null {
  const archive = signing.archive ?? agreement.archive;
  return archive ? { ...archive } : null;
}

const code = (value: string | null | undefined, label: string | null | undefined) => (value ? (label ? `${value} ${label}` : value) : '—');

function Overview({ signing }: { signing: SigningView }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={[
        { key: 'status', label: '处理状态', children: <StatusTag status={signing.status} label={signing.statusLabel} /> },
        { key: 'awaiting', label: '当前环节', children: signing.awaitingLabel ? `待${signing.awaitingLabel}处理` : '已结束' },
        { key: 'next', label: '下一步', children: signing.nextStep ?? '—' },
        { key: 'no', label: '协议书编号', children: signing.agreementNo },
        { key: 'version', label: '协议版本', children: signing.agreement ? `第 ${signing.agreement.version} 版` : '尚未发送' },
        { key: 'deadline', label: '办理期限', children: beijingTime(signing.deadlineAt) },
        { key: 'created', label: '提交时间', children: beijingTime(signing.createdAt) },
        { key: 'updated', label: '最近更新', children: beijingTime(signing.updatedAt) },
        ...(signing.endedAt ? [{ key: 'ended', label: '结束时间', children: beijingTime(signing.endedAt) }] : []),
      ]}
    />
  );
}

function Application({ signing }: { signing: SigningView }) {
  const app = signing.application;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={[
        { key: 'name', label: '学生姓名', children: signing.student.name },
        { key: 'examineeNo', label: '考生号', children: signing.student.examineeNo },
        { key: 'school', label: '学校', children: signing.school.name },
        { key: 'destination', label: '毕业去向', children: code(app.graduationDestination, signing.labels.graduationDestination) },
        { key: 'employed', label: '是否就业', children: app.employed ? '就业' : '不就业' },
        { key: 'employer', label: '单位名称', children: app.employer.name },
        { key: 'creditCode', label: '社会信用代码', children: app.employer.creditCode },
        { key: 'infoNo', label: '信息登记号', children: app.employer.infoRegistrationNo ?? '—' },
        { key: 'region', label: '单位地区', children: code(app.regionCode, signing.labels.region) },
        { key: 'industry', label: '行业类别', children: code(app.industryCode, signing.labels.industry) },
        { key: 'unitNature', label: '单位性质', children: code(signing.employer.unitNature, signing.labels.unitNature) },
      ]}
    />
  );
}

function SigningDetail({ detail, reload }: { detail: Detail; reload(): Promise<void> }) {
  const { message } = App.useApp();
  const [reasonFor, setReasonFor] = useState<'return' | 'cancel' | null>(null);
  const { signing, agreement, versions, events } = detail;
  const id = signing.id;
  const allowed = new Set(signing.allowedActions);
  const current = versions.items.find((v) => v.current);

  async function afterAction(done: string) {
    void message.success(done);
    inboxChanged();
    await reload();
  }

  // A refusal (409: the status moved meanwhile) is told and the page shows the current state.
  async function refused(err: unknown) {
    void message.error(err instanceof Error ? err.message : String(err));
    if (err instanceof ApiError && err.status === 409) await reload();
  }

  const confirm = useSubmit(async (key: string) => {
    await api.POST('/api/signings/{id}/school-confirm', { params: { path: { id } }, headers: { 'Idempotency-Key': key } });
    return 'confirmed' as const;
  });
  const withReason = useSubmit(async (key: string, kind: 'return' | 'cancel', reason: string) => {
    const options = { params: { path: { id } }, body: { reason }, headers: { 'Idempotency-Key': key } };
    if (kind === 'return') await api.POST('/api/signings/{id}/return', options);
    else await api.POST('/api/signings/{id}/cancel', options);
    return kind;
  });

  async function schoolConfirm() {
    try {
      if ((await confirm.run()) === 'confirmed') await afterAction('已确认，已同步至就业方案库');
    } catch (err) {
      await refused(err);
    }
  }

  async function submitReason(reason: string) {
    if (!reasonFor) return;
    try {
      const kind = await withReason.run(reasonFor, reason);
      if (kind) await afterAction(kind === 'return' ? '已退回用人单位' : '已取消网上签约');
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setReasonFor(null);
        await refused(err);
        return;
      }
      throw err;
    }
  }

  const busy = confirm.submitting || withReason.submitting;
  const actions = (
    <Flex wrap gap={8}>
      {allowed.has('schoolConfirm') && (
        <Button type="primary" loading={confirm.submitting} disabled={busy && !confirm.submitting} onClick={() => void schoolConfirm()}>
          确认同步至就业方案库
        </Button>
      )}
      {allowed.has('return') && (
        <Button danger disabled={busy} onClick={() => setReasonFor('return')}>
          退回
        </Button>
      )}
      {allowed.has('cancel') && (
        <Button danger type="dashed" disabled={busy} onClick={() => setReasonFor('cancel')}>
          取消网上签约
        </Button>
      )}
    </Flex>
  );

  return (
    <>
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 18, whiteSpace: 'normal' }}>
            {signing.student.name}（{signing.student.examineeNo}）的网上签约
          </Typography.Title>
        }
      >
        <Flex vertical gap={16}>
          {allowed.size > 0 && actions}
          <Overview signing={signing} />
        </Flex>
      </Card>

      <RescissionCard signing={signing} viewer="school" onChanged={reload} size="default" />

      <Card title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>就业方案申请</Typography.Title>}>
        <Application signing={signing} />
      </Card>

      {agreement ? (
        <AgreementSections
          title={`就业协议书内容（第 ${agreement.version} 版）`}
          document={{ ...agreement, archive: archiveOf(signing, agreement) }}
          changes={current?.changes}
          extra={
            <Space wrap size={4}>
              <Button size="small" icon={<PrinterOutlined />} href={agreementDocumentHref(id, 'html')} target="_blank" rel="noopener">
                打印协议书
              </Button>
              <Button size="small" icon={<DownloadOutlined />} href={agreementDocumentHref(id, 'pdf')} download>
                下载 PDF
              </Button>
            </Space>
          }
        />
      ) : (
        <Card title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>就业协议书</Typography.Title>}>
          <Empty description="用人单位尚未发送就业协议书" />
        </Card>
      )}

      <Card title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>协议版本</Typography.Title>}>
        <AgreementVersionsList versions={versions} />
      </Card>

      <Card title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>办理记录</Typography.Title>}>
        <SigningTimeline events={events} />
      </Card>

      <ReasonModal
        open={reasonFor !== null}
        title={reasonFor === 'cancel' ? '取消网上签约' : '退回用人单位'}
        label={reasonFor === 'cancel' ? '取消原因' : '退回原因'}
        okText={reasonFor === 'cancel' ? '确认取消网上签约' : '确认退回'}
        danger
        description={
          reasonFor === 'cancel'
            ? '取消后本次网上签约结束，不能恢复；学生可重新填报就业方案。学生与用人单位都会收到通知。'
            : '退回后由用人单位修改就业协议书并重新发送给学生确认。学生与用人单位都会收到通知。'
        }
        onSubmit={submitReason}
        onClose={() => setReasonFor(null)}
      />
    </>
  );
}

export function SigningDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const loaded = useLoad(() => loadDetail(id), [id]);
  const notFound = loaded.error instanceof ApiError && loaded.error.status === 404;

  function back() {
    // Back to the table as it was (its filters are in the URL), else to its default view.
    if (location.key !== 'default') void navigate(-1);
    else void navigate('/school');
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={back} style={{ alignSelf: 'flex-start' }}>
        返回列表
      </Button>
      {notFound ? (
        <Card>
          <Empty description="未找到该网签记录，或它不属于本校学生" />
        </Card>
      ) : (
        <LoadState loaded={loaded}>{(detail) => <SigningDetail detail={detail} reload={loaded.reload} />}</LoadState>
      )}
    </Space>
  );
}
