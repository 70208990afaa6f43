import { Card } from 'antd';

export function SchoolHome() {
  return <Card title="school">TODO</Card>;
}
