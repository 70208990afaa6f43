/**
 * The roster CSV a school uploads, parsed and checked row by row — a pure function of the text, no
 * database (api/roster/import-roster.ts writes what it keeps; api/roster/routes.ts serves it).
 *
 * The first row is the header, in Chinese: 考生号 and 姓名 are required columns; 专业, 学历,
 * 生源地主管单位 and 邮箱 are optional; columns may come in any order, and an unknown column is
 * refused (a misspelt 邮箱 would otherwise be dropped silently). At most 1 000 data rows.
 *
 * Each row is checked on its own (考生号 9–15 digits, 姓名 required, 学历 one of the known levels,
 * 邮箱 format, no 考生号 twice in one file); the rows that pass are kept and the others reported as
 * `{row, field, message}`, `row` being the line in the file (the header is line 1), `field` the
 * column's header (null for a problem of the whole row). A file that is not a roster at all (bad
 * header, unbalanced quotes, not UTF-8, too many rows) is refused whole.
 */
import { parse } from 'csv-parse/sync';
import { emailSchema, examineeNoSchema, optionalText, requiredText } from '../../domain/schemas';
import { z } from '../../domain/zod';
import { AppError } from '../http/errors';

export const ROSTER_MAX_BYTES = '1mb';
export const ROSTER_MAX_ROWS = 1_000;

/** Header names (Chinese, as in the school's roster) → field names. */
export const ROSTER_COLUMNS = {
  考生号: 'examineeNo',
  姓名: 'name',
  专业: 'major',
  学历: 'educationLevel',
  生源地主管单位: 'originAuthority',
  邮箱: 'email',
} as const;
type Header = keyof typeof ROSTER_COLUMNS;
type Field = (typeof ROSTER_COLUMNS)[Header];
const REQUIRED_HEADERS: readonly Header[] = ['考生号', '姓名'];
const HEADER_OF = Object.fromEntries(Object.entries(ROSTER_COLUMNS).map(([h, f]) => [f, h])) as Record<Field, Header>;

/** 学历 as stored, and the spellings a roster may use for each. */
export const EDUCATION_LEVELS = ['专科', '本科', '硕士研究生', '博士研究生'] as const;
const EDUCATION_ALIASES: Record<string, (typeof EDUCATION_LEVELS)[number]> = {
  专科: '专科',
  大专: '专科',
  高职: '专科',
  高职专科: '专科',
  本科: '本科',
  硕士: '硕士研究生',
  硕士研究生: '硕士研究生',
  研究生: '硕士研究生',
  博士: '博士研究生',
  博士研究生: '博士研究生',
};

const rowSchema = z.object({
  examineeNo: examineeNoSchema,
  name: requiredText('姓名', 50),
  major: optionalText('专业', 100),
  educationLevel: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const level = EDUCATION_ALIASES[value];
      if (!level) {
        ctx.addIssue({ code: 'custom', message: `学历应为 ${EDUCATION_LEVELS.join('、')} 之一（当前“${value}”）` });
        return z.NEVER;
      }
      return level;
    })
    .optional(),
  originAuthority: optionalText('生源地主管单位', 100),
  email: emailSchema.optional(),
});
export type RosterRow = z.infer<typeof rowSchema>;

export interface RosterError {
  /** Line in the file (the header is line 1). */
  row: number;
  /** The column's header, or null for the whole row. */
  field: string | null;
  message: string;
  examineeNo?: string;
}

export interface ParsedRoster {
  rows: { row: number; value: RosterRow }[];
  errors: RosterError[];
}

function fileError(message: string, details?: unknown): AppError {
  return new AppError('VALIDATION_FAILED', message, details ?? [{ path: 'body', message }]);
}

/**
 * Parses and checks a roster (pure): file-level problems (encoding, quoting, header, size) throw
 * 400; row-level ones are returned with the rows that passed.
 */
export function parseRoster(text: string): ParsedRoster {
  if (text.includes('\uFFFD')) {
    throw fileError('文件不是有效的 UTF-8 编码：请另存为“CSV UTF-8”，或在 Content-Type 中注明字符集（如 charset=gb18030）');
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    const lines = (err as { lines?: number }).lines;
    throw fileError(`CSV 格式错误${lines ? `（第 ${lines} 行附近）` : ''}：${err instanceof Error ? err.message : String(err)}`);
  }
  const [head, ...body] = records;
  if (!head) throw fileError('文件为空：第一行应为表头（考生号,姓名,专业,学历,生源地主管单位,邮箱）');
  if (body.length > ROSTER_MAX_ROWS) throw fileError(`一次最多导入 ${ROSTER_MAX_ROWS} 行学生，当前 ${body.length} 行：请分批导入`);

  const columns: (Field | null)[] = [];
  const headerProblems: { path: string; message: string }[] = [];
  head.record.forEach((name, i) => {
    const field = (ROSTER_COLUMNS as Record<string, Field>)[name];
    if (!field) headerProblems.push({ path: `header[${i}]`, message: `未知的列“${name}”：可用的列为 ${Object.keys(ROSTER_COLUMNS).join('、')}` });
    else if (columns.includes(field)) headerProblems.push({ path: `header[${i}]`, message: `列“${name}”重复` });
    columns.push(field ?? null);
  });
  for (const required of REQUIRED_HEADERS) {
    if (!columns.includes(ROSTER_COLUMNS[required])) headerProblems.push({ path: 'header', message: `缺少必填列“${required}”` });
  }
  if (headerProblems.length) throw fileError('表头不正确', headerProblems);

  const rows: ParsedRoster['rows'] = [];
  const errors: RosterError[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const row = info.lines;
    if (record.length > columns.length) {
      errors.push({ row, field: null, message: `本行有 ${record.length} 列，多于表头的 ${columns.length} 列（含逗号的内容请用英文双引号括起）` });
      continue;
    }
    const input: Partial<Record<Field, string>> = {};
    columns.forEach((field, i) => {
      const cell = record[i];
      if (field && cell !== undefined && cell !== '') input[field] = cell;
    });
    const examineeNo = input.examineeNo;
    const parsed = rowSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field | undefined;
        errors.push({
          row,
          field: field ? HEADER_OF[field] : null,
          message: issue.message,
          ...(examineeNo ? { examineeNo } : {}),
        });
      }
      continue;
    }
    const earlier = seen.get(parsed.data.examineeNo);
    if (earlier !== undefined) {
      errors.push({ row, field: '考生号', message: `考生号与第 ${earlier} 行重复`, examineeNo: parsed.data.examineeNo });
      continue;
    }
    seen.set(parsed.data.examineeNo, row);
    rows.push({ row, value: parsed.data });
  }
  return { rows, errors };
}
