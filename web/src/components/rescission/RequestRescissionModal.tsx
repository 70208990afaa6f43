/**
 * 申请解约: a Modal that first says what 解约 means (the other party and the school decide; the plan
 * is withdrawn; the school may limit how often), then asks for the REQUIRED reason (2–500
 * characters, the server's reasonSchema) and an optional 解约函 (PDF, PNG or JPEG up to 5 MB,
 * checked here before it is sent). Mounted only while open. What the server refuses stays in the
 * dialog with everything typed: a field's problem beside it (reason, letter), anything else — the
 * school's limit (409), a letter too large (413) — above the form.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { applyFieldIssues } from '../../lib/form-errors';
import { reasonSchema } from '../../../../domain/schemas/actions';
import { zodRule } from '../../pages/student/zod-rule';
import { requiredMark } from '../../pages/employer/required-mark';
import { LETTER_ACCEPT, LETTER_MAX_MB, letterProblem } from './letter-file';
import { RESCISSION_MEANING } from './rescission-text';

interface Values {
  reason: string;
  letter?: UploadFile[];
}

export interface RequestRescissionModalProps {
  /** Who the request goes to first, e.g. 用人单位 (for the student) or 学生 (for the employer). */
  counterpartyLabel: string;
  submitting: boolean;
  /** Resolves when the request is in (the modal closes); throws to keep it open with the error. */
  onSubmit(reason: string, letter: File | null): Promise<void>;
  onClose(): void;
}

export function RequestRescissionModal({ counterpartyLabel, submitting, onSubmit, onClose }: RequestRescissionModalProps) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();

  async function finish({ reason, letter }: Values) {
    setError(undefined);
    const file = letter?.[0]?.originFileObj ?? null;
    try {
      await onSubmit(reason.trim(), file);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.fieldIssues.length) {
        const unmatched = applyFieldIssues(form, err.fieldIssues);
        if (unmatched.length) setError(`${err.message}：${unmatched.map((i) => i.message).join('；')}`);
      } else {
        if (err instanceof ApiError && err.fieldIssues.length) applyFieldIssues(form, err.fieldIssues);
        setError(err instanceof Error ? err.message : '提交失败，请稍后重试');
      }
    }
  }

  return (
    <Modal
      open
      title="申请解约"
      okText="提交解约申请"
      cancelText="关闭"
      okButtonProps={{ danger: true, loading: submitting, htmlType: 'submit', form: 'rescission-request-form' }}
      cancelButtonProps={{ disabled: submitting }}
      onCancel={() => !submitting && onClose()}
      maskClosable={!submitting}
      keyboard={!submitting}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title="解约意味着什么" description={RESCISSION_MEANING} style={{ marginBottom: 16 }} />
      <Typography.Paragraph style={{ marginBottom: 16 }}>提交后先由{counterpartyLabel}确认是否同意，再交学校审批；审批结束前您可以撤回申请。</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form id="rescission-request-form" form={form} layout="vertical" requiredMark={requiredMark} onFinish={finish} disabled={submitting}>
        <Form.Item label="解约原因" name="reason" required rules={[zodRule(reasonSchema.shape.reason)]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder="请写明解约的原因，对方和学校都会看到" autoFocus />
        </Form.Item>
        <Form.Item
          label="解约函（选填）"
          name="letter"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          extra={`PDF、PNG 或 JPEG，至多 ${LETTER_MAX_MB} MB；可用手机拍照上传。`}
        >
          <Upload
            accept={LETTER_ACCEPT}
            maxCount={1}
            beforeUpload={(file) => {
              const problem = letterProblem(file);
              form.setFields([{ name: 'letter', errors: problem ? [problem] : [] }]);
              // Never uploaded on its own: the file goes with the request (false keeps it in the list).
              return problem ? Upload.LIST_IGNORE : false;
            }}
            onRemove={() => form.setFields([{ name: 'letter', errors: [] }])}
          >
            <Button icon={<UploadOutlined aria-hidden />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
