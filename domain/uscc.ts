/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015).
 *
 * 18 characters from the 31-character alphabet `0-9A-HJ-NPQRTUWXY` (no I, O, S, V, Z), in five parts:
 * - position 1 登记管理部门代码 and position 2 机构类别代码: a pair of the table in ./uscc-authorities.ts;
 * - positions 3–8 登记管理机关行政区划码: 6 digits (GB/T 2260, or 100000 for a national authority).
 *   Not checked against today's region list: a code keeps the region of the authority that issued it,
 *   even after that region is merged or renamed. Nor is the first pair checked against the province
 *   codes: 100000 is no GB/T 2260 code at all, and a typo there is the 18th character's to catch;
 * - positions 9–17 主体标识码: a GB 11714 组织机构代码 with its own check character (./organization-code.ts);
 * - position 18: the check character over the first 17: with value(c) = index of c in the alphabet
 *   and weight(i) = 3^(i-1) mod 31, check = alphabet[(31 − Σ value×weight mod 31) mod 31].
 *
 * The checks run in that order and the first failure is reported alone, each naming its position: a
 * structural error (an authority that does not exist, a letter among the region digits) is certain
 * and says exactly what to fix. Of the two check characters, only a failing 18th means a typo
 * somewhere (ISO 7064 MOD 31-3 catches every single substitution); both failing point at positions
 * 9–17, and the organisation code failing alone means a code made up with a computed 18th character.
 *
 * Pure: no Node built-ins — the Temporal workflow sandbox may import this.
 */
import { organizationCodeCheckChar } from './organization-code';
import { TRIMMED_SPACE } from './schemas/text';
import { CREDIT_CODE_AUTHORITIES, CREDIT_CODE_AUTHORITY_CODES } from './uscc-authorities';
import { z } from './zod';

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_LENGTH = 18;
/** 3^(i-1) mod 31 for i = 1..17. */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Letters GB 32100 leaves out (easily read as 1, 0, 5, U, 2), in either case. */
const FORBIDDEN_LETTERS = /^[IOSVZiosvz]$/;
const REGION = { from: 3, to: 8 } as const;

export type CreditCodeCheck =
  | { ok: true }
  | { ok: false; reason: 'length' }
  /** A character outside the alphabet; `position` counts from 1. */
  | { ok: false; reason: 'charset'; position: number; char: string }
  | { ok: false; reason: 'authority'; char: string }
  | { ok: false; reason: 'category'; char: string; authority: string }
  | { ok: false; reason: 'region'; position: number; char: string }
  /** Positions 9–17 fail their GB 11714 check (the 18th is right): `expected` is the 17th they call for. */
  | { ok: false; reason: 'organizationCode'; expected: string }
  /** The 18th character is wrong (positions 9–17 are a valid organisation code). */
  | { ok: false; reason: 'checksum'; expected: string }
  /** Both check characters fail: most likely a typo in positions 9–17. */
  | { ok: false; reason: 'organizationCodeAndChecksum' };

type Problem = Exclude<CreditCodeCheck, { ok: true }>;

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
 * A full code from its first 16 characters: the organisation code's check character (17th) and the
 * 18th appended. For fixtures and generators; throws if `first16` is not 16 alphabet characters.
 */
export function completeCreditCode(first16: string): string {
  const org = organizationCodeCheckChar(first16.slice(8, 16));
  const first17 = first16.length === 16 && org !== undefined ? first16 + org : undefined;
  const check = first17 === undefined ? undefined : creditCodeCheckChar(first17);
  if (first17 === undefined || check === undefined) throw new Error(`not the first 16 characters of a credit code: ${first16}`);
  return first17 + check;
}

/** The first character outside the alphabet: forbidden letters first, then other characters, lowercase last. */
function charsetProblem(chars: readonly string[]): Problem | undefined {
  const find = (test: (ch: string) => boolean) => {
    const at = chars.findIndex(test);
    return at < 0 ? undefined : ({ ok: false, reason: 'charset', position: at + 1, char: chars[at]! } as const);
  };
  const outside = (ch: string) => !CREDIT_CODE_ALPHABET.includes(ch);
  return (
    find((ch) => FORBIDDEN_LETTERS.test(ch)) ??
    find((ch) => outside(ch) && !/^[a-z]$/.test(ch)) ??
    find(outside)
  );
}

/**
 * The problems a code shows in the characters it has (all 18, or the first few while being typed):
 * characters, positions 1–2, then 3–8.
 */
function prefixProblem(code: string): Problem | undefined {
  const chars = [...code];
  const charset = charsetProblem(chars);
  if (charset) return charset;
  const [first, second] = chars;
  if (first === undefined) return undefined;
  const authority = CREDIT_CODE_AUTHORITIES[first];
  if (!authority) return { ok: false, reason: 'authority', char: first };
  if (second !== undefined && !Object.hasOwn(authority.categories, second)) {
    return { ok: false, reason: 'category', char: second, authority: first };
  }
  for (let position = REGION.from; position <= Math.min(REGION.to, chars.length); position++) {
    const ch = chars[position - 1]!;
    if (!/^[0-9]$/.test(ch)) return { ok: false, reason: 'region', position, char: ch };
  }
  return undefined;
}

/**
 * Checks a code exactly as given (no trimming, no case folding: lowercase letters are a charset
 * error). See the file comment for the order.
 */
