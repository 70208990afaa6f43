/**
 * `/employer/templates` 协议模板: the employer's named agreement templates (shared by its colleagues),
 * made with 保存为模板 in the 签约 wizard and used there with 从模板开始. Here: see one in full,
 * 重命名 (PUT {name}), 删除 (confirmed). The API also merges section edits into a template; the
 * portal edits them through a signing's wizard instead, so there is one agreement editor.
 */
import { App, Button, Card, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { TemplateSummary, TemplateView } from '../../api/types';
import { AgreementSections } from '../../components/agreement/AgreementSections';
import { LoadState } from '../../components/LoadState';
import { beijingTime } from '../../lib/beijing-time';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { requiredMark } from './required-mark';

function TemplateContent({ template, onClose }: { template: TemplateSummary; onClose: () => void }) {
  const loaded = useLoad(async () => {
    const { data } = await api.GET('/api/employer/templates/{id}', { params: { path: { id: template.id } } });
    return data as unknown as TemplateView;
  }, [template.id]);
  return (
    <Modal open title={`协议模板：${template.name}`} width={900} onCancel={onClose} footer={null}>
      <LoadState loaded={loaded}>{(t) => <AgreementSections document={t} title="模板内容" />}</LoadState>
    </Modal>
  );
}

function RenameTemplate({ template, onClose, onDone }: { template: TemplateSummary; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const rename = useSubmit(async (_key: string, name: string) => {
    await api.PUT('/api/employer/templates/{id}', { params: { path: { id: template.id } }, body: { name } });
    return true;
  });
  async function onFinish({ name }: { name: string }) {
    try {
      if (await rename.run(name.trim())) {
        void message.success('模板已重命名');
        onDone();
      }
    } catch (err) {
      form.setFields([{ name: 'name', errors: [err instanceof ApiError ? err.message : '重命名失败，请重试'] }]);
    }
  }
  return (
    <Modal
      open
      title="重命名模板"
      okText="保存"
      okButtonProps={{ htmlType: 'submit', loading: rename.submitting }}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(node) => (
        <Form form={form} layout="vertical" requiredMark={requiredMark} onFinish={onFinish} initialValues={{ name: template.name }} disabled={rename.submitting}>
          {node}
        </Form>
      )}
    >
      <Form.Item label="模板名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写模板名称' }]}>
        <Input maxLength={50} showCount autoFocus />
      </Form.Item>
    </Modal>
  );
}

export function TemplatesPage() {
  const { message, modal } = App.useApp();
  const [viewing, setViewing] = useState<TemplateSummary>();
  const [renaming, setRenaming] = useState<TemplateSummary>();
  const loaded = useLoad(async () => {
    const { data } = await api.GET('/api/employer/templates');
    return (data as unknown as { items: TemplateSummary[] }).items;
  }, []);

  function confirmDelete(template: TemplateSummary) {
    modal.confirm({
      title: `删除协议模板「${template.name}」？`,
      content: '删除后不能恢复；已用它填写的协议草稿不受影响。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.DELETE('/api/employer/templates/{id}', { params: { path: { id: template.id } } });
          void message.success('模板已删除');
        } catch (err) {
          void message.error(err instanceof ApiError ? err.message : '删除失败，请重试');
        }
        await loaded.reload();
      },
    });
  }

  return (
    <Card title="协议模板">
      <Typography.Paragraph type="secondary">
        在签约时点击“保存为模板”可把填好的单位信息和协议条款存为模板；为其他学生签约时点击“从模板开始”即可套用。
      </Typography.Paragraph>
      <LoadState loaded={loaded}>
        {(items) => (
          <Table<TemplateSummary>
            rowKey="id"
            dataSource={items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description="还没有协议模板" /> }}
            columns={[
              { title: '模板名称', dataIndex: 'name', key: 'name' },
              {
                title: '填写进度',
                key: 'progress',
                render: (_, t) => <Tag color={t.complete ? 'green' : 'default'}>{t.complete ? '完整' : `已填 ${t.completedSections}/${t.totalSections} 项`}</Tag>,
              },
              { title: '更新时间', dataIndex: 'updatedAt', key: 'updatedAt', render: (at: string) => beijingTime(at) },
              {
                title: '操作',
                key: 'actions',
                render: (_, t) => (
                  <Space wrap size="small">
                    <Button size="small" onClick={() => setViewing(t)}>
                      查看
                    </Button>
                    <Button size="small" onClick={() => setRenaming(t)}>
                      重命名
                    </Button>
                    <Button size="small" danger onClick={() => confirmDelete(t)}>
                      删除
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </LoadState>
      {viewing && <TemplateContent template={viewing} onClose={() => setViewing(undefined)} />}
      {renaming && (
        <RenameTemplate
          template={renaming}
          onClose={() => setRenaming(undefined)}
          onDone={() => {
            setRenaming(undefined);
            void loaded.reload();
          }}
        />
      )}
    </Card>
  );
}
