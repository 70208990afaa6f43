/**
 * 重置密码: a new generated password for one student of this school, by 考生号
 * (POST /api/school/students/{examineeNo}/reset-password). The student's current password stops
 * working at once, so the admin confirms first; the new one is shown once in a Modal with a copy
 * button.
 */
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { IssuedLogin } from '../../api/types';
import { applyFieldIssues } from '../../lib/form-errors';
import { useSubmit } from '../../lib/use-submit';
import { SHOWN_ONCE, downloadLogins } from './IssuedLogins';

const EXAMINEE_NO = /^\d{9,15}$/;

export function ResetPasswordCard() {
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ examineeNo: string }>();
  const [issued, setIssued] = useState<IssuedLogin>();

  const reset = useSubmit(async (_key: string, examineeNo: string) => {
    const { data } = await api.POST('/api/school/students/{examineeNo}/reset-password', {
      params: { path: { examineeNo } },
      body: {},
    });
    return data as unknown as IssuedLogin;
  });

  async function run(examineeNo: string) {
    try {
      const answer = await reset.run(examineeNo);
      if (answer) {
        setIssued(answer);
        form.resetFields();
      }
    } catch (err) {
      const text = err instanceof ApiError && err.status === 404 ? '未找到该考生号的本校学生登录账号（请确认考生号，或先导入该学生）' : err instanceof Error ? err.message : String(err);
      const unmatched = err instanceof ApiError && err.fieldIssues.length ? applyFieldIssues(form, err.fieldIssues, ['params']) : [];
      if (!(err instanceof ApiError) || err.fieldIssues.length === 0 || unmatched.length) form.setFields([{ name: 'examineeNo', errors: [text] }]);
    }
  }

  function onFinish({ examineeNo }: { examineeNo: string }) {
    const no = examineeNo.trim();
    modal.confirm({
      title: '确认重置密码？',
      content: `将为考生号 ${no} 的学生生成新密码，原密码立即失效。`,
      okText: '确认重置',
      cancelText: '取消',
      onOk: () => run(no),
    });
  }

  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
          重置密码
        </Typography.Title>
      }
    >
      <Typography.Paragraph type="secondary">学生忘记密码时，按考生号为其生成新的初始密码。</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={onFinish} disabled={reset.submitting} style={{ rowGap: 8 }}>
        <Form.Item
          label="考生号"
          name="examineeNo"
          rules={[
            { required: true, whitespace: true, message: '请输入考生号' },
            { pattern: EXAMINEE_NO, message: '考生号应为 9–15 位数字' },
          ]}
        >
          <Input inputMode="numeric" maxLength={15} placeholder="9–15 位数字" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={reset.submitting}>
            重置密码
          </Button>
        </Form.Item>
      </Form>

      <Modal
        open={issued !== undefined}
        title="密码已重置"
        onCancel={() => setIssued(undefined)}
        mask={{ closable: false }}
        footer={[
          <Button key="csv" onClick={() => issued && downloadLogins([issued], '学生新密码')}>
            下载 CSV
          </Button>,
          <Button key="ok" type="primary" onClick={() => setIssued(undefined)}>
            我已保存
          </Button>,
        ]}
      >
        {issued && (
          <>
            <Alert type="warning" showIcon title={SHOWN_ONCE} style={{ marginBottom: 16 }} />
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'name', label: '姓名', children: issued.name },
                { key: 'examineeNo', label: '考生号', children: issued.examineeNo },
                { key: 'username', label: '用户名', children: issued.username },
                {
                  key: 'password',
                  label: '新密码',
                  children: (
                    <Typography.Text code copyable={{ text: issued.initialPassword, tooltips: ['复制密码', '已复制'] }} style={{ fontSize: 16 }}>
                      {issued.initialPassword}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </>
        )}
      </Modal>
    </Card>
  );
}
