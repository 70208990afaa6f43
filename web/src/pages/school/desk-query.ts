/**
 * The 学生就业方案变更审核 table's filters and sort as URL search parameters (a reload, the browser's
 * back button from a signing's page, or a shared link shows the same table), and the
 * GET /api/school/signings query they stand for — the same one the 导出 CSV link carries, without
 * the page's cursor and limit (api/desk/params.ts).
 */
import type { SigningStatus } from '../../api/types';

export const STATUS_OPTIONS: { value: SigningStatus | 'all'; label: string }[] = [
  { value: 'PENDING_SCHOOL', label: '待学校确认' },
  { value: 'PENDING_EMPLOYER', label: '待单位确认' },
  { value: 'PENDING_STUDENT', label: '待学生确认' },
  { value: 'COMPLETED', label: '已完成（已同步至就业方案库）' },
  { value: 'CANCELLED', label: '已取消' },
  { value: 'EXPIRED', label: '已过期' },
  { value: 'RESCINDED', label: '已解约' },
  { value: 'all', label: '全部' },
];

export type SortField = 'submittedAt' | 'updatedAt' | 'studentName' | 'examineeNo';
export type SortOrder = 'asc' | 'desc';

/** `field.order` pairs; the first is the server's default. */
export const SORT_OPTIONS = [
  { value: 'submittedAt.desc', label: '提交时间（新→旧）' },
  { value: 'submittedAt.asc', label: '提交时间（旧→新）' },
  { value: 'updatedAt.desc', label: '最近更新（新→旧）' },
  { value: 'updatedAt.asc', label: '最近更新（旧→新）' },
  { value: 'studentName.asc', label: '学生姓名（拼音 A→Z）' },
  { value: 'studentName.desc', label: '学生姓名（拼音 Z→A）' },
  { value: 'examineeNo.asc', label: '考生号（从小到大）' },
  { value: 'examineeNo.desc', label: '考生号（从大到小）' },
] as const;

export const PAGE_SIZES = [20, 50, 100] as const;

export const DEFAULT_STATUS = 'PENDING_SCHOOL';
export const DEFAULT_SORT = SORT_OPTIONS[0].value;
export const DEFAULT_PAGE_SIZE = 50;

export interface DeskFilter {
  status: string;
  /** Part of the student's name or 考生号. */
  q: string;
  /** Part of the 单位名称, or the start of its 社会信用代码. */
  employer: string;
  /** A GB/T 2260 code or its 2/4-digit prefix. */
  region: string;
  /** Beijing days, YYYY-MM-DD, both included. */
  submittedFrom: string;
  submittedTo: string;
  sort: string;
  limit: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (params: URLSearchParams, name: string, max: number) => (params.get(name) ?? '').trim().slice(0, max);

export function filterOf(params: URLSearchParams): DeskFilter {
  const status = params.get('status') ?? DEFAULT_STATUS;
  const sort = params.get('sort') ?? DEFAULT_SORT;
  const limit = Number(params.get('limit'));
  const day = (name: string) => {
    const value = params.get(name) ?? '';
    return DAY.test(value) ? value : '';
  };
  return {
    status: STATUS_OPTIONS.some((o) => o.value === status) ? status : DEFAULT_STATUS,
    q: text(params, 'q', 50),
    employer: text(params, 'employer', 100),
    region: text(params, 'region', 6),
    submittedFrom: day('submittedFrom'),
    submittedTo: day('submittedTo'),
    sort: SORT_OPTIONS.some((o) => o.value === sort) ? sort : DEFAULT_SORT,
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE,
  };
}

/** Only what differs from the defaults goes into the page's URL. */
export function searchParamsOf(filter: DeskFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.status !== DEFAULT_STATUS) params.set('status', filter.status);
  for (const name of ['q', 'employer', 'region', 'submittedFrom', 'submittedTo'] as const) {
    if (filter[name]) params.set(name, filter[name]);
  }
  if (filter.sort !== DEFAULT_SORT) params.set('sort', filter.sort);
  if (filter.limit !== DEFAULT_PAGE_SIZE) params.set('limit', String(filter.limit));
  return params;
}

export function sortOf(filter: DeskFilter): { sort: SortField; order: SortOrder } {
  const [sort, order] = filter.sort.split('.') as [SortField, SortOrder];
  return { sort, order };
}

export interface DeskApiQuery {
  status: string;
  q?: string;
  employer?: string;
  region?: string;
  submittedFrom?: string;
  submittedTo?: string;
  sort: SortField;
  order: SortOrder;
}

/** The API query of a filter (without the page: cursor and limit). */
export function apiQueryOf(filter: DeskFilter): DeskApiQuery {
  const query: DeskApiQuery = { status: filter.status, ...sortOf(filter) };
  for (const name of ['q', 'employer', 'region', 'submittedFrom', 'submittedTo'] as const) {
    if (filter[name]) query[name] = filter[name];
  }
  return query;
}

/** The 导出 CSV link: every row matching the filter (the server refuses a cursor or limit with csv). */
export function csvHrefOf(filter: DeskFilter): string {
  const query = new URLSearchParams({ ...apiQueryOf(filter), format: 'csv' });
  return `/api/school/signings?${query.toString()}`;
}

/** True while the table shows its default set: the signings 待学校确认 with no other filter. */
export function isDefaultView(filter: DeskFilter): boolean {
  return filter.status === DEFAULT_STATUS && !filter.q && !filter.employer && !filter.region && !filter.submittedFrom && !filter.submittedTo;
}
