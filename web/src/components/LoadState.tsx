/** The loading and error states of a screen's data: a spinner, or the error with 重试. */
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import type { Loaded } from '../lib/use-load';

export function LoadState<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.error && loaded.data === undefined) {
    return (
      <Result
        status="error"
        title="加载失败"
        subTitle={loaded.error.message}
        extra={
          <Button type="primary" onClick={() => void loaded.reload()}>
            重试
          </Button>
        }
      />
    );
  }
  if (loaded.data === undefined) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin size="large" tip="正在加载…">
          <div style={{ minHeight: 48 }} />
        </Spin>
      </div>
    );
  }
  return <>{children(loaded.data)}</>;
}
