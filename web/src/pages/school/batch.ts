/**
 * The school's batch actions on the selected rows: 确认同步至就业方案库 (POST /api/signings/school-confirm
 * `{ids}`), 退回 (POST /api/signings/school-return `{ids, reason}`) and, in 解约审批, 批量批准
 * (POST /api/school/rescissions/approve `{ids}`: request ids). The server takes at most 100
 * ids a request; a larger selection goes in chunks, each with the submit's Idempotency-Key and its
 * chunk number, so a retry of the same submit acts on no signing twice. Every id gets its own
 * outcome, shown in its row's 处理信息.
 */
import { api } from '../../api/client';
import type { BatchResponse, BatchResult, SigningStatus } from '../../api/types';

export const BATCH_MAX_IDS = 100;

export type BatchKind = 'confirm' | 'return' | 'approveRescission';

/** What a row's 处理信息 says after a batch action. */
export interface RowOutcome {
  ok: boolean;
  text: string;
  status?: SigningStatus;
  statusLabel?: string;
}

const OK_TEXT: Record<BatchKind, string> = { confirm: '已同步至就业方案库', return: '已退回用人单位', approveRescission: '已批准解约，协议已解除' };

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The status a refusal reports (409 CONFLICT `details.status` and `statusLabel`), if any. */
function statusOfRefusal(result: Extract<BatchResult, { ok: false }>): Pick<RowOutcome, 'status' | 'statusLabel'> {
  const details = result.error.details as { status?: unknown; statusLabel?: unknown } | undefined;
  return {
    ...(typeof details?.status === 'string' ? { status: details.status as SigningStatus } : {}),
    ...(typeof details?.statusLabel === 'string' ? { statusLabel: details.statusLabel } : {}),
  };
}

export async function runBatch(
  kind: BatchKind,
  idempotencyKey: string,
  ids: readonly string[],
  reason?: string,
): Promise<{ outcomes: Map<string, RowOutcome>; succeeded: number; failed: number }> {
  const parts = chunks(ids, BATCH_MAX_IDS);
  const results: BatchResult[] = [];
  for (const [index, part] of parts.entries()) {
    const headers = { 'Idempotency-Key': parts.length === 1 ? idempotencyKey : `${idempotencyKey}:${index + 1}` };
    const { data } =
      kind === 'confirm'
        ? await api.POST('/api/signings/school-confirm', { body: { ids: part }, headers })
        : kind === 'return'
          ? await api.POST('/api/signings/school-return', { body: { ids: part, reason: reason ?? '' }, headers })
          : await api.POST('/api/school/rescissions/approve', { body: { ids: part }, headers });
    results.push(...(data as unknown as BatchResponse).results);
  }
  const outcomes = new Map<string, RowOutcome>();
  for (const result of results) {
    outcomes.set(
      result.id,
      result.ok
        ? { ok: true, text: OK_TEXT[kind], status: result.status, statusLabel: result.statusLabel }
        : { ok: false, text: result.error.message, ...statusOfRefusal(result) },
    );
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { outcomes, succeeded, failed: results.length - succeeded };
}
