/**
 * /school/rescissions — 解约审批: the school's table of its students' 解约 requests (by default those
 * 待学校审批), one keyset page at a time, with what the school needs to decide (who asked and why,
 * the 解约函, how many 解约 the student already had against the school's limit). Per row 批准 (after a
 * confirmation) or 拒绝 (with a reason); or tick rows awaiting the school and 批量批准 — each row
 * then says what happened to it, as 学生就业方案变更审核 does. 导出 CSV downloads every request the
 * filters match.
 */
import { Alert, App, Button, Card, Flex, Form, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { RescissionDeskPage as DeskPageData, RescissionDeskRow } from '../../api/types';
import { inboxChanged } from '../../components/inbox';
import { LoadState } from '../../components/LoadState';
import { answerRescission } from '../../components/rescission/rescission-api';
import { applyFieldIssues } from '../../lib/form-errors';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useSubmit } from '../../lib/use-submit';
import { runBatch } from './batch';
import { BatchSummary, DeskToolbar } from './DeskToolbar';
import { ReasonModal } from './ReasonModal';
import { type RescissionOutcome, rescissionColumns } from './rescission-columns';
import {
  RESCISSION_PAGE_SIZE,
  type RescissionFilter,
  isDefaultRescissionView,
  rescissionApiQueryOf,
  rescissionCsvHrefOf,
  rescissionFilterOf,
  rescissionSearchParamsOf,
} from './rescission-desk-query';
import { RescissionFilters } from './RescissionFilters';

const APPROVED = { status: 'APPROVED', statusLabel: '已批准' } as const;

/** State that belongs to one filter: a new filter starts it afresh. */
function useFilterState<T>(key: string, initial: T): [T, (value: T) => void] {
  const [state, setState] = useState<{ key: string; value: T }>({ key, value: initial });
  const value = state.key === key ? state.value : initial;
  return [value, (next: T) => setState({ key, value: next })];
}

