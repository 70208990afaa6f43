/**
 * 从模板开始 and 保存为模板 in the 签约 wizard. A template fills the sections it has (its empty ones
 * leave the draft as it is: POST …/agreement/draft/from-template); saving one keeps the draft's
 * sections under a name (POST /api/employer/templates) for the next graduate. The draft's 档案接收
 * goes into the template only when it is the employer's own, not one the student saved.
 */
import { App, Button, Empty, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../../api/client';
import type { DraftView, TemplateSummary, TemplateView } from '../../../api/types';
import { LoadState } from '../../../components/LoadState';
import { beijingTime } from '../../../lib/beijing-time';
import { applyFieldIssues } from '../../../lib/form-errors';
import { useLoad } from '../../../lib/use-load';
import { useSubmit } from '../../../lib/use-submit';
import { requiredMark } from '../required-mark';

function TemplatePicker({ signingId, onApplied, onClose }: { signingId: string; onApplied: (draft: DraftView, name: string) => void; onClose: () => void }) {
  const { message } = App.useApp();
  const [choosing, setChoosing] = useState<string>();
  const loaded = useLoad(async () => {
    const { data } = await api.GET('/api/employer/templates');
    return (data as unknown as { items: TemplateSummary[] }).items;
  }, []);
  const apply = useSubmit(async (key: string, template: TemplateSummary) => {
    const { data } = await api.POST('/api/signings/{id}/agreement/draft/from-template', {
      params: { path: { id: signingId } },
      body: { templateId: template.id },
      headers: { 'Idempotency-Key': key },
    });
    return data as unknown as DraftView;
  });

  async function choose(template: TemplateSummary) {
    setChoosing(template.id);
    try {
      const draft = await apply.run(template);
      if (draft) onApplied(draft, template.name);
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : '套用模板失败，请重试');
    } finally {
      setChoosing(undefined);
    }
  }

  return (
    <Modal open title="从模板开始" onCancel={onClose} footer={<Button onClick={onClose}>取消</Button>} destroyOnHidden>
      <Typography.Paragraph type="secondary">模板中已填写的各条将替换当前草稿中的相应内容，未填写的条目保留草稿原样。套用后请逐条核对。</Typography.Paragraph>
      <LoadState loaded={loaded}>
        {(items) =>
          items.length === 0 ? (
            <Empty description="还没有协议模板：填写协议后可点击“保存为模板”" />
          ) : (
            <List
              dataSource={items}
              renderItem={(t) => (
                <List.Item
                  key={t.id}
                  actions={[
                    <Button key="use" type="primary" size="small" loading={choosing === t.id} disabled={apply.submitting} onClick={() => void choose(t)} aria-label={`使用模板 ${t.name}`}>
                      使用
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={t.name}
                    description={
                      <Space wrap size={4}>
                        <Tag color={t.complete ? 'green' : 'default'}>
                          {t.complete ? '完整' : `已填 ${t.completedSections}/${t.totalSections} 项`}
                        </Tag>
                        <span>更新于 {beijingTime(t.updatedAt)}</span>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )
        }
      </LoadState>
    </Modal>
  );
}

function SaveAsTemplate({ draft, beforeSave, onClose }: { draft: DraftView | null; beforeSave: () => Promise<DraftView | null | false>; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const save = useSubmit(async (key: string, name: string) => {
    const saved = await beforeSave();
    if (saved === false) return undefined;
    const source = saved ?? draft;
    const { data } = await api.POST('/api/employer/templates', {
      body: {
        name,
        ...(source?.unitNature ? { unitNature: source.unitNature } : {}),
        ...(source?.contact ? { contact: source.contact } : {}),
        agreement: source?.agreement ?? {},
        ...(source?.archive && source.archiveSource === 'draft' ? { archive: source.archive } : {}),
      } as never,
      headers: { 'Idempotency-Key': key },
    });
    return data as unknown as TemplateView;
  });

  async function onFinish({ name }: { name: string }) {
    try {
      const template = await save.run(name.trim());
      if (!template) return;
      void message.success(`已保存为模板「${template.name}」`);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') form.setFields([{ name: 'name', errors: [err.message] }]);
      else if (err instanceof ApiError && err.fieldIssues.length) {
        const rest = applyFieldIssues(form, err.fieldIssues);
        if (rest.length) void message.error(`${err.message}：${rest.map((i) => i.message).join('；')}`);
      } else void message.error(err instanceof ApiError ? err.message : '保存模板失败，请重试');
    }
  }

  return (
    <Modal
      open
      title="保存为模板"
      onCancel={onClose}
      okText="保存"
      okButtonProps={{ htmlType: 'submit', loading: save.submitting }}
      destroyOnHidden
      modalRender={(node) => (
        <Form form={form} layout="vertical" requiredMark={requiredMark} onFinish={onFinish} disabled={save.submitting}>
          {node}
        </Form>
      )}
    >
      <Typography.Paragraph type="secondary">把当前草稿已保存的单位信息和协议条款存为模板，下次为其他学生签约时可“从模板开始”。</Typography.Paragraph>
      <Form.Item label="模板名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写模板名称' }]}>
        <Input maxLength={50} showCount autoFocus placeholder="如 2026 届软件工程师" />
      </Form.Item>
    </Modal>
  );
}

export function TemplateActions({
  signingId,
  draft,
  disabled,
  beforeSave,
  onApplied,
}: {
  signingId: string;
  draft: DraftView | null;
  disabled: boolean;
  /** Saves the step on screen first; false when that failed. */
  beforeSave: () => Promise<DraftView | null | false>;
  onApplied: (draft: DraftView, name: string) => void;
}) {
  const [open, setOpen] = useState<'pick' | 'save' | null>(null);
  return (
    <Space wrap>
      <Button onClick={() => setOpen('pick')} disabled={disabled}>
        从模板开始
      </Button>
      <Button onClick={() => setOpen('save')} disabled={disabled}>
        保存为模板
      </Button>
      {open === 'pick' && (
        <TemplatePicker
          signingId={signingId}
          onClose={() => setOpen(null)}
          onApplied={(next, name) => {
            setOpen(null);
            onApplied(next, name);
          }}
        />
      )}
      {open === 'save' && <SaveAsTemplate draft={draft} beforeSave={beforeSave} onClose={() => setOpen(null)} />}
    </Space>
  );
}
