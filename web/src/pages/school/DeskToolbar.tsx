/**
 * What the school's two review tables (学生就业方案变更审核 and 解约审批) share above their rows: the
 * batch buttons (given by each page), 导出 CSV (off past the export limit), 刷新列表, what is selected
 * and how to clear it; and, after a batch, the banner with its counts.
 */
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';

export function DeskToolbar(props: {
  /** The page's batch buttons. */
  actions: ReactNode;
  csvHref: string;
  /** Why the export is off (too many rows), if it is. */
  csvRefusal?: string | undefined;
  onRefresh: () => void;
  refreshing: boolean;
  selectedCount: number;
  /** What to tick, shown while nothing is. */
  hint: string;
  onClearSelection: () => void;
}) {
  return (
    <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
      {props.actions}
      <Tooltip title={props.csvRefusal ?? '按当前筛选条件导出全部记录'}>
        <Button icon={<DownloadOutlined />} href={props.csvHref} download disabled={props.csvRefusal !== undefined}>
          导出 CSV
        </Button>
      </Tooltip>
      <Button icon={<ReloadOutlined />} onClick={props.onRefresh} disabled={props.refreshing}>
        刷新列表
      </Button>
      <Typography.Text type="secondary" aria-live="polite">
        {props.selectedCount ? `已选择 ${props.selectedCount} 条` : props.hint}
      </Typography.Text>
      {props.selectedCount > 0 && (
        <Button type="link" size="small" onClick={props.onClearSelection}>
          清空选择
        </Button>
      )}
    </Flex>
  );
}

/** `<what>：成功 n 条，失败 m 条`, with where to look for the failures or what happened to the rest. */
export function BatchSummary(props: { what: string; succeeded: number; failed: number; failedHint: string; doneHint?: string | undefined; onClose: () => void }) {
  return (
    <Alert
      type={props.failed ? 'warning' : 'success'}
      showIcon
      closable
      onClose={props.onClose}
      style={{ marginBottom: 12 }}
      title={`${props.what}：成功 ${props.succeeded} 条，失败 ${props.failed} 条`}
      description={props.failed ? props.failedHint : props.doneHint}
    />
  );
}
