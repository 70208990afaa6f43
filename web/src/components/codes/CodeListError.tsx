/** The line under a code-list input whose list did not load: what happened, and 重试. */
import { Button, Typography } from 'antd';

export function CodeListError({ error, onRetry }: { error: Error; onRetry(): void }) {
  return (
    <Typography.Text type="danger" style={{ display: 'block', marginTop: 4, fontSize: 12 }} role="alert">
      选项加载失败：{error.message}
      <Button type="link" size="small" onClick={onRetry} style={{ paddingInline: 4 }}>
        重试
      </Button>
    </Typography.Text>
  );
}
