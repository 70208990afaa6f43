/**
 * The 网上签约 list's filters as URL search parameters (so a reload or a shared link shows the
 * same list), and the GET /api/employer/signings query they stand for — the same one the
 * 导出 CSV link carries, without the page's cursor and limit.
 */
import type { SigningStatus } from '../../api/types';

export const STATUS_OPTIONS: { value: SigningStatus | 'all'; label: string }[] = [
  { value: 'PENDING_EMPLOYER', label: '待单位确认' },
  { value: 'PENDING_STUDENT', label: '待学生确认' },
  { value: 'PENDING_SCHOOL', label: '待学校确认' },
  { value: 'COMPLETED', label: '已完成' },
  { value: 'CANCELLED', label: '已取消' },
  { value: 'EXPIRED', label: '已过期' },
  { value: 'RESCINDED', label: '已解约' },
  { value: 'all', label: '全部' },
];

/** `sort.order` pairs the list offers; the first is the server's default. */
export const SORT_OPTIONS = [
  { value: 'submittedAt.desc', label: '提交时间（新→旧）' },
  { value: 'submittedAt.asc', label: '提交时间（旧→新）' },
  { value: 'updatedAt.desc', label: '最近更新在前' },
  { value: 'studentName.asc', label: '学生姓名（拼音 A→Z）' },
  { value: 'examineeNo.asc', label: '考生号（从小到大）' },
] as const;

export const DEFAULT_STATUS = 'PENDING_EMPLOYER';
export const DEFAULT_SORT = SORT_OPTIONS[0].value;
export const PAGE_SIZE = 20;

export interface DeskFilter {
  status: string;
  q: string;
  sort: string;
}

export function filterOf(params: URLSearchParams): DeskFilter {
  const status = params.get('status') ?? DEFAULT_STATUS;
  const sort = params.get('sort') ?? DEFAULT_SORT;
  return {
    status: STATUS_OPTIONS.some((o) => o.value === status) ? status : DEFAULT_STATUS,
    q: (params.get('q') ?? '').trim().slice(0, 50),
    sort: SORT_OPTIONS.some((o) => o.value === sort) ? sort : DEFAULT_SORT,
  };
}

/** Only what differs from the defaults goes into the page's URL. */
export function searchParamsOf(filter: DeskFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.status !== DEFAULT_STATUS) params.set('status', filter.status);
  if (filter.q) params.set('q', filter.q);
  if (filter.sort !== DEFAULT_SORT) params.set('sort', filter.sort);
  return params;
}

type SortField = 'submittedAt' | 'updatedAt' | 'studentName' | 'examineeNo';

/** The API query for a filter (the server's names: status, q, sort, order). */
export function apiQueryOf(filter: DeskFilter): { status: string; q?: string; sort: SortField; order: 'asc' | 'desc' } {
  const [sort, order] = filter.sort.split('.') as [SortField, 'asc' | 'desc'];
  return { status: filter.status, ...(filter.q ? { q: filter.q } : {}), sort, order };
}

/** The 导出 CSV link: every row matching the filter (the server refuses a cursor or limit with csv). */
export function csvHrefOf(filter: DeskFilter): string {
  const query = new URLSearchParams({ ...apiQueryOf(filter), format: 'csv' });
  return `/api/employer/signings?${query.toString()}`;
}
