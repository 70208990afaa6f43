/**
 * The 解约审批 table's filters as URL search parameters (a reload, the back button from a signing's
 * page, or a shared link shows the same table), and the GET /api/school/rescissions query they
 * stand for — the same one the 导出 CSV link carries, without the page's cursor and limit
 * (api/desk/rescission-desk.ts).
 */
import type { RescissionStatus } from '../../api/types';

export const RESCISSION_STATUS_OPTIONS: { value: RescissionStatus | 'all'; label: string }[] = [
  { value: 'PENDING_SCHOOL', label: '待学校审批' },
  { value: 'PENDING_COUNTERPARTY', label: '待对方同意' },
  { value: 'APPROVED', label: '已批准' },
  { value: 'REJECTED', label: '已拒绝' },
  { value: 'WITHDRAWN', label: '已撤回' },
  { value: 'EXPIRED', label: '已过期' },
  { value: 'all', label: '全部' },
];

export const DEFAULT_RESCISSION_STATUS = 'PENDING_SCHOOL';
export const RESCISSION_PAGE_SIZE = 50;

export interface RescissionFilter {
  status: string;
  /** Part of the student's name, 考生号 or 协议书编号. */
  q: string;
  /** Part of the 单位名称, or the start of its 社会信用代码. */
  employer: string;
}

const text = (params: URLSearchParams, name: string, max: number) => (params.get(name) ?? '').trim().slice(0, max);

export function rescissionFilterOf(params: URLSearchParams): RescissionFilter {
  const status = params.get('status') ?? DEFAULT_RESCISSION_STATUS;
  return {
    status: RESCISSION_STATUS_OPTIONS.some((o) => o.value === status) ? status : DEFAULT_RESCISSION_STATUS,
    q: text(params, 'q', 50),
    employer: text(params, 'employer', 100),
  };
}

/** Only what differs from the defaults goes into the page's URL. */
export function rescissionSearchParamsOf(filter: RescissionFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.status !== DEFAULT_RESCISSION_STATUS) params.set('status', filter.status);
  if (filter.q) params.set('q', filter.q);
  if (filter.employer) params.set('employer', filter.employer);
  return params;
}

/** The API query of a filter (without the page: cursor and limit). */
export function rescissionApiQueryOf(filter: RescissionFilter): { status: string; q?: string; employer?: string } {
  return { status: filter.status, ...(filter.q ? { q: filter.q } : {}), ...(filter.employer ? { employer: filter.employer } : {}) };
}

/** The 导出 CSV link: every request matching the filter. */
export function rescissionCsvHrefOf(filter: RescissionFilter): string {
  return `/api/school/rescissions?${new URLSearchParams({ ...rescissionApiQueryOf(filter), format: 'csv' }).toString()}`;
}

export function isDefaultRescissionView(filter: RescissionFilter): boolean {
  return filter.status === DEFAULT_RESCISSION_STATUS && !filter.q && !filter.employer;
}
