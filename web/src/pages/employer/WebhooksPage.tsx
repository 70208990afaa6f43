/**
 * `/employer/webhooks`: the URLs the employer's signing events are POSTed to (signed with
 * `Wangqian-Signature`, HMAC-SHA256 over `<t>.<body>`), with their delivery counts. 添加 registers
 * one (POST /api/webhooks {url, description?}); its signing secret comes back in that answer only,
 * so it is shown once, in a Modal with 复制 and the warning that it will not be shown again. 删除
 * asks first. Endpoints belong to the employer, not the account: colleagues see the same list.
 */
import { App, Alert, Button, Card, Empty, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { CreatedWebhook, WebhookEndpoint } from '../../api/types';
import { LoadState } from '../../components/LoadState';
import { beijingTime } from '../../lib/beijing-time';
import { applyFieldIssues } from '../../lib/form-errors';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import { requiredMark } from './required-mark';

function SecretModal({ created, onClose }: { created: CreatedWebhook; onClose: () => void }) {
  const { message } = App.useApp();
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      void message.success('签名密钥已复制');
    } catch {
      void message.warning('无法自动复制，请选中密钥后手动复制');
    }
  }
  return (
    <Modal
      open
      title="Webhook 地址已添加"
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          我已保存密钥
        </Button>
      }
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="签名密钥只显示这一次，关闭后将无法再次查看。请立即复制并妥善保存；如遗失，请删除该地址后重新添加。" />
      <Typography.Paragraph>地址：{created.url}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={created.secret} aria-label="签名密钥" onFocus={(e) => e.target.select()} style={{ fontFamily: 'monospace' }} />
        <Button type="primary" onClick={() => void copy()}>
          复制
        </Button>
      </Space.Compact>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        每次推送的请求头 Wangqian-Signature 形如 t=时间戳,v1=签名，签名为以此密钥对“时间戳.请求体”计算的 HMAC-SHA256（十六进制）；Wangqian-Event-Id 为事件编号，重试时不变，可用于去重。
      </Typography.Paragraph>
    </Modal>
  );
}

function AddWebhook({ onCreated }: { onCreated: (created: CreatedWebhook) => void }) {
  const [form] = Form.useForm<{ url: string; description?: string }>();
  const [error, setError] = useState<string>();
  const add = useSubmit(async (key: string, values: { url: string; description?: string }) => {
    const { data } = await api.POST('/api/webhooks', {
      body: { url: values.url.trim(), ...(values.description?.trim() ? { description: values.description.trim() } : {}) },
      headers: { 'Idempotency-Key': key },
    });
    return data as unknown as CreatedWebhook;
  });

  async function onFinish(values: { url: string; description?: string }) {
    setError(undefined);
    try {
      const created = await add.run(values);
      if (!created) return;
      form.resetFields();
      onCreated(created);
    } catch (err) {
      if (err instanceof ApiError && err.fieldIssues.length) {
        const rest = applyFieldIssues(form, err.fieldIssues);
        if (rest.length) setError(rest.map((i) => i.message).join('；'));
      } else if (err instanceof ApiError && err.code === 'CONFLICT' && (err.details as { url?: string } | undefined)?.url) {
        form.setFields([{ name: 'url', errors: [err.message] }]);
      } else {
        setError(err instanceof ApiError ? err.message : '添加失败，请重试');
      }
    }
  }

  return (
    <Form form={form} layout="vertical" requiredMark={requiredMark} onFinish={onFinish} disabled={add.submitting} style={{ maxWidth: 640 }}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form.Item label="Webhook 地址" name="url" rules={[{ required: true, whitespace: true, message: '请填写 Webhook 地址' }]} extra="http:// 或 https:// 开头的完整网址，如 https://hr.example.com/wangqian/events">
        <Input maxLength={2000} inputMode="url" placeholder="https://" />
      </Form.Item>
      <Form.Item label="说明" name="description" extra="选填，如“人事系统（生产）”">
        <Input maxLength={200} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.submitting}>
        添加
      </Button>
    </Form>
  );
}

export function WebhooksPage() {
  const { message, modal } = App.useApp();
  const [created, setCreated] = useState<CreatedWebhook>();
  const loaded = useLoad(async () => {
    const { data } = await api.GET('/api/webhooks');
    return (data as unknown as { items: WebhookEndpoint[] }).items;
  }, []);

  function confirmDelete(endpoint: WebhookEndpoint) {
    modal.confirm({
      title: '删除此 Webhook 地址？',
      content: `${endpoint.url}\n删除后将不再向该地址推送事件，不能恢复。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.DELETE('/api/webhooks/{id}', { params: { path: { id: endpoint.id } } });
          void message.success('已删除');
        } catch (err) {
          void message.error(err instanceof ApiError ? err.message : '删除失败，请重试');
        }
        await loaded.reload();
      },
    });
  }

  return (
    <Space vertical size={16} style={{ width: '100%' }}>
      <Card title="Webhook">
        <Typography.Paragraph type="secondary">
          登记贵单位系统的接收地址后，学生提交、学生确认或退回、学校确认、取消等网签事件将以带签名的 POST 请求推送到该地址。本单位的所有账号共用这些地址。
        </Typography.Paragraph>
        <LoadState loaded={loaded}>
          {(items) => (
            <Table<WebhookEndpoint>
              rowKey="id"
              dataSource={items}
              pagination={false}
              scroll={{ x: 720 }}
              locale={{ emptyText: <Empty description="尚未登记 Webhook 地址" /> }}
              columns={[
                {
                  title: '地址',
                  key: 'url',
                  width: 320,
                  render: (_, e) => (
                    <Space vertical size={0}>
                      <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                        {e.url}
                      </Typography.Text>
                      {e.description && <Typography.Text type="secondary">{e.description}</Typography.Text>}
                    </Space>
                  ),
                },
                {
                  title: '推送情况',
                  key: 'stats',
                  render: (_, e) => (
                    <Space vertical size={0}>
                      <span>
                        成功 {e.stats.delivered} · 待推送 {e.stats.pending} · 失败 {e.stats.failed}
                      </span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        最近成功：{e.stats.lastDeliveredAt ? beijingTime(e.stats.lastDeliveredAt) : '—'}
                      </Typography.Text>
                    </Space>
                  ),
                },
                { title: '添加时间', dataIndex: 'createdAt', key: 'createdAt', render: (at: string) => beijingTime(at) },
                {
                  title: '操作',
                  key: 'actions',
                  fixed: 'right',
                  render: (_, e) => (
                    <Button size="small" danger onClick={() => confirmDelete(e)}>
                      删除
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </LoadState>
      </Card>
      <Card title="添加 Webhook 地址">
        <AddWebhook
          onCreated={(c) => {
            setCreated(c);
            void loaded.reload();
          }}
        />
      </Card>
      {created && <SecretModal created={created} onClose={() => setCreated(undefined)} />}
    </Space>
  );
}
