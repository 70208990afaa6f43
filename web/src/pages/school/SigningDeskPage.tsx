/**
 * /school — 网上签约管理 › 学生就业方案变更审核: the school's table of its students' signings (by
 * default those 待学校确认), one keyset page at a time, with the source's columns. The admin ticks
 * rows (only those awaiting the school can be ticked) and chooses 确认同步至就业方案库 — the agreement
 * becomes the student's 就业方案 and the signing ends — or 退回 with a reason (back to the employer).
 * Each row's 处理信息 then says what happened to it; 导出 CSV downloads every row the filters match.
 */
import { Alert, App, Button, Card, Flex, Form, Select, Space, Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { DeskRow } from '../../api/types';
import { inboxChanged } from '../../components/inbox';
import { LoadState } from '../../components/LoadState';
import { applyFieldIssues } from '../../lib/form-errors';
import { useSubmit } from '../../lib/use-submit';
import { ApiError } from '../../api/client';
import { AgreementPreviewModal, type PreviewTarget } from './AgreementPreviewModal';
import { type BatchKind, type RowOutcome, runBatch } from './batch';
import { BatchSummary, DeskToolbar } from './DeskToolbar';
import { deskColumns } from './desk-columns';
import { DeskFilters } from './DeskFilters';
import { type DeskFilter, type SortField, PAGE_SIZES, csvHrefOf, filterOf, isDefaultView, searchParamsOf, sortOf } from './desk-query';
import { ReasonModal } from './ReasonModal';
import { useDeskPage } from './use-desk-page';

/** The CSV export's cap (api/desk/desk.ts CSV_MAX_ROWS). */
const CSV_MAX_ROWS = 100_000;

/** State that belongs to one filter: a new filter starts it afresh. */
function useFilterState<T>(key: string, initial: T): [T, (value: T) => void] {
  const [state, setState] = useState<{ key: string; value: T }>({ key, value: initial });
  const value = state.key === key ? state.value : initial;
  return [value, (next: T) => setState({ key, value: next })];
}

/** A row can be ticked while it awaits the school (and no action since said otherwise). */
function canAct(row: DeskRow, outcomes: ReadonlyMap<string, RowOutcome>): boolean {
  const outcome = outcomes.get(row.id);
  if (outcome?.ok || (outcome?.status && outcome.status !== 'PENDING_SCHOOL')) return false;
  return row.allowedActions.includes('schoolConfirm');
}

export function SigningDeskPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterOf(params), [params]);
  const filterKey = JSON.stringify(filter);
  const page = useDeskPage(filter);
  const [form] = Form.useForm();
  const [selected, setSelected] = useFilterState<string[]>(filterKey, []);
  const [outcomes, setOutcomes] = useFilterState<ReadonlyMap<string, RowOutcome>>(filterKey, new Map());
  const [summary, setSummary] = useFilterState<{ kind: BatchKind; succeeded: number; failed: number } | null>(filterKey, null);
  const [preview, setPreview] = useState<PreviewTarget | null>(null);
  const [returning, setReturning] = useState(false);

  const batch = useSubmit(async (key: string, kind: BatchKind, ids: string[], reason?: string) => {
    const result = await runBatch(kind, key, ids, reason);
    return { kind, ...result };
  });

  async function act(kind: BatchKind, reason?: string) {
    const ids = selected;
    if (ids.length === 0) return;
    const result = await batch.run(kind, ids, reason);
    if (!result) return;
    setOutcomes(new Map([...outcomes, ...result.outcomes]));
    setSelected(selected.filter((id) => !result.outcomes.has(id)));
    setSummary({ kind: result.kind, succeeded: result.succeeded, failed: result.failed });
    const text = `成功 ${result.succeeded} 条，失败 ${result.failed} 条`;
    if (result.failed === 0) void message.success(text);
    else void message.warning(text);
    inboxChanged();
  }

  function confirmSelected() {
    act('confirm').catch((err: unknown) => void message.error(err instanceof Error ? err.message : String(err)));
  }

  function search(next: DeskFilter) {
    setParams(searchParamsOf(next));
  }

  function refresh() {
    setOutcomes(new Map());
    setSummary(null);
    void page.loaded.reload();
  }

  // A problem with a filter value (400 query.<name>) beside its field.
  const loadError = page.loaded.error;
  const filterIssues = useMemo(
    () => (loadError instanceof ApiError ? loadError.fieldIssues.filter((i) => i.path.startsWith('query.')) : []),
    [loadError],
  );
  useEffect(() => {
    if (filterIssues.length) applyFieldIssues(form, filterIssues, ['query']);
  }, [form, filterIssues]);

  const columns = deskColumns({
    outcomes,
    sort: sortOf(filter),
    onPreview: (row) => setPreview({ id: row.id, studentName: row.student.name }),
  });
  const data = page.loaded.data;
  const rows = data?.items ?? [];
  const total = data?.total;
  const first = rows.length ? page.offset + 1 : 0;
  const last = page.offset + rows.length;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        网上签约管理
      </Typography.Title>
      <Card
        title={
          <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
            学生就业方案变更审核
          </Typography.Title>
        }
        styles={{ body: { paddingTop: 12 } }}
      >
        <DeskFilters form={form} filter={filter} onSearch={search} loading={page.loaded.loading} />

        <DeskToolbar
          actions={
            <>
              <Button type="primary" disabled={selected.length === 0} loading={batch.submitting} onClick={confirmSelected}>
                确认同步至就业方案库
              </Button>
              <Button danger disabled={selected.length === 0 || batch.submitting} onClick={() => setReturning(true)}>
                退回
              </Button>
            </>
          }
          csvHref={csvHrefOf(filter)}
          csvRefusal={total !== undefined && total > CSV_MAX_ROWS ? `超过导出上限 ${CSV_MAX_ROWS} 条，请缩小筛选范围` : undefined}
          onRefresh={refresh}
          refreshing={page.loaded.loading}
          selectedCount={selected.length}
          hint="勾选“待学校确认”的记录后可确认或退回"
          onClearSelection={() => setSelected([])}
        />

        {summary && (
          <BatchSummary
            what={summary.kind === 'confirm' ? '确认同步至就业方案库' : '退回'}
            succeeded={summary.succeeded}
            failed={summary.failed}
            failedHint="失败的原因见各行“处理信息”。"
            doneHint={summary.kind === 'confirm' ? '已同步的记录网签结束；点击“刷新列表”查看最新的待确认记录。' : undefined}
            onClose={() => setSummary(null)}
          />
        )}
        {loadError && data && filterIssues.length === 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={loadError.message}
            action={
              <Button size="small" onClick={() => void page.loaded.reload()}>
                重试
              </Button>
            }
          />
        )}

        {filterIssues.length > 0 && !data ? (
          <Alert type="error" showIcon title="筛选条件有误，请按提示修改后重新查询" />
        ) : (
          <LoadState loaded={page.loaded}>
            {() => (
              <>
                <Table<DeskRow>
                  rowKey="id"
                  size="middle"
                  columns={columns}
                  dataSource={rows}
                  loading={page.loaded.loading}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  sticky
                  locale={{ emptyText: isDefaultView(filter) ? '暂无待学校确认的记录' : '暂无符合条件的记录' }}
                  onChange={(_pagination, _filters, sorter) => {
                    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<DeskRow> | undefined;
                    const field = s?.columnKey as SortField | undefined;
                    if (!field || !s?.order) return;
                    search({ ...filter, sort: `${field}.${s.order === 'ascend' ? 'asc' : 'desc'}` });
                  }}
                  rowSelection={{
                    type: 'checkbox',
                    fixed: true,
                    columnWidth: 110,
                    preserveSelectedRowKeys: true,
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys.map(String)),
                    columnTitle: (checkbox) => (
                      <Space size={6}>
                        {checkbox}
                        <span>当前流程</span>
                      </Space>
                    ),
                    getTitleCheckboxProps: () => ({ 'aria-label': '全选本页待学校确认的记录' }),
                    getCheckboxProps: (row) => ({
                      disabled: !canAct(row, outcomes),
                      'aria-label': `选择 ${row.student.name}（${row.student.examineeNo}）`,
                    }),
                  }}
                />
                <Flex wrap gap={8} align="center" justify="space-between" style={{ marginTop: 12 }}>
                  <Typography.Text aria-live="polite">
                    {total === undefined
                      ? `当前显示 ${first} 到 ${last} 条`
                      : `当前显示 ${first} 到 ${last} 条，共 ${total} 条记录`}
                  </Typography.Text>
                  <Flex wrap gap={8} align="center">
                    <Select
                      aria-label="每页条数"
                      value={filter.limit}
                      onChange={(limit: number) => search({ ...filter, limit })}
                      options={PAGE_SIZES.map((n) => ({ value: n, label: `每页 ${n} 条` }))}
                      style={{ width: 116 }}
                    />
                    <Space size={8}>
                      <Button onClick={page.previous} disabled={!page.hasPrevious || page.loaded.loading}>
                        上一页
                      </Button>
                      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                        第 {page.pageNumber} 页
                      </Typography.Text>
                      <Button onClick={page.next} disabled={!page.hasNext}>
                        下一页
                      </Button>
                    </Space>
                  </Flex>
                </Flex>
              </>
            )}
          </LoadState>
        )}
      </Card>

      <AgreementPreviewModal target={preview} onClose={() => setPreview(null)} />
      <ReasonModal
        open={returning}
        title="退回用人单位"
        label="退回原因"
        okText="确认退回"
        danger
        description={`将选中的 ${selected.length} 条记录退回用人单位修改就业协议书，学生与用人单位都会收到通知。`}
        onSubmit={(reason) => act('return', reason)}
        onClose={() => setReturning(false)}
      />
    </Space>
  );
}
