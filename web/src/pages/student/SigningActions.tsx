/**
 * The student's steps on a signing, only those the server lists in `allowedActions`:
 * 预览就业协议内容 (required) + 确认签约 — confirming the exact version on screen by its hash —,
 * 退回 (to the employer, with a reason) and 取消网上签约 (with a reason and a clear warning). While it
 * is the student's turn the bar sticks to the bottom of the screen, so on a phone the decision is
 * always one thumb away. A repeated click never acts twice (useSubmit: in flight once, one key).
 */
import { Alert, App, Button, Checkbox, Flex, Grid, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { SigningView } from '../../api/types';
import { useSubmit } from '../../lib/use-submit';
import { ReasonModal } from './ReasonModal';

type Dialog = 'return' | 'cancel' | null;

export interface SigningActionsProps {
  signing: SigningView;
  /** The version on screen; confirming sends its hash. */
  agreement: { version: number; hash: string } | null;
  /** Reloads the page: after any accepted step, a refusal that means the signing moved on, or 重新加载协议. */
  onChanged(): Promise<void>;
}

export function SigningActions({ signing, agreement, onChanged }: SigningActionsProps) {
  const { message } = App.useApp();
  const [previewed, setPreviewed] = useState(false);
  const [previewError, setPreviewError] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  // The employer sent a newer version than the one on screen (409 AGREEMENT_HASH_MISMATCH). The
  // page keys this bar by the version's hash, so reloading the new version starts it afresh.
  const [stale, setStale] = useState(false);
  const [reloading, setReloading] = useState(false);
  const phone = !Grid.useBreakpoint().sm;
  const id = signing.id;
  const path = { params: { path: { id } } };

  const confirm = useSubmit(async (key: string, hash: string) => {
    await api.POST('/api/signings/{id}/student-confirm', { ...path, body: { agreementHash: hash, previewed: true }, headers: { 'Idempotency-Key': key } });
    return true;
  });
  const giveBack = useSubmit(async (key: string, reason: string) => {
    await api.POST('/api/signings/{id}/return', { ...path, body: { reason }, headers: { 'Idempotency-Key': key } });
    return true;
  });
  const cancel = useSubmit(async (key: string, reason: string) => {
    await api.POST('/api/signings/{id}/cancel', { ...path, body: { reason }, headers: { 'Idempotency-Key': key } });
    return true;
  });

  const can = (action: string) => signing.allowedActions.includes(action);
  const canConfirm = can('studentConfirm') && agreement !== null;
  const busy = confirm.submitting || giveBack.submitting || cancel.submitting;

  /** A refusal because the signing moved on (409): say so and show where it is now. */
  async function refused(err: unknown): Promise<boolean> {
    if (err instanceof ApiError && err.status === 409) {
      void message.error(err.message);
      await onChanged();
      return true;
    }
    return false;
  }

  async function onConfirm() {
    if (!agreement) return;
    if (!previewed) {
      setPreviewError(true);
      document.getElementById('previewed-checkbox')?.focus();
      return;
    }
    try {
      // undefined: a repeated click while the first is out — that one reports.
      if (!(await confirm.run(agreement.hash))) return;
      void message.success('已确认签约，等待学校确认');
      await onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.reason === 'AGREEMENT_HASH_MISMATCH') {
        setPreviewed(false);
        setStale(true);
        return;
      }
      if (!(await refused(err))) void message.error(err instanceof Error ? err.message : '确认失败，请稍后重试');
    }
  }

  /** For the reason dialogs: a 409 closes the dialog (the signing moved on); other errors stay in it. */
  async function withReason(run: (reason: string) => Promise<boolean | undefined>, reason: string, done: string) {
    try {
      if (!(await run(reason))) return;
    } catch (err) {
      if (await refused(err)) {
        setDialog(null);
        return;
      }
      throw err;
    }
    setDialog(null);
    void message.success(done);
    await onChanged();
  }

  if (!canConfirm && !can('return') && !can('cancel')) return null;

  const confirmButton = canConfirm && (stale ? (
    <Button
      type="primary"
      size="large"
      block={phone}
      loading={reloading}
      onClick={() => {
        setReloading(true);
        void onChanged().finally(() => setReloading(false));
      }}
      style={{ minWidth: 160 }}
    >
      重新加载协议
    </Button>
  ) : (
    <Button type="primary" size="large" block={phone} loading={confirm.submitting} disabled={busy && !confirm.submitting} onClick={() => void onConfirm()} style={{ minWidth: 160 }}>
      确认签约
    </Button>
  ));
  const returnButton = can('return') && (
    <Button size="large" block={phone} disabled={busy} onClick={() => setDialog('return')}>
      退回
    </Button>
  );
  const cancelButton = can('cancel') && (
    <Button size="large" block={phone} danger disabled={busy} onClick={() => setDialog('cancel')}>
      取消网上签约
    </Button>
  );
  const preview = canConfirm && (stale ? (
    <Alert
      type="error"
      showIcon
      role="alert"
      title="用人单位已发送了新版本的协议，您看到的不是最新内容"
      description="请重新加载并阅读最新协议（修改处以黄色标出），再勾选“预览就业协议内容”后确认签约。"
      style={{ minWidth: 0, flex: 1 }}
    />
  ) : (
    <div style={{ minWidth: 0 }}>
      <Checkbox
        id="previewed-checkbox"
        checked={previewed}
        disabled={busy}
        onChange={(e) => {
          setPreviewed(e.target.checked);
          if (e.target.checked) setPreviewError(false);
        }}
        aria-describedby={previewError ? 'previewed-error' : undefined}
        style={{ fontSize: 16 }}
      >
        预览就业协议内容
      </Checkbox>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        请阅读第 {agreement?.version} 版协议全部内容，确认无误后勾选
      </Typography.Text>
      {previewError && (
        <Typography.Text id="previewed-error" type="danger" role="alert" style={{ display: 'block' }}>
          请先阅读协议并勾选“预览就业协议内容”
        </Typography.Text>
      )}
    </div>
  ));

  return (
    <>
      <div
        role="region"
        aria-label="办理"
        style={{
          background: '#fff',
          borderRadius: 8,
          border: '1px solid #f0f0f0',
          ...(canConfirm
            ? { position: 'sticky', bottom: 0, zIndex: 10, boxShadow: '0 -4px 12px rgba(0,0,0,0.08)', padding: '12px 12px calc(12px + env(safe-area-inset-bottom))' }
            : { padding: 12 }),
        }}
      >
        {phone ? (
          <Flex vertical gap={8}>
            {preview}
            {confirmButton}
            <Flex gap={8}>
              {returnButton && <div style={{ flex: 1 }}>{returnButton}</div>}
              {cancelButton && <div style={{ flex: 1 }}>{cancelButton}</div>}
            </Flex>
          </Flex>
        ) : (
          <Flex gap={16} align="center" justify="space-between" wrap>
            {preview || <span />}
            <Flex gap={8} wrap>
              {cancelButton}
              {returnButton}
              {confirmButton}
            </Flex>
          </Flex>
        )}
      </div>

      {dialog === 'return' && (
        <ReasonModal
          title="退回用人单位"
          okText="确认退回"
          label="退回原因"
          warning="协议将退回用人单位修改，单位重新发送后您需再次确认。请写明需要修改的内容。"
          placeholder="例如：税前月薪与面谈约定不符，应为 8000 元/月"
          danger={false}
          submitting={giveBack.submitting}
          onSubmit={(reason) => withReason(giveBack.run, reason, '已退回用人单位')}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'cancel' && (
        <ReasonModal
          title="取消网上签约"
          okText="确认取消网上签约"
          label="取消原因"
          warning="取消后本次网上签约立即结束，不能恢复；用人单位和学校都会收到通知。如需与其他单位签约，需重新填报就业方案。"
          placeholder="请写明取消的原因"
          submitting={cancel.submitting}
          onSubmit={(reason) => withReason(cancel.run, reason, '网上签约已取消')}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
