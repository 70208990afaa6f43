/**
 * 档案接收 on the signing page: where the student's file (档案) is to be sent — 接收单位, 邮编,
 * 收件人, 电话, 详细地址 — saved with 保存档案接收信息 (PUT /api/signings/{id}/archive) while it is
 * the student's turn (PENDING_STUDENT). Starts from what is saved on the signing, else what the
 * employer filled in. Checked with the server's own archive schema (domain/schemas/contact.ts).
 */
import { Alert, App, Button, Card, Col, Form, Input, Row } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { Archive } from '../../api/types';
import { applyFieldIssues } from '../../lib/form-errors';
import { useSubmit } from '../../lib/use-submit';
import { archiveSchema } from '../../../../domain/schemas/contact';
import { zodRule } from './zod-rule';
import { requiredMark } from '../employer/required-mark';
import { PHONE_HINT, PHONE_INPUT_MAX } from '../employer/wizard/phone-hint';

const FIELDS: { name: keyof Archive; label: string; span: number; input: 'text' | 'numeric' | 'tel'; max: number; autoComplete?: string; extra?: string }[] = [
  { name: 'unitName', label: '接收单位', span: 12, input: 'text', max: 100, autoComplete: 'organization' },
  { name: 'recipient', label: '收件人', span: 12, input: 'text', max: 50, autoComplete: 'name' },
  { name: 'phone', label: '电话', span: 12, input: 'tel', max: PHONE_INPUT_MAX, autoComplete: 'tel', extra: PHONE_HINT },
  { name: 'postcode', label: '邮编', span: 12, input: 'numeric', max: 6, autoComplete: 'postal-code' },
  { name: 'address', label: '详细地址', span: 24, input: 'text', max: 200, autoComplete: 'street-address' },
];

export function ArchiveForm({ signingId, initial, onSaved }: { signingId: string; initial: Archive | null; onSaved(): Promise<void> }) {
  const [form] = Form.useForm<Archive>();
  const { message } = App.useApp();
  const [error, setError] = useState<string>();

  const save = useSubmit(async (key: string, archive: Archive) => {
    await api.PUT('/api/signings/{id}/archive', {
      params: { path: { id: signingId } },
      body: archive,
      headers: { 'Idempotency-Key': key },
    });
  });

  async function onFinish(values: Archive) {
    setError(undefined);
    const archive = Object.fromEntries(FIELDS.map((f) => [f.name, (values[f.name] ?? '').trim()])) as unknown as Archive;
    try {
      await save.run(archive);
      void message.success('档案接收信息已保存');
      await onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.fieldIssues.length) {
        const unmatched = applyFieldIssues(form, err.fieldIssues, ['archive']);
        if (unmatched.length) setError(unmatched.map((i) => i.message).join('；'));
      } else {
        setError(err instanceof Error ? err.message : '保存失败，请稍后重试');
      }
    }
  }

  return (
    <Card title="档案接收" size="small">
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<Archive> form={form} layout="vertical" requiredMark={requiredMark} initialValues={initial ?? undefined} onFinish={onFinish} disabled={save.submitting}>
        <Row gutter={16}>
          {FIELDS.map((f) => (
            <Col key={f.name} xs={24} md={f.span}>
              <Form.Item label={f.label} name={f.name} required extra={f.extra} rules={[zodRule(archiveSchema.shape[f.name])]}>
                <Input size="large" maxLength={f.max} inputMode={f.input === 'text' ? undefined : f.input} autoComplete={f.autoComplete} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button htmlType="submit" size="large" loading={save.submitting}>
          保存档案接收信息
        </Button>
      </Form>
    </Card>
  );
}
