/**
 * 组织机构代码 (GB 11714-1997 全国组织机构代码编制规则), positions 9–17 of a 统一社会信用代码 (its
 * 主体标识码, GB 32100-2015 §4.4).
 *
 * 8 body characters (digits or uppercase Latin letters) and a check character (§2.1.2):
 * C9 = 11 − (Σ Ci × Wi mod 11) with Wi = 3 7 9 10 5 8 4 2; C9 = 10 is written X, C9 = 11 is written 0.
 * Character values (附录 A 代码字符集): 0–9 are 0–9, A–Z are 10–35 (every letter, I O S V Z too —
 * GB 32100 then leaves those out of the 统一代码).
 * Source: https://zh.wikisource.org/wiki/GB_11714-1997_全国组织机构代码编制规则 (the standard's text).
 *
 * Codes assigned since 2015 without an old 组织机构代码 (the MA… of new enterprises and 个体工商户,
 * from the registration authority's 码段) are built the same way: the real codes in
 * tests/unit/uscc.test.ts, 91 and 92 alike, all satisfy it.
 *
 * Pure (workflow-sandbox safe).
 */

export const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

function characterValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 55;
  return -1;
}

/** The check character for 8 body characters, or undefined if `body` is not 8 digits/uppercase letters. */
export function organizationCodeCheckChar(body: string): string | undefined {
  if (body.length !== ORGANIZATION_CODE_WEIGHTS.length) return undefined;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = characterValue(body.charAt(i));
    if (value < 0) return undefined;
    sum += value * (ORGANIZATION_CODE_WEIGHTS[i] ?? 0);
  }
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}
