/**
 * Query parameters of the two desks (GET /api/school/signings, GET /api/employer/signings): one zod
 * schema per desk, their translation into the filters of api/desk/queries.ts, and the desks' keyset
 * cursor, which carries the sort it was issued for.
 *
 * Every parameter is validated; a problem is 400 VALIDATION_FAILED naming `query.<name>`.
 */
import { storableText } from '../../domain/schemas/common';
import { TRIMMED_SPACE } from '../../domain/schemas/text';
import { z } from '../../domain/zod';
import { isRegionPrefix } from '../../domain/region';
import { SIGNING_STATUSES, type SigningStatus } from '../../domain/status';
import type { DeskFilters, DeskSort, DeskSortField, SortOrder } from './queries';
import { AppError } from '../http/errors';
import { queryInteger } from '../http/validate';

export const DESK_SORT_FIELDS = ['submittedAt', 'updatedAt', 'studentName', 'examineeNo'] as const satisfies readonly DeskSortField[];
export const DESK_MAX_LIMIT = 200;
export const DESK_DEFAULT_LIMIT = 50;

/** The space a parameter may have around it (trimmed), in the documented patterns. */
const S = TRIMMED_SPACE;
/**
 * A day of the Gregorian calendar in the years 1900–2999, YYYY-MM-DD (leap days included), as the
 * documented pattern. The bound keeps every instant storable: PostgreSQL refused year 0 and offsets
 * past year 9999 with a 500 (found by Schemathesis).
 */
const CALENDAR_DAY =
  '(?:(?:(?:19|2\\d)(?:0[48]|[2468][048]|[13579][26])|2000)-02-29' +
  '|(?:19|2\\d)\\d\\d-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8])))';
export const DESK_YEARS = { min: 1900, max: 2999 } as const;
/** A time with its offset, as `z.iso.datetime({ offset: true })` takes it. */
const TIME_WITH_OFFSET = '(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)';

/** `PENDING_SCHOOL`, `PENDING_SCHOOL,COMPLETED` or `all` → the statuses, or null for all. */
const statusParam = z
  .string()
  .trim()
  .min(1, '不能为空')
  .transform((raw, ctx): SigningStatus[] | null => {
    if (raw.toLowerCase() === 'all') return null;
    const parts = raw.split(',').map((p) => p.trim()).filter((p) => p !== '');
    const unknown = parts.filter((p) => !(SIGNING_STATUSES as readonly string[]).includes(p));
    if (parts.length === 0 || unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `未知的状态：${unknown.join('、') || raw}（可选：${SIGNING_STATUSES.join('、')}，多个用逗号分隔，或 all）`,
      });
      return z.NEVER;
    }
    return [...new Set(parts)] as SigningStatus[];
  })
  .meta({
    description: `状态，多个用逗号分隔，或 all（全部）：${SIGNING_STATUSES.join('、')}`,
    override: { pattern: `^${S}*(?:[Aa][Ll][Ll]|(?:${SIGNING_STATUSES.join('|')})(?:${S}*,${S}*(?:${SIGNING_STATUSES.join('|')}))*)${S}*$` },
  });

/**
 * 单位地区: a GB/T 2260 code or its prefix. `31` or `310000` = the province with everything under it,
 * `3101` or `310100` = the prefecture (for a municipality, whose list has no 地级 rows: the same as the province), `310104` = that county only.
 * Returned as the prefix to match.
 */
const regionParam = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    if (!/^(\d{2}|\d{4}|\d{6})$/.test(raw)) {
      ctx.addIssue({ code: 'custom', message: '单位地区应为 2、4 或 6 位行政区划代码（如 31、3101、310104）' });
      return z.NEVER;
    }
    const prefix = raw.length === 6 ? raw.replace(/(00)?00$/, '') : raw;
    if (!isRegionPrefix(prefix)) {
      ctx.addIssue({ code: 'custom', message: `未知的单位地区代码：${raw}` });
      return z.NEVER;
    }
    return prefix;
  })
  .meta({
    description: '单位地区：2、4 或 6 位 GB/T 2260 行政区划代码（省 31、地市 4403 或 440300、区县 310104），含其下级',
    override: { pattern: `^${S}*(?:\\d{2}|\\d{4}|\\d{6})${S}*$` },
  });

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * A day (`2026-06-01`, a Beijing calendar day, as the school sees it) or an instant with its offset
 * (`2026-06-01T08:00:00Z`). Gives the instant the range starts at, and for `to` its exclusive end:
 * a day includes the whole day; an instant is itself included.
 */
