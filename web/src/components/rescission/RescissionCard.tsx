/**
 * 解约 on a signing's page, for the student, the employer and the school alike: the latest request
 * (its status, who asked and why, a rejection's reason, whom it waits for and by when in Beijing
 * time, the 解约函 to download) with the next step said from the viewer's side, and the viewer's
 * buttons — only those the server lists in `rescission.allowedActions` (同意解约, 拒绝解约 with a
 * required reason, 批准解约, 撤回解约申请), each after a confirmation — plus 申请解约 while
 * `canRequestRescission`. Renders nothing when there is neither a request nor the right to make one.
 *
 * As on the rest of the signing page: a refusal because the request moved on (409) is told and the
 * page reloaded; any other problem stays in its dialog, with what was typed.
 */
import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Grid, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { Role, SigningView } from '../../api/types';
import { beijingTime } from '../../lib/beijing-time';
import { useSubmit } from '../../lib/use-submit';
import { ReasonModal } from '../../pages/student/ReasonModal';
import { inboxChanged } from '../inbox';
import { type AnswerAction, answerRescission, letterHref, requestRescission } from './rescission-api';
import { RESCISSION_MEANING, letterDescription, rescissionNextStep } from './rescission-text';
import { RequestRescissionModal } from './RequestRescissionModal';
import { RescissionTag, isPendingRescission } from './RescissionTag';

export interface RescissionCardProps {
  signing: SigningView;
  viewer: Role;
  /** Reloads the page after an accepted step, or a refusal that means the request moved on. */
  onChanged(): Promise<void>;
  /** The page's card size: small on the student's phone-first page, default on the desks' pages. */
  size?: 'small' | 'default';
}

const DONE: Record<AnswerAction, string> = {
  agree: '已同意解约，等待学校审批',
  reject: '已拒绝解约，协议继续有效',
  approve: '已批准解约，协议已解除',
  withdraw: '已撤回解约申请',
};

const CONFIRM: Record<Exclude<AnswerAction, 'reject'>, { title: string; content: string; okText: string; danger: boolean }> = {
  agree: { title: '同意解约？', content: '同意后交学校审批；学校批准后本协议解除，就业方案从就业方案库撤回。', okText: '同意解约', danger: true },
  approve: { title: '批准解约？', content: '批准后本协议立即解除，学生的就业方案从就业方案库撤回，学生与用人单位都会收到通知。', okText: '批准解约', danger: true },
  withdraw: { title: '撤回解约申请？', content: '撤回后本次解约申请结束，本协议继续有效；如需解约，可重新申请。', okText: '撤回解约申请', danger: false },
};

