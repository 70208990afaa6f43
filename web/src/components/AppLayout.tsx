/**
 * The frame of every signed-in page: the portal's name, the party's menu, the inbox with its unread
 * badge, who is signed in and 退出登录. At phone width the menu folds into its overflow.
 */
import { BellOutlined, LogoutOutlined } from '@ant-design/icons';
import { Badge, Button, Layout, Menu, Space, Typography } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { useMe, useSession } from '../session/SessionProvider';
import { useUnreadCount } from './inbox';

const MENUS: Record<Role, { key: string; label: string }[]> = {
  student: [
    { key: '/student', label: '个人中心' },
    { key: '/student/plan', label: '就业方案填报' },
  ],
  employer: [
    { key: '/employer', label: '网上签约' },
    { key: '/employer/templates', label: '协议模板' },
    { key: '/employer/webhooks', label: 'Webhook' },
  ],
  school: [
    { key: '/school', label: '学生就业方案变更审核' },
    { key: '/school/rescissions', label: '解约审批' },
    { key: '/school/students', label: '学生名单' },
  ],
};

export function AppLayout() {
  const me = useMe();
  const { signOut } = useSession();
  const location = useLocation();
  const unread = useUnreadCount();
  const items = MENUS[me.role];
  // The longest menu key the path starts with is the current one.
  const selected = items
    .map((i) => i.key)
    .filter((key) => location.pathname === key || location.pathname.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        <Link to={`/${me.role}`} style={{ fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap', color: '#1677ff' }}>
          网上签约
        </Link>
        <Menu
          mode="horizontal"
          selectedKeys={selected ? [selected] : []}
          items={items.map((i) => ({ key: i.key, label: <Link to={i.key}>{i.label}</Link> }))}
          style={{ flex: 1, minWidth: 0, borderBottom: 'none' }}
        />
        <Space size="middle" align="center">
          <Link to={`/${me.role}/notifications`} aria-label={unread ? `通知，${unread} 条未读` : '通知'}>
            <Badge count={unread} size="small">
              <BellOutlined style={{ fontSize: 18 }} />
            </Badge>
          </Link>
          <Typography.Text className="hide-on-phone" ellipsis style={{ maxWidth: 200, display: 'block', lineHeight: 1.5 }}>
            {me.name}（{me.roleLabel}）
          </Typography.Text>
          <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
            退出登录
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content>
        <div className="page">
          <Outlet />
        </div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c' }}>网上签约 · 高校毕业生就业协议书网上签约服务</Layout.Footer>
    </Layout>
  );
}
