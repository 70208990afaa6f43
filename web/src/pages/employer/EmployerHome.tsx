import { Card } from 'antd';

export function EmployerHome() {
  return <Card title="employer">TODO</Card>;
}
