/**
 * The columns of 学生就业方案变更审核, in the source's order after 当前流程 (the selection column):
 * 处理状态, 处理信息, 协议书预览, 学生姓名, 考生号, 毕业去向, 信息登记号, 社会信用代码, 单位名称,
 * 单位地区代码, 工作职位类别代码 — then 提交时间, which the table can be sorted by. Codes are shown as the
 * source shows them, with their Chinese names on hover and in the row's own page.
 */
import { Button, Space, Tooltip, Typography } from 'antd';
import type { ColumnsType, SortOrder as AntSortOrder } from 'antd/es/table/interface';
import { Link } from 'react-router';
import type { DeskRow } from '../../api/types';
import { beijingTime } from '../../lib/beijing-time';
import type { RowOutcome } from './batch';
import type { SortField, SortOrder } from './desk-query';
import { STATUS_OPTIONS } from './desk-query';
import { StatusTag } from '../../components/StatusTag';
import { RescissionTag, isPendingRescission } from '../../components/rescission/RescissionTag';

function Code({ code, name }: { code: string | null; name: string | null }) {
  if (!code) return <Typography.Text type="secondary">—</Typography.Text>;
  return name ? (
    <Tooltip title={name}>
      <span>{code}</span>
    </Tooltip>
  ) : (
    <span>{code}</span>
  );
}

function ProcessInfo({ row, outcome }: { row: DeskRow; outcome: RowOutcome | undefined }) {
  if (outcome) {
    return (
      <Typography.Text type={outcome.ok ? 'success' : 'danger'} data-row-outcome={outcome.ok ? 'ok' : 'failed'}>
        {outcome.text}
      </Typography.Text>
    );
  }
  return (
    <Space orientation="vertical" size={0}>
      <span>{row.processingStateLabel}</span>
      {row.processInfo && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {row.processInfo.text}
        </Typography.Text>
      )}
    </Space>
  );
}

export interface ColumnOptions {
  outcomes: ReadonlyMap<string, RowOutcome>;
  sort: { sort: SortField; order: SortOrder };
  onPreview(row: DeskRow): void;
}

const LABEL_OF = new Map<string, string>(STATUS_OPTIONS.map((o) => [o.value, o.label]));

function sortOrderOf(field: SortField, sort: ColumnOptions['sort']): AntSortOrder {
  if (sort.sort !== field) return null;
  return sort.order === 'asc' ? 'ascend' : 'descend';
}

export function deskColumns({ outcomes, sort, onPreview }: ColumnOptions): ColumnsType<DeskRow> {
  return [
    {
      title: '处理状态',
      key: 'status',
      width: 130,
      render: (_, row) => {
        const outcome = outcomes.get(row.id);
        const status = outcome?.status ?? row.status;
        const rescission = row.rescission && isPendingRescission(row.rescission.status) ? row.rescission : null;
        return (
          <Space orientation="vertical" size={2}>
            <StatusTag status={status} label={outcome?.statusLabel ?? LABEL_OF.get(status) ?? row.statusLabel} />
            {rescission && <RescissionTag status={rescission.status} label={rescission.statusLabel} prefixed />}
          </Space>
        );
      },
    },
    {
      title: '处理信息',
      key: 'processInfo',
      width: 220,
      render: (_, row) => <ProcessInfo row={row} outcome={outcomes.get(row.id)} />,
    },
    {
      title: '协议书预览',
      key: 'preview',
      width: 110,
      render: (_, row) =>
        row.agreementPreviewUrl ? (
          <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => onPreview(row)}>
            协议书预览
          </Button>
        ) : (
          <Typography.Text type="secondary">暂无协议</Typography.Text>
        ),
    },
    {
      title: '学生姓名',
      key: 'studentName',
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf('studentName', sort),
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (_, row) => (
        <Link to={`/school/signings/${row.id}`} title="查看网签详情">
          {row.student.name}
        </Link>
      ),
    },
    {
      title: '考生号',
      key: 'examineeNo',
      width: 150,
      sorter: true,
      sortOrder: sortOrderOf('examineeNo', sort),
      sortDirections: ['ascend', 'descend', 'ascend'],
      render: (_, row) => row.student.examineeNo,
    },
    {
      title: '协议书编号',
      key: 'agreementNo',
      width: 170,
      render: (_, row) => row.agreementNo,
    },
    {
      title: '毕业去向',
      key: 'graduationDestination',
      width: 90,
      render: (_, row) => <Code code={row.graduationDestination} name={row.graduationDestinationLabel} />,
    },
    {
      title: '信息登记号',
      key: 'infoRegistrationNo',
      width: 110,
      render: (_, row) => <Code code={row.infoRegistrationNo} name={null} />,
    },
    {
      title: '社会信用代码',
      key: 'creditCode',
      width: 190,
      render: (_, row) => row.employer.creditCode,
    },
    {
      title: '单位名称',
      key: 'employerName',
      width: 220,
      render: (_, row) => row.employer.name,
    },
    {
      title: '单位地区代码',
      key: 'regionCode',
      width: 120,
      render: (_, row) => <Code code={row.regionCode} name={row.regionName} />,
    },
    {
      title: '工作职位类别代码',
      key: 'jobCategoryCode',
      width: 150,
      render: (_, row) => <Code code={row.jobCategoryCode} name={row.jobCategoryLabel} />,
    },
    {
      title: '提交时间',
      key: 'submittedAt',
      width: 230,
      sorter: true,
      sortOrder: sortOrderOf('submittedAt', sort),
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{beijingTime(row.submittedAt)}</span>,
    },
  ];
}
