/**
 * The confirmation of a destructive step (退回, 取消网上签约): a Modal that says what will happen and
 * asks for the REQUIRED reason (2–500 characters, the server's reasonSchema), which every party
 * will read in the audit trail. Mounted only while open, so each opening starts empty; the reason
 * typed stays if the request fails, with the server's problem beside it.
 */
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { applyFieldIssues } from '../../lib/form-errors';
import { reasonSchema } from '../../../../domain/schemas/actions';
import { zodRule } from './zod-rule';
import { requiredMark } from '../employer/required-mark';

export interface ReasonModalProps {
  title: string;
  okText: string;
  label: string;
  warning: string;
  placeholder?: string;
  danger?: boolean;
  submitting: boolean;
  /** Resolves when done (the modal closes); throws to keep it open with the error shown. */
  onSubmit(reason: string): Promise<void>;
  onClose(): void;
}

export function ReasonModal({ title, okText, label, warning, placeholder, danger = true, submitting, onSubmit, onClose }: ReasonModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string>();

  async function finish({ reason }: { reason: string }) {
    setError(undefined);
    try {
      await onSubmit(reason.trim());
    } catch (err) {
      if (err instanceof ApiError && err.fieldIssues.length) {
        const unmatched = applyFieldIssues(form, err.fieldIssues);
        if (unmatched.length) setError(unmatched.map((i) => i.message).join('；'));
      } else {
        setError(err instanceof Error ? err.message : '操作失败，请稍后重试');
      }
    }
  }

  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="关闭"
      okButtonProps={{ danger, loading: submitting, htmlType: 'submit', form: 'reason-form' }}
      cancelButtonProps={{ disabled: submitting }}
      onCancel={() => !submitting && onClose()}
      maskClosable={!submitting}
      keyboard={!submitting}
      destroyOnHidden
    >
      <Alert type={danger ? 'warning' : 'info'} showIcon title={warning} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form id="reason-form" form={form} layout="vertical" requiredMark={requiredMark} onFinish={finish} disabled={submitting}>
        <Form.Item label={label} name="reason" required rules={[zodRule(reasonSchema.shape.reason)]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={placeholder} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
