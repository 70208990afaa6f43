/**
 * 登录: 用户名, 密码, 登录. After signing in, back to the page the user was sent away from (`?next=`,
 * same-site paths only), else to the party's home. Says why the user is here when a session ended.
 */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import type { Role } from '../api/types';
import { HOME_OF, useSession } from '../session/SessionProvider';

/** Only a path of this site (`/student…`), never `//evil.example` or a full URL. */
function safeNext(next: string | null, role: Role): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return HOME_OF[role];
  // A link to another party's pages would only bounce: go home instead.
  const section = next.split(/[/?#]/)[1];
  return section === role ? next : HOME_OF[role];
}

export function LoginPage() {
  const { session, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  if (session.status === 'signed-in') return <Navigate to={safeNext(params.get('next'), session.me.role)} replace />;
  const reason = session.status === 'anonymous' ? session.reason : undefined;

  async function onFinish(values: { username: string; password: string }) {
    setSubmitting(true);
    setError(undefined);
    try {
      const me = await signIn(values.username.trim(), values.password);
      void navigate(safeNext(params.get('next'), me.role), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '登录失败，请稍后重试');
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          网上签约
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          高校毕业生就业协议书网上签约 · 学生、用人单位、学校管理员登录
        </Typography.Paragraph>
        {reason && !error && <Alert type="warning" showIcon title={reason} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} disabled={submitting}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          学生账号由学校导入，初始密码请向学校就业指导中心索取；用人单位可自助注册。本机演示环境的账号与密码见启动时的终端输出（.data/demo-logins.json）。
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
