/**
 * Logins with their passwords, shown ONCE (the server keeps only a hash): after an import the new
 * students' initial passwords, after 重置密码 the new one. A clear warning, a copy button for each
 * and for all, and a CSV download made in the browser; nothing is kept after leaving the page.
 */
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Table, Typography } from 'antd';
import type { IssuedLogin } from '../../api/types';
import { downloadCsv } from './csv-file';

export const SHOWN_ONCE = '密码只显示这一次：离开或刷新本页后无法再次查看。请立即复制或下载，并通过安全渠道交给学生本人；学生登录后请修改密码。';

function stamp(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
}

export function downloadLogins(logins: readonly IssuedLogin[], name = '学生初始密码'): void {
  downloadCsv(`${name}_${stamp()}.csv`, [
    ['username', 'password', '考生号', '姓名'],
    ...logins.map((l) => [l.username, l.initialPassword, l.examineeNo, l.name]),
  ]);
}

export function IssuedLogins({ logins, onDismiss }: { logins: readonly IssuedLogin[]; onDismiss(): void }) {
  const { message } = App.useApp();

  async function copyAll() {
    const text = ['用户名\t初始密码\t姓名', ...logins.map((l) => `${l.username}\t${l.initialPassword}\t${l.name}`)].join('\n');
    try {
      await navigator.clipboard.writeText(text);
      void message.success(`已复制 ${logins.length} 个账号和密码`);
    } catch {
      void message.error('无法访问剪贴板，请使用“下载账号密码 CSV”');
    }
  }

  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={`已为 ${logins.length} 名学生创建登录账号`} description={SHOWN_ONCE} role="alert" />
      <Flex wrap gap={8}>
        <Button icon={<CopyOutlined />} onClick={() => void copyAll()}>
          复制全部账号密码
        </Button>
        <Button type="primary" icon={<DownloadOutlined />} onClick={() => downloadLogins(logins)}>
          下载账号密码 CSV
        </Button>
        <Button onClick={onDismiss}>我已保存，隐藏密码</Button>
      </Flex>
      <Table<IssuedLogin>
        rowKey="username"
        size="small"
        pagination={logins.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        dataSource={logins as IssuedLogin[]}
        columns={[
          { title: '考生号', dataIndex: 'examineeNo' },
          { title: '姓名', dataIndex: 'name' },
          { title: '用户名', dataIndex: 'username' },
          {
            title: '初始密码',
            dataIndex: 'initialPassword',
            render: (password: string) => (
              <Typography.Text code copyable={{ text: password, tooltips: ['复制密码', '已复制'] }}>
                {password}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Flex>
  );
}
