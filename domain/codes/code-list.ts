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
 * `z.enum` over `codes`; an unknown code is reported as `未知的<what>代码：<input>（<hint>）`.
 * Missing values and non-strings get the generic messages (此项为必填 / 类型错误).
 */
export function codeSchema<const C extends string>(codes: readonly [C, ...C[]], what: string, hint: string) {
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
