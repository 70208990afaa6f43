/**
 * Shared helpers for the code lists: a zod schema over a list's codes with a Chinese message that
 * says the code is unknown, and a label lookup. Pure (workflow-sandbox safe).
 */
import { z } from '../zod';

/** The keys of a code→label record, in code order (all codes of a list have the same width). */
export function sortedCodes<R extends Record<string, unknown>>(record: R): [keyof R & string, ...(keyof R & string)[]] {
  const codes = Object.keys(record).sort() as (keyof R & string)[];
  if (codes.length === 0) throw new Error('empty code list');
  return codes as [keyof R & string, ...(keyof R & string)[]];
}

/**
 * `z.enum` over `codes`, after trimming surrounding whitespace as every text field does (`' 10 '` →
 * `'10'`: a code pasted from a spreadsheet keeps its spaces); an unknown code is reported as
 * `未知的<what>代码：<input>（<hint>）`, with the trimmed input. A missing value gets 此项为必填 and a
 * non-string `<what>代码应为字符串`.
 *
 * `z.preprocess`, not `z.string().trim().pipe(…)`: zod-openapi documents a preprocess by its inner
 * schema, so request bodies keep `enum: [...]` (a pipe's input side would be a bare string), and a
 * non-string still reaches the enum's own message.
 */
export function codeSchema<const C extends string>(codes: readonly [C, ...C[]], what: string, hint: string) {
  return z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), codeEnum(codes, what, hint));
}

function codeEnum<const C extends string>(codes: readonly [C, ...C[]], what: string, hint: string) {
  return z.enum(codes, {
    error: (issue) => {
      if (issue.code !== 'invalid_value') return undefined;
      if (typeof issue.input !== 'string') {
        return issue.input === undefined ? '此项为必填' : `${what}代码应为字符串，例如 "${codes[0]}"`;
      }
      return `未知的${what}代码：${issue.input}（${hint}）`;
    },
  });
}

export function lookup<R extends Record<string, string>>(record: R, code: string): R[keyof R] | undefined {
  return Object.prototype.hasOwnProperty.call(record, code) ? (record[code] as R[keyof R]) : undefined;
}

export function describeCodes(record: Record<string, string>): string {
  return sortedCodes(record)
    .map((code) => `${code} ${record[code]}`)
    .join('、');
}