function dateParam(bound: 'from' | 'to') {
  return z
    .string()
    .trim()
    .transform((raw, ctx) => {
      const year = Number(raw.slice(0, 4));
      if (/^\d{4}-/.test(raw) && (year < DESK_YEARS.min || year > DESK_YEARS.max)) {
        ctx.addIssue({ code: 'custom', message: `年份应在 ${DESK_YEARS.min}–${DESK_YEARS.max} 之间` });
        return z.NEVER;
      }
      const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
      if (day) {
        // Not Date.UTC: it reads the years 0–99 as 1900–1999.
        const utc = new Date(0);
        utc.setUTCFullYear(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
        const start = utc.getTime() - BEIJING_OFFSET_MS;
        const check = new Date(start + BEIJING_OFFSET_MS);
        if (check.getUTCFullYear() === Number(day[1]) && check.getUTCMonth() + 1 === Number(day[2]) && check.getUTCDate() === Number(day[3])) {
          return new Date(bound === 'from' ? start : start + DAY_MS);
        }
      } else if (z.iso.datetime({ offset: true }).safeParse(raw).success) {
        const at = new Date(raw).getTime();
        return new Date(bound === 'from' ? at : at + 1);
      }
      ctx.addIssue({ code: 'custom', message: '应为日期 YYYY-MM-DD（北京时间）或带时区的 ISO 8601 时间' });
      return z.NEVER;
    })
    .meta({
      description: `${bound === 'from' ? '提交时间起' : '提交时间止'}：日期 YYYY-MM-DD（北京时间，含当日）或带时区的 ISO 8601 时间，年份 ${DESK_YEARS.min}–${DESK_YEARS.max}`,
      override: { pattern: `^${S}*${CALENDAR_DAY}(?:T${TIME_WITH_OFFSET})?${S}*$` },
    });
}

const textParam = (label: string, max: number) =>
  storableText(z.string().trim().min(1, `${label}不能为空`), label, { max });

const baseShape = {
  status: statusParam.optional(),
  region: regionParam.optional(),
  submittedFrom: dateParam('from').optional(),
  submittedTo: dateParam('to').optional(),
  q: textParam('关键字', 50).meta({ description: '关键字：学生姓名、考生号或协议书编号（可只填一部分，如序号 000123）' }).optional(),
  sort: z.enum(DESK_SORT_FIELDS, { error: `排序字段应为 ${DESK_SORT_FIELDS.join('、')} 之一` }).default('submittedAt'),
  order: z.enum(['asc', 'desc'], { error: '排序方向应为 asc 或 desc' }).optional(),
  limit: queryInteger('每页条数', 1, DESK_MAX_LIMIT),
  cursor: z.string().max(500).optional(),
  format: z.enum(['json', 'csv'], { error: '格式应为 json 或 csv' }).default('json'),
};

type BaseQuery = z.infer<z.ZodObject<typeof baseShape>>;

function checkQuery(q: BaseQuery, ctx: z.RefinementCtx): void {
  if (q.submittedFrom && q.submittedTo && q.submittedFrom.getTime() >= q.submittedTo.getTime()) {
    ctx.addIssue({ code: 'custom', path: ['submittedTo'], message: '结束时间不能早于开始时间' });
  }
  if (q.format === 'csv') {
    // The export is every matching row; paging it would be ambiguous.
    if (q.cursor !== undefined) ctx.addIssue({ code: 'custom', path: ['cursor'], message: '导出 CSV 时不分页，请去掉 cursor' });
    if (q.limit !== undefined) ctx.addIssue({ code: 'custom', path: ['limit'], message: '导出 CSV 时不分页，请去掉 limit' });
  }
}

/** GET /api/school/signings: `employer` is a credit code (or its start) or part of the 单位名称. */
export const schoolDeskQuerySchema = z
  .object({ ...baseShape, employer: textParam('用人单位', 100).optional() })
  .strict()
  .superRefine(checkQuery);

/** GET /api/employer/signings: `school` is a school code or part of its name. */
export const employerDeskQuerySchema = z
  .object({ ...baseShape, school: textParam('学校', 100).optional() })
  .strict()
  .superRefine(checkQuery);

export type DeskQuery = BaseQuery & { employer?: string | undefined; school?: string | undefined };

export interface DeskRequest {
  filters: DeskFilters;
  sort: DeskSort;
  limit: number;
  cursor: DeskCursor | undefined;
  format: 'json' | 'csv';
}

/** The parsed query → filters (with the desk's default status), sort, page size and cursor. */
export function deskRequestOf(q: DeskQuery, defaultStatus: SigningStatus): DeskRequest {
  const sort: DeskSort = { field: q.sort, order: q.order ?? defaultOrder(q.sort) };
  const statuses = q.status === undefined ? [defaultStatus] : q.status;
  return {
    filters: {
      statuses,
      region: q.region,
      submittedFrom: q.submittedFrom,
      submittedBefore: q.submittedTo,
      keyword: q.q,
      employer: q.employer,
      school: q.school,
    },
    sort,
    limit: q.limit ?? DESK_DEFAULT_LIMIT,
    cursor: decodeDeskCursor(q.cursor, sort),
    format: q.format,
  };
}

/** Times newest first; names and numbers A→Z. */
function defaultOrder(field: DeskSortField): SortOrder {
  return field === 'submittedAt' || field === 'updatedAt' ? 'desc' : 'asc';
}

/** Position after the last row of a page: its sort key (as text, exact) and id. */
export interface DeskCursor {
  key: string;
  id: string;
}

export function encodeDeskCursor(sort: DeskSort, cursor: DeskCursor): string {
  return Buffer.from(JSON.stringify({ s: sort.field, o: sort.order, k: cursor.key, i: cursor.id })).toString('base64url');
}

const cursorPayload = z.object({
  s: z.enum(DESK_SORT_FIELDS),
  o: z.enum(['asc', 'desc']),
  k: z.string().max(300),
  i: z.string().uuid(),
});

function cursorError(message: string): AppError {
  return new AppError('VALIDATION_FAILED', '查询参数校验未通过', [{ path: 'query.cursor', message }]);
}

function decodeDeskCursor(raw: string | undefined, sort: DeskSort): DeskCursor | undefined {
  if (raw === undefined) return undefined;
  let parsed: z.infer<typeof cursorPayload>;
  try {
    parsed = cursorPayload.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw cursorError('分页游标无效');
  }
  if (parsed.s !== sort.field || parsed.o !== sort.order) throw cursorError('分页游标与当前排序不一致，请从第一页重新查询');
  if ((parsed.s === 'submittedAt' || parsed.s === 'updatedAt') && Number.isNaN(Date.parse(parsed.k))) throw cursorError('分页游标无效');
  return { key: parsed.k, id: parsed.i };
}
