import { Card } from 'antd';

export function StudentHome() {
  return <Card title="student">TODO</Card>;
}