export function RescissionCard({ signing, viewer, onChanged, size = 'small' }: RescissionCardProps) {
  const { message, modal } = App.useApp();
  const phone = !Grid.useBreakpoint().sm;
  const [dialog, setDialog] = useState<'request' | 'reject' | null>(null);
  const { rescission, canRequestRescission } = signing;
  const id = signing.id;

  const ask = useSubmit((key: string, reason: string, letter: File | null) => requestRescission(key, id, reason, letter));
  const answer = useSubmit((key: string, action: AnswerAction, reason?: string) =>
    answerRescission(key, id, rescission!.id, action, reason).then(() => action),
  );
  const busy = ask.submitting || answer.submitting;

  async function changed(done: string) {
    void message.success(done);
    inboxChanged();
    await onChanged();
  }

  /** A refusal because the request moved on (409): told, and the page shows where it is now. */
  async function refused(err: unknown): Promise<boolean> {
    if (err instanceof ApiError && err.status === 409) {
      void message.error(err.message);
      await onChanged();
      return true;
    }
    return false;
  }

  async function run(action: AnswerAction, reason?: string): Promise<void> {
    try {
      const done = await answer.run(action, reason);
      if (done) await changed(DONE[done]);
    } catch (err) {
      if (!(await refused(err))) void message.error(err instanceof Error ? err.message : '操作失败，请稍后重试');
    }
  }

  function confirm(action: Exclude<AnswerAction, 'reject'>) {
    const text = CONFIRM[action];
    modal.confirm({ title: text.title, content: text.content, okText: text.okText, okButtonProps: { danger: text.danger }, cancelText: '返回', onOk: () => run(action) });
  }

  if (!rescission && !canRequestRescission) return null;
  const counterpartyLabel = viewer === 'student' ? '用人单位' : '学生';
  const allowed = new Set(rescission?.allowedActions ?? []);
  const pending = rescission ? isPendingRescission(rescission.status) : false;
  const block = phone ? { block: true, size: 'large' as const } : {};

  const buttons = (
    <Flex gap={8} wrap vertical={phone}>
      {allowed.has('approve') && (
        <Button type="primary" {...block} disabled={busy} onClick={() => confirm('approve')}>
          批准解约
        </Button>
      )}
      {allowed.has('agree') && (
        <Button type="primary" danger {...block} disabled={busy} onClick={() => confirm('agree')}>
          同意解约
        </Button>
      )}
      {allowed.has('reject') && (
        <Button {...block} disabled={busy} onClick={() => setDialog('reject')}>
          拒绝解约
        </Button>
      )}
      {allowed.has('withdraw') && (
        <Button {...block} disabled={busy} onClick={() => confirm('withdraw')}>
          撤回解约申请
        </Button>
      )}
      {canRequestRescission && (
        <Button danger {...block} disabled={busy} onClick={() => setDialog('request')}>
          申请解约
        </Button>
      )}
    </Flex>
  );

  const items = rescission
    ? [
        { key: 'status', label: '解约状态', children: <RescissionTag status={rescission.status} label={rescission.statusLabel} large={viewer === 'student'} /> },
        { key: 'by', label: '提出方', children: rescission.requestedBy.role === viewer ? `${rescission.requestedBy.roleLabel}（本方）` : rescission.requestedBy.roleLabel },
        { key: 'at', label: '申请时间', children: beijingTime(rescission.createdAt) },
        ...(rescission.awaitingLabel
          ? [{ key: 'awaiting', label: '当前办理方', children: `等待${rescission.awaitingLabel}${rescission.awaiting === viewer ? '（本方）' : ''}办理` }]
          : []),
        ...(pending && rescission.deadlineAt ? [{ key: 'deadline', label: '办理期限', children: beijingTime(rescission.deadlineAt) }] : []),
        { key: 'reason', label: '解约原因', children: <span style={{ whiteSpace: 'pre-wrap' }}>{rescission.reason}</span> },
        ...(rescission.decisionReason ? [{ key: 'decision', label: '拒绝原因', children: <span style={{ whiteSpace: 'pre-wrap' }}>{rescission.decisionReason}</span> }] : []),
        {
          key: 'letter',
          label: '解约函',
          children: rescission.letter ? (
            <Typography.Link href={letterHref(id, rescission.id)} download>
              <PaperClipOutlined aria-hidden /> 下载解约函（{letterDescription(rescission.letter)}）
            </Typography.Link>
          ) : (
            '未附'
          ),
        },
        ...(rescission.endedAt ? [{ key: 'ended', label: '结束时间', children: beijingTime(rescission.endedAt) }] : []),
      ]
    : [];

  return (
    <Card
      size={size}
      title={
        viewer === 'school' ? (
          <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
            解约
          </Typography.Title>
        ) : (
          '解约'
        )
      }
      role="region"
      aria-label="解约"
    >
      <Flex vertical gap={12}>
        {rescission ? (
          <>
            <Alert type={pending ? 'warning' : 'info'} showIcon title={rescissionNextStep(rescission, viewer, canRequestRescission)} />
            <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />
          </>
        ) : (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            本协议已完成。如需解除，可申请解约：{RESCISSION_MEANING}
          </Typography.Paragraph>
        )}
        {(allowed.size > 0 || canRequestRescission) && buttons}
      </Flex>

      {dialog === 'request' && (
        <RequestRescissionModal
          counterpartyLabel={counterpartyLabel}
          submitting={ask.submitting}
          onSubmit={async (reason, letter) => {
            // Every refusal (the school's limit included) stays in the dialog with what was typed;
            // one saying a request is already open also refreshes the card behind it.
            const asked = await ask.run(reason, letter).catch(async (err: unknown) => {
              if (err instanceof ApiError && err.status === 409 && (err.details as { rescissionStatus?: unknown } | undefined)?.rescissionStatus) await onChanged();
              throw err;
            });
            if (!asked) return;
            setDialog(null);
            await changed(`已提交解约申请，等待${counterpartyLabel}同意`);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'reject' && (
        <ReasonModal
          title="拒绝解约"
          okText="确认拒绝"
          label="拒绝原因"
          warning="拒绝后本次解约申请结束，本协议继续有效；提出方可以重新申请。请写明拒绝的原因，各方都会看到。"
          placeholder="请写明拒绝解约的原因"
          submitting={answer.submitting}
          onSubmit={async (reason) => {
            try {
              if (!(await answer.run('reject', reason))) return;
            } catch (err) {
              if (await refused(err)) {
                setDialog(null);
                return;
              }
              throw err;
            }
            setDialog(null);
            await changed(DONE.reject);
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </Card>
  );
}
