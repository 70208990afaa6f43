/**
 * /school/students — 学生名单: importing the school's roster (导入学生名单, with the initial passwords
 * shown once) and 重置密码 for one student. The API has no endpoint listing the school's students,
 * so the page shows what an import reports rather than the whole roster.
 */
import { Space, Typography } from 'antd';
import { ImportStudentsCard } from './ImportStudentsCard';
import { ResetPasswordCard } from './ResetPasswordCard';

export function StudentsPage() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        学生名单
      </Typography.Title>
      <ImportStudentsCard />
      <ResetPasswordCard />
    </Space>
  );
}
