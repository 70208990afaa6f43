/**
 * 取消网上签约: a destructive action, so it asks in a Modal for the REQUIRED reason (2–500 characters,
 * recorded in the audit trail and sent to the student and the school), then POST …/cancel with an
 * Idempotency-Key. The reason typed stays in the box when the request fails.
 */
import { App, Form, Input, Modal, Typography } from 'antd';
import { ApiError, api } from '../../api/client';
import type { SigningView } from '../../api/types';
import { inboxChanged } from '../../components/inbox';
import { applyFieldIssues } from '../../lib/form-errors';
import { useSubmit } from '../../lib/use-submit';
import { requiredMark } from './required-mark';

export function CancelSigningModal({ signing, onClose, onDone }: { signing: SigningView; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useSubmit(async (key: string, reason: string) => {
    const { data } = await api.POST('/api/signings/{id}/cancel', {
      params: { path: { id: signing.id } },
      body: { reason },
      headers: { 'Idempotency-Key': key },
    });
    return data as unknown as SigningView;
  });

  async function onFinish({ reason }: { reason: string }) {
    try {
      const done = await cancel.run(reason.trim());
      if (!done) return;
      inboxChanged();
      void message.success('已取消网上签约');
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.fieldIssues.length) {
        applyFieldIssues(form, err.fieldIssues.map((i) => ({ ...i, path: i.path.replace(/^body\./, '') })));
      } else {
        form.setFields([{ name: 'reason', errors: [err instanceof ApiError ? err.message : '取消失败，请重试'] }]);
      }
    }
  }

  return (
    <Modal
      open
      title="取消网上签约"
      okText="确认取消网上签约"
      okButtonProps={{ danger: true, htmlType: 'submit', loading: cancel.submitting }}
      cancelText="返回"
      onCancel={onClose}
      destroyOnHidden
      modalRender={(node) => (
        <Form form={form} layout="vertical" requiredMark={requiredMark} onFinish={onFinish} disabled={cancel.submitting}>
          {node}
        </Form>
      )}
    >
      <Typography.Paragraph>
        取消后，{signing.student.name}（考生号 {signing.student.examineeNo}）的本次网上签约即告结束，不能恢复；学生可另行填报。
      </Typography.Paragraph>
      <Form.Item
        label="取消原因"
        name="reason"
        rules={[
          { required: true, whitespace: true, message: '请填写取消原因' },
          { min: 2, message: '原因至少 2 个字符' },
        ]}
      >
        <Input.TextArea showCount maxLength={500} autoSize={{ minRows: 3, maxRows: 8 }} autoFocus />
      </Form.Item>
    </Modal>
  );
}
