/**
 * The columns of 解约审批: 状态 first (or what an action just did to the row), as 处理状态 leads in
 * 学生就业方案变更审核, so it stays in sight when the table scrolls; then 协议书编号 (to the signing's
 * page), 学生, 考生号, 已解约次数 (the student's approved 解约 against the school's limit, red once
 * reached: what the decision turns on, so before the wide columns), 用人单位, 提出方, 原因 (and a
 * rejection's), 解约函 (下载), 办理期限 and 操作 (批准 / 拒绝 while the request awaits the school).
 */
import { Button, Space, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { RescissionDeskRow, RescissionStatus } from '../../api/types';
import { RescissionTag } from '../../components/rescission/RescissionTag';
import { letterHref } from '../../components/rescission/rescission-api';
import { beijingTime } from '../../lib/beijing-time';

/** What an action just did to a row: its request's new status, or why it failed. */
export interface RescissionOutcome {
  ok: boolean;
  text: string;
  status?: RescissionStatus;
  statusLabel?: string;
}

export interface RescissionColumnOptions {
  /** By the row's (rescission) id. */
  outcomes: ReadonlyMap<string, RescissionOutcome>;
  canAct(row: RescissionDeskRow): boolean;
  busy: boolean;
  onApprove(row: RescissionDeskRow): void;
  onReject(row: RescissionDeskRow): void;
}

function StatusCell({ row, outcome }: { row: RescissionDeskRow; outcome: RescissionOutcome | undefined }) {
  return (
    <Space orientation="vertical" size={2}>
      <RescissionTag status={outcome?.status ?? row.status} label={outcome?.statusLabel ?? row.statusLabel} />
      {outcome ? (
        <Typography.Text type={outcome.ok ? 'success' : 'danger'} data-row-outcome={outcome.ok ? 'ok' : 'failed'} style={{ fontSize: 12 }}>
          {outcome.text}
        </Typography.Text>
      ) : (
        row.awaiting && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.awaiting === 'school' ? '等待本校审批' : `等待${row.awaitingLabel ?? '对方'}同意`}
          </Typography.Text>
        )
      )}
    </Space>
  );
}

export function rescissionColumns({ outcomes, canAct, busy, onApprove, onReject }: RescissionColumnOptions): ColumnsType<RescissionDeskRow> {
  return [
    { title: '状态', key: 'status', width: 100, render: (_, row) => <StatusCell row={row} outcome={outcomes.get(row.id)} /> },
    {
      title: '协议书编号',
      key: 'agreementNo',
      width: 150,
      render: (_, row) => (
        <Link to={`/school/signings/${row.signingId}`} title="查看网签详情" style={{ whiteSpace: 'nowrap' }}>
          {row.agreementNo}
        </Link>
      ),
    },
    { title: '学生', key: 'student', width: 80, render: (_, row) => row.student.name },
    { title: '考生号', key: 'examineeNo', width: 120, render: (_, row) => row.student.examineeNo },
    {
      title: '已解约次数',
      key: 'approvedCount',
      width: 90,
      render: (_, row) => {
        const reached = row.approvedCount >= row.limit;
        const text = `${row.approvedCount} / ${row.limit}`;
        return reached ? (
          <Tooltip title={`已达本校解约次数上限（${row.limit} 次）`}>
            <Typography.Text type="danger">{text}</Typography.Text>
          </Tooltip>
        ) : (
          text
        );
      },
    },
    {
      title: '用人单位',
      key: 'employer',
      width: 150,
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <span>{row.employer.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.employer.creditCode}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '提出方', key: 'requestedBy', width: 70, render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{row.requestedBy.roleLabel}</span> },
    {
      title: '原因',
      key: 'reason',
      width: 150,
      render: (_, row) => (
        <Space orientation="vertical" size={2} style={{ maxWidth: 150 }}>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: row.reason }} style={{ margin: 0 }}>
            {row.reason}
          </Typography.Paragraph>
          {row.decisionReason && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              拒绝原因：{row.decisionReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '解约函',
      key: 'letter',
      width: 70,
      render: (_, row) =>
        row.hasLetter ? (
          <Typography.Link href={letterHref(row.signingId, row.id)} download aria-label={`下载 ${row.student.name} 的解约函`}>
            下载
          </Typography.Link>
        ) : (
          <Typography.Text type="secondary">未附</Typography.Text>
        ),
    },
    {
      title: '办理期限',
      key: 'deadlineAt',
      width: 120,
      render: (_, row) => <span style={{ display: 'inline-block', maxWidth: 120 }}>{beijingTime(row.deadlineAt)}</span>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, row) =>
        canAct(row) ? (
          <Space size={4}>
            <Button type="link" size="small" style={{ paddingInline: 0 }} disabled={busy} onClick={() => onApprove(row)} aria-label={`批准 ${row.student.name} 的解约申请`}>
              批准
            </Button>
            <Button type="link" size="small" danger disabled={busy} onClick={() => onReject(row)} aria-label={`拒绝 ${row.student.name} 的解约申请`}>
              拒绝
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];
}