export function checkCreditCode(code: string): CreditCodeCheck {
  if (code.length !== CREDIT_CODE_LENGTH) return { ok: false, reason: 'length' };
  const structural = prefixProblem(code);
  if (structural) return structural;
  const orgExpected = organizationCodeCheckChar(code.slice(8, 16));
  const orgOk = orgExpected === code.charAt(16);
  const expected = creditCodeCheckChar(code.slice(0, 17))!;
  const checkOk = code.charAt(17) === expected;
  if (!orgOk && !checkOk) return { ok: false, reason: 'organizationCodeAndChecksum' };
  if (!orgOk) return { ok: false, reason: 'organizationCode', expected: orgExpected ?? '?' };
  if (!checkOk) return { ok: false, reason: 'checksum', expected };
  return { ok: true };
}

export function isValidCreditCode(code: string): boolean {
  return checkCreditCode(code).ok;
}

const COMMON_AUTHORITIES = ['1', '5', '9'].map((c) => `${c} ${CREDIT_CODE_AUTHORITIES[c]!.name}`).join('、');

function problemMessage(code: string, problem: Problem): string {
  switch (problem.reason) {
    case 'length':
      if (code.length === 0) return '统一社会信用代码不能为空';
      return `统一社会信用代码应为 18 位（当前 ${code.length} 位）`;
    case 'charset': {
      const at = `第 ${problem.position} 位为“${problem.char}”`;
      if (FORBIDDEN_LETTERS.test(problem.char)) return `统一社会信用代码不使用字母 I、O、S、V、Z（${at}）`;
      if (/^[a-z]$/.test(problem.char)) return `统一社会信用代码中的字母须大写（${at}）`;
      return `统一社会信用代码含非法字符“${problem.char}”（第 ${problem.position} 位；只允许数字和大写字母，不含 I、O、S、V、Z）`;
    }
    case 'authority':
      return (
        `统一社会信用代码第 1 位（登记管理部门代码）“${problem.char}”不存在，` +
        `应为 ${CREDIT_CODE_AUTHORITY_CODES.join('、')} 之一（常见的有 ${COMMON_AUTHORITIES}）`
      );
    case 'category': {
      const authority = CREDIT_CODE_AUTHORITIES[problem.authority]!;
      const categories = Object.entries(authority.categories)
        .map(([c, name]) => `${c} ${name}`)
        .join('、');
      return (
        `统一社会信用代码第 2 位（机构类别代码）“${problem.char}”不属于登记管理部门 ` +
        `${problem.authority}（${authority.name}）：应为 ${categories}`
      );
    }
    case 'region':
      return `统一社会信用代码第 3–8 位（登记管理机关行政区划码）应为数字（第 ${problem.position} 位为“${problem.char}”）`;
    case 'organizationCode':
      return `统一社会信用代码第 17 位（组织机构代码校验码）应为 ${problem.expected}`;
    case 'checksum':
      return `统一社会信用代码校验位错误：第 18 位应为 ${problem.expected}`;
    case 'organizationCodeAndChecksum':
      return '统一社会信用代码第 9–17 位（组织机构代码）校验不通过，第 18 位校验码也不相符：多半是第 9–17 位有字符录错，请对照证照核对';
  }
}

/** The Chinese message for a failed check; undefined when the code is valid. */
export function creditCodeMessage(code: string): string | undefined {
  const result = checkCreditCode(code);
  return result.ok ? undefined : problemMessage(code, result);
}

/**
 * For a code being typed (any length): the message for a problem in the characters already there —
 * characters, positions 1–2, 3–8 — or undefined. Length and check characters are not its business.
 */
export function creditCodePrefixMessage(partial: string): string | undefined {
  const problem = prefixProblem(partial.slice(0, CREDIT_CODE_LENGTH));
  return problem ? problemMessage(partial, problem) : undefined;
}

/**
 * What the document states as a pattern: the authority and category characters in use, digits in
 * 3–8, a 17th that is a digit or X (GB 11714's check character). The pairs, the two check characters
 * and the forbidden letters' messages are the description's (JSON Schema cannot compute them).
 */
const authorityClass = CREDIT_CODE_AUTHORITY_CODES.join('');
const categoryClass = [...new Set(Object.values(CREDIT_CODE_AUTHORITIES).flatMap((a) => Object.keys(a.categories)))].sort().join('');
const CREDIT_CODE_PATTERN =
  `^${TRIMMED_SPACE}*[${authorityClass}][${categoryClass}][0-9]{6}` +
  `[${CREDIT_CODE_ALPHABET}]{8}[0-9X][${CREDIT_CODE_ALPHABET}]${TRIMMED_SPACE}*$`;

/** Trims surrounding whitespace, then requires a valid code (uppercase, every part as above). */
export const creditCodeSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const message = creditCodeMessage(value);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message, input: value });
  })
  .meta({
    description:
      '统一社会信用代码（GB 32100-2015）：18 位，数字与大写字母（不含 I、O、S、V、Z）；第 1–2 位为已有的登记管理部门代码与其下的机构类别代码，' +
      '第 3–8 位为数字，第 9–17 位为 GB 11714 组织机构代码（第 17 位为其校验码），第 18 位为 GB 32100 校验码；前后空白会被去除',
    override: { pattern: CREDIT_CODE_PATTERN },
  });
