/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015).
 *
 * 18 characters from the 31-character alphabet `0-9A-HJ-NPQRTUWXY` (no I, O, S, V, Z). The 18th is
 * a check character: with value(c) = index of c in the alphabet and weight(i) = 3^(i-1) mod 31 for
 * positions i = 1..17, check = alphabet[(31 − Σ value×weight mod 31) mod 31].
 *
 * Pure: no Node built-ins — the Temporal workflow sandbox may import this.
 */
import { TRIMMED_SPACE } from './schemas/text';
import { z } from './zod';

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_LENGTH = 18;
/** 3^(i-1) mod 31 for i = 1..17. */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeCheck =
  | { ok: true }
  | { ok: false; reason: 'length' | 'charset' | 'checksum'; expected?: string };

/**
 * The check character for the first 17 characters, or undefined if `first17` is not 17 characters
 * of the alphabet.
 */
export function creditCodeCheckChar(first17: string): string | undefined {
  if (first17.length !== CREDIT_CODE_LENGTH - 1) return undefined;
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return undefined;
    sum += value * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Checks a code exactly as given (no trimming, no case folding: lowercase letters are a charset
 * error). `expected` is set for a checksum error: the check character the first 17 call for.
 */
export function checkCreditCode(code: string): CreditCodeCheck {
  if (code.length !== CREDIT_CODE_LENGTH) return { ok: false, reason: 'length' };
  for (const ch of code) {
    if (!CREDIT_CODE_ALPHABET.includes(ch)) return { ok: false, reason: 'charset' };
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected === undefined) return { ok: false, reason: 'charset' };
  if (code.charAt(17) !== expected) return { ok: false, reason: 'checksum', expected };
  return { ok: true };
}

export function isValidCreditCode(code: string): boolean {
  return checkCreditCode(code).ok;
}

/** The Chinese message for a failed check; undefined when the code is valid. */
export function creditCodeMessage(code: string): string | undefined {
  const result = checkCreditCode(code);
  if (result.ok) return undefined;
  switch (result.reason) {
    case 'length':
      if (code.length === 0) return '统一社会信用代码不能为空';
      return `统一社会信用代码应为 18 位（当前 ${code.length} 位）`;
    case 'charset': {
      const bad = [...code].find((ch) => !CREDIT_CODE_ALPHABET.includes(ch)) ?? '';
      if (/^[a-z]$/.test(bad)) return '统一社会信用代码中的字母须大写';
      return `统一社会信用代码含非法字符“${bad}”（只允许数字和大写字母，不含 I、O、S、V、Z）`;
    }
    case 'checksum':
      return `统一社会信用代码校验位错误：第 18 位应为 ${result.expected ?? '?'}`;
  }
}

/** Trims surrounding whitespace, then requires a valid code (uppercase, correct check character). */
export const creditCodeSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const message = creditCodeMessage(value);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message, input: value });
  })
  .meta({
    description: '统一社会信用代码：18 位，数字与大写字母（不含 I、O、S、V、Z），第 18 位为 GB 32100 校验码；前后空白会被去除',
    override: { pattern: `^${TRIMMED_SPACE}*[${CREDIT_CODE_ALPHABET}]{${CREDIT_CODE_LENGTH}}${TRIMMED_SPACE}*$` },
  });
