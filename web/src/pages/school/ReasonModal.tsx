/**
 * The confirmation of a destructive action (退回, 取消网上签约) with its REQUIRED reason: a Modal with
 * one TextArea (1–500 characters, counted). The reason stays in the field if the action fails, and
 * the server's problem with it (400 `reason`) shows beside the field.
 */
import { Alert, Form, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { applyFieldIssues } from '../../lib/form-errors';

export const REASON_MAX = 500;

export interface ReasonModalProps {
  open: boolean;
  title: string;
  /** What the action does, above the field. */
  description?: ReactNode;
  /** The field's label, e.g. 退回原因. */
  label: string;
  okText: string;
  danger?: boolean;
  /** Does the action; a rejection keeps the modal open with the error. */
  onSubmit(reason: string): Promise<unknown>;
  onClose(): void;
}

export function ReasonModal({ open, title, description, label, okText, danger, onSubmit, onClose }: ReasonModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  async function submit() {
    const { reason } = await form.validateFields();
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit(reason.trim());
      form.resetFields();
      onClose();
    } catch (err) {
      const unmatched = err instanceof ApiError ? applyFieldIssues(form, err.fieldIssues) : [];
      if (!(err instanceof ApiError) || err.fieldIssues.length === 0 || unmatched.length > 0) {
        setError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger, loading: submitting }}
      cancelButtonProps={{ disabled: submitting }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        if (!submitting) onClose();
      }}
      mask={{ closable: false }}
      destroyOnHidden={false}
      forceRender
    >
      {description && <div style={{ marginBottom: 12 }}>{description}</div>}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark onFinish={() => void submit().catch(() => undefined)}>
        <Form.Item
          label={label}
          name="reason"
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            { max: REASON_MAX, message: `${label}最多 ${REASON_MAX} 个字` },
          ]}
        >
          <Input.TextArea rows={4} showCount maxLength={REASON_MAX} placeholder={`请填写${label}，各方将看到这段说明`} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
