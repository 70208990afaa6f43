/**
 * `/employer` 网上签约: the employer's students, by default those 待单位确认 (the source's list the
 * employer opens from 网上签约), with the other statuses and 全部 selectable, a search by 学生姓名 or
 * 考生号, a sort, keyset pages (上一页 / 下一页 over the server's cursor) and 导出 CSV of the same
 * filter. 签约 opens the wizard for the students whose signing awaits the employer; 查看 the detail.
 *
 * The filter lives in the URL (?status=&q=&sort=), so a reload or a shared link shows the same list.
 */
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { DeskPage, DeskRow } from '../../api/types';
import { LoadState } from '../../components/LoadState';
import { beijingTime } from '../../lib/beijing-time';
import { useLoad } from '../../lib/use-load';
import { type DeskFilter, PAGE_SIZE, SORT_OPTIONS, STATUS_OPTIONS, apiQueryOf, csvHrefOf, filterOf, searchParamsOf } from './desk-query';
import { ButtonLink } from './ButtonLink';
import { StatusTag } from '../../components/StatusTag';
import { RescissionTag, isPendingRescission } from '../../components/rescission/RescissionTag';

function emptyText(filter: DeskFilter): string {
  if (filter.q) return `没有姓名、考生号或协议书编号含“${filter.q}”的学生`;
  if (filter.status === 'PENDING_EMPLOYER') return '暂无待单位确认的学生';
  const label = STATUS_OPTIONS.find((o) => o.value === filter.status)?.label;
  return filter.status === 'all' ? '暂无学生' : `暂无${label}的学生`;
}

export function SigningsListPage() {
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const filterKey = JSON.stringify(filter);
  // The cursors of the pages seen so far under this filter: page n is fetched with cursors[n].
  const [paging, setPaging] = useState<{ filterKey: string; cursors: (string | undefined)[] }>({ filterKey, cursors: [undefined] });
  const cursors = paging.filterKey === filterKey ? paging.cursors : [undefined];
  const page = cursors.length - 1;
  const cursor = cursors[page];
  const [search, setSearch] = useState(filter.q);

  const loaded = useLoad(async () => {
    const { data } = await api.GET('/api/employer/signings', {
      params: { query: { ...apiQueryOf(filter), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
    });
    return data as unknown as DeskPage;
  }, [filterKey, cursor]);

  function update(next: Partial<DeskFilter>) {
    setParams(searchParamsOf({ ...filter, ...next }), { replace: true });
  }

  const columns: ColumnsType<DeskRow> = [
    { title: '学生姓名', dataIndex: ['student', 'name'], key: 'name', render: (name: string, row) => <Link to={`/employer/signings/${row.id}`}>{name}</Link> },
    { title: '考生号', dataIndex: ['student', 'examineeNo'], key: 'examineeNo' },
    { title: '学校', dataIndex: ['school', 'name'], key: 'school' },
    {
      title: '处理状态',
      key: 'status',
      render: (_, row) => (
        <Space vertical size={2}>
          <StatusTag status={row.status} label={row.statusLabel} />
          {row.processInfo?.action === 'return' && row.status === 'PENDING_EMPLOYER' && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              已退回{row.processInfo.reason ? `：${row.processInfo.reason}` : ''}
            </Typography.Text>
          )}
          {row.rescission && isPendingRescission(row.rescission.status) && (
            <RescissionTag status={row.rescission.status} label={row.rescission.statusLabel} prefixed />
          )}
        </Space>
      ),
    },
    { title: '截止时间', dataIndex: 'deadlineAt', key: 'deadline', render: (at: string | null) => (at ? beijingTime(at) : '—') },
    { title: '提交时间', dataIndex: 'submittedAt', key: 'submitted', responsive: ['lg'], render: (at: string) => beijingTime(at) },
  ];
  columns.splice(2, 0, { title: '协议书编号', dataIndex: 'agreementNo', key: 'agreementNo', responsive: ['md'] });
  columns.push({
    title: '操作',
    key: 'actions',
    fixed: 'right',
    render: (_, row) => (
      <Space size="small" wrap>
        {row.allowedActions.includes('employerSign') && (
          <ButtonLink type="primary" size="small" to={`/employer/signings/${row.id}/sign`}>
            签约
          </ButtonLink>
        )}
        <Link to={`/employer/signings/${row.id}`}>查看</Link>
      </Space>
    ),
  });

  return (
    <Card
      title="网上签约"
      extra={
        <a href={csvHrefOf(filter)} download>
          <DownloadOutlined aria-hidden /> 导出 CSV
        </a>
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Select
          aria-label="处理状态"
          value={filter.status}
          options={STATUS_OPTIONS}
          onChange={(status) => update({ status })}
          style={{ width: 140 }}
        />
        <Input.Search
          aria-label="搜索学生姓名、考生号或协议书编号"
          placeholder="学生姓名、考生号或协议书编号"
          allowClear
          value={search}
          maxLength={50}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => update({ q: q.trim() })}
          enterButton="搜索"
          style={{ flex: '1 1 240px', maxWidth: 360 }}
        />
        <Select aria-label="排序" value={filter.sort} options={[...SORT_OPTIONS]} onChange={(sort) => update({ sort })} style={{ width: 190 }} />
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void loaded.reload()} loading={loaded.loading && loaded.data !== undefined}>
          刷新
        </Button>
      </Flex>
      <LoadState loaded={loaded}>
        {(data) => (
          <>
            <Table<DeskRow>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={data.items}
              loading={loaded.loading}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={emptyText(filter)} /> }}
            />
            <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 16 }}>
              <Typography.Text type="secondary">
                共 {data.total} 名学生{data.total > PAGE_SIZE ? `，第 ${page + 1} 页` : ''}
              </Typography.Text>
              <Space>
                <Button disabled={page === 0} onClick={() => setPaging({ filterKey, cursors: cursors.slice(0, -1) })}>
                  上一页
                </Button>
                <Button
                  disabled={!data.nextCursor}
                  onClick={() => data.nextCursor && setPaging({ filterKey, cursors: [...cursors, data.nextCursor] })}
                >
                  下一页
                </Button>
              </Space>
            </Flex>
          </>
        )}
      </LoadState>
    </Card>
  );
}