export function RescissionDeskPage() {
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => rescissionFilterOf(params), [params]);
  const filterKey = JSON.stringify(filter);
  const [form] = Form.useForm();
  const [selected, setSelected] = useFilterState<string[]>(filterKey, []);
  const [outcomes, setOutcomes] = useFilterState<ReadonlyMap<string, RescissionOutcome>>(filterKey, new Map());
  const [summary, setSummary] = useFilterState<{ succeeded: number; failed: number } | null>(filterKey, null);
  const [rejecting, setRejecting] = useState<RescissionDeskRow | null>(null);

  const page = useCursorPages(filterKey, async (cursor) => {
    const { data } = await api.GET('/api/school/rescissions', {
      params: { query: { ...rescissionApiQueryOf(filter), limit: RESCISSION_PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
    });
    return data as unknown as DeskPageData;
  });
  const rows = page.loaded.data?.items ?? [];

  /** A row can be acted on while its request awaits the school (and no action since said otherwise). */
  const canAct = (row: RescissionDeskRow) => row.status === 'PENDING_SCHOOL' && !outcomes.get(row.id)?.ok;

  const batch = useSubmit(async (key: string, picked: RescissionDeskRow[]) => {
    const result = await runBatch('approveRescission', key, picked.map((r) => r.id));
    return { picked, ...result };
  });
  const single = useSubmit((key: string, row: RescissionDeskRow, reason?: string) =>
    answerRescission(key, row.signingId, row.id, reason === undefined ? 'approve' : 'reject', reason),
  );

  function record(next: Map<string, RescissionOutcome>) {
    setOutcomes(new Map([...outcomes, ...next]));
    setSelected(selected.filter((id) => !next.get(id)?.ok));
    inboxChanged();
  }

  async function approveSelected() {
    const picked = rows.filter((r) => selected.includes(r.id) && canAct(r));
    if (picked.length === 0) return;
    try {
      const result = await batch.run(picked);
      if (!result) return;
      // The batch answers by request id, as the table's rows are.
      const next = new Map<string, RescissionOutcome>();
      for (const row of result.picked) {
        const outcome = result.outcomes.get(row.id);
        if (outcome) next.set(row.id, outcome.ok ? { ok: true, text: outcome.text, ...APPROVED } : { ok: false, text: outcome.text });
      }
      record(next);
      setSummary({ succeeded: result.succeeded, failed: result.failed });
      const text = `成功 ${result.succeeded} 条，失败 ${result.failed} 条`;
      if (result.failed === 0) void message.success(text);
      else void message.warning(text);
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  }

  /** One row's 批准 or 拒绝: its outcome in the row; a refusal (409: it moved on) said there too. */
  async function answer(row: RescissionDeskRow, reason?: string): Promise<void> {
    try {
      if (!(await single.run(row, reason))) return;
      const done = reason === undefined ? { ok: true, text: '已批准解约，协议已解除', ...APPROVED } : { ok: true, text: '已拒绝解约', status: 'REJECTED' as const, statusLabel: '已拒绝' };
      record(new Map([[row.id, done]]));
      void message.success(done.text);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        record(new Map([[row.id, { ok: false, text: err.message }]]));
        void message.error(err.message);
        return;
      }
      // The reason dialog keeps other problems beside its field.
      if (reason !== undefined) throw err;
      void message.error(err instanceof Error ? err.message : String(err));
    }
  }

  function approveOne(row: RescissionDeskRow) {
    modal.confirm({
      title: '批准解约？',
      content: `批准后 ${row.student.name}（考生号 ${row.student.examineeNo}）与 ${row.employer.name} 的协议（${row.agreementNo}）立即解除，就业方案从就业方案库撤回；学生与用人单位都会收到通知。`,
      okText: '批准解约',
      okButtonProps: { danger: true },
      cancelText: '返回',
      onOk: () => answer(row),
    });
  }

  function search(next: RescissionFilter) {
    setParams(rescissionSearchParamsOf(next));
  }

  function refresh() {
    setOutcomes(new Map());
    setSummary(null);
    void page.loaded.reload();
  }

  // A problem with a filter value (400 query.<name>) beside its field.
  const loadError = page.loaded.error;
  const filterIssues = useMemo(() => (loadError instanceof ApiError ? loadError.fieldIssues.filter((i) => i.path.startsWith('query.')) : []), [loadError]);
  useEffect(() => {
    if (filterIssues.length) applyFieldIssues(form, filterIssues, ['query']);
  }, [form, filterIssues]);

  const busy = batch.submitting || single.submitting;
  const columns = rescissionColumns({ outcomes, canAct, busy, onApprove: approveOne, onReject: setRejecting });
  const data = page.loaded.data;
  const first = rows.length ? (page.pageNumber - 1) * RESCISSION_PAGE_SIZE + 1 : 0;
  const last = (page.pageNumber - 1) * RESCISSION_PAGE_SIZE + rows.length;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        网上签约管理
      </Typography.Title>
      <Card
        title={
          <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
            解约审批
          </Typography.Title>
        }
        styles={{ body: { paddingTop: 12 } }}
      >
        <RescissionFilters form={form} filter={filter} onSearch={search} loading={page.loaded.loading} />

        <DeskToolbar
          actions={
            <Button type="primary" disabled={selected.length === 0 || single.submitting} loading={batch.submitting} onClick={() => void approveSelected()}>
              批量批准
            </Button>
          }
          csvHref={rescissionCsvHrefOf(filter)}
          onRefresh={refresh}
          refreshing={page.loaded.loading}
          selectedCount={selected.length}
          hint="勾选“待学校审批”的申请后可批量批准"
          onClearSelection={() => setSelected([])}
        />

        {summary && (
          <BatchSummary
            what="批量批准"
            succeeded={summary.succeeded}
            failed={summary.failed}
            failedHint="失败的原因见各行“状态”。"
            doneHint="已批准的协议已解除；点击“刷新列表”查看最新的待审批申请。"
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
                {/* Eleven columns: small cells, so at desktop width only 办理期限 scrolls out of sight. */}
                <Table<RescissionDeskRow>
                  rowKey="id"
                  size="small"
                  columns={columns}
                  dataSource={rows}
                  loading={page.loaded.loading}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  sticky
                  locale={{ emptyText: isDefaultRescissionView(filter) ? '暂无待学校审批的解约申请' : '暂无符合条件的解约申请' }}
                  rowSelection={{
                    type: 'checkbox',
                    fixed: true,
                    preserveSelectedRowKeys: true,
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys.map(String)),
                    getTitleCheckboxProps: () => ({ 'aria-label': '全选本页待学校审批的申请' }),
                    getCheckboxProps: (row) => ({ disabled: !canAct(row), 'aria-label': `选择 ${row.student.name}（${row.student.examineeNo}）` }),
                  }}
                />
                <Flex wrap gap={8} align="center" justify="space-between" style={{ marginTop: 12 }}>
                  <Typography.Text aria-live="polite">{`当前显示 ${first} 到 ${last} 条`}</Typography.Text>
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
              </>
            )}
          </LoadState>
        )}
      </Card>

      <ReasonModal
        open={rejecting !== null}
        title="拒绝解约"
        label="拒绝原因"
        okText="确认拒绝"
        danger
        description={
          rejecting
            ? `拒绝 ${rejecting.student.name}（考生号 ${rejecting.student.examineeNo}）与 ${rejecting.employer.name} 的解约申请：本协议继续有效，学生与用人单位都会收到通知，并看到拒绝原因。`
            : undefined
        }
        onSubmit={(reason) => (rejecting ? answer(rejecting, reason) : Promise.resolve())}
        onClose={() => setRejecting(null)}
      />
    </Space>
  );
}
