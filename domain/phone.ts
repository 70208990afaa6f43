/**
 * 电话号码: reads a phone number as people write it and gives its one stored form.
 *
 * Accepted input: mainland mobiles and fixed lines with or without +86/0086, spaces, hyphens, dots
 * and brackets (`+86 138 0013 8000`, `(021)64826000`, `021 6482 6000`), numbers abroad with their
 * country code (`+852 2123 4567`, `+1 650-253-0000`), an extension after a complete number
 * (`转8001`, `分机 8001`, `ext. 8001`, `x8001`, `#8001`, or `-8001` after a fixed line), and the
 * full-width digits and signs a Chinese IME types (`０２１－６４８２６０００`, `＋８６`, `（０２１）`).
 * Without a `+` (or `00`) the number is read as a mainland one.
 *
 * The stored form (what is saved, hashed into the agreement and printed), chosen as Chinese offices
 * print numbers and so that the forms stored before this module (`021-12345678`, `13812345678`)
 * are already normal:
 * - mainland mobile: the 11 digits, `13800138000`;
 * - mainland fixed line: area code with its 0, a hyphen, the subscriber number: `021-64826000`;
 * - other mainland numbers (400/800 service numbers): their national grouping with hyphens, `400-820-8820`;
 * - anywhere else: international format, `+852 2123 4567`;
 * - an extension is appended as `转8001` (`021-64826000转8001`; abroad ` 转8001`). Mobiles have none.
 * `normalisePhone` is idempotent: a stored form reads back as itself.
 *
 * Metadata: libphonenumber-js's `max` set, deliberately. `min` only checks a number's length per
 * country, so it would take `12012345678` (no such mobile block) as a mainland number; `max` checks
 * each number type's prefixes, which is what refuses non-existent mobile blocks and area codes. It
 * makes the workflow bundle larger (domain/ runs there), by a share worth paying
 * (BENCHMARKS.md, "Figures behind code comments").
 *
 * Pure (no Node built-ins; libphonenumber-js keeps no state between calls): the workflow sandbox
 * may import this.
 */
import { type PhoneNumber, parsePhoneNumberWithError, ParseError } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/max/metadata';
import { TRIMMED_SPACE } from './schemas/text';

export type PhoneCheck = { ok: true; normalised: string } | { ok: false; message: string };

/** The longest input read (code points): a number, its extension and some spacing. */
export const PHONE_MAX_LENGTH = 40;
/** The longest extension, in digits. */
export const EXTENSION_MAX_DIGITS = 6;

const EXAMPLES = '例如 021-64826000、13800138000 或 +852 2123 4567';
export const UNRECOGNISED_PHONE = `无法识别的电话号码，${EXAMPLES}`;

/**
 * Mobile blocks the MIIT plan assigns that the metadata (1.13.16) does not list: 149, China
 * Telecom's data-card block (145 and 147, the other two, are listed). Refusing a number people
 * really hold is worse than accepting one block too many.
 */
const EXTRA_MOBILE_BLOCKS = /^149\d{8}$/;

/** Full-width forms (Chinese IMEs) and dash look-alikes, to their ASCII counterparts. */
function asciiForms(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u2010-\u2015\u2212\u30FC]/g, '-')
    .replace(/[\u3000\u00A0]/g, ' ');
}

const DIGIT = '0-9\\uFF10-\\uFF19';
const SPACE = ' \\u3000\\u00A0';
const SEPARATOR = `${SPACE}().\\-\\uFF08\\uFF09\\uFF0E\\uFF0D\\u2010-\\u2015\\u2212\\u30FC`;
const EXTENSION_WORD = '(?:\\u8F6C|\\u5206\\u673A\\u53F7?|[EeＥｅ][XxＸｘ][TtＴｔ][.．]?|[XxＸｘ]|[#＃])';

/**
 * What a phone may be written with, for the OpenAPI document (JSON Schema `pattern`): an optional
 * leading +, digits and separators (ASCII or full-width), an optional extension, surrounding space.
 * A superset of what checkPhone accepts; the number plan itself is beyond a pattern.
 */
export const PHONE_INPUT_PATTERN =
  `^${TRIMMED_SPACE}*[+\\uFF0B]?[${DIGIT}${SEPARATOR}]+` +
  `(?:[${SPACE}]*${EXTENSION_WORD}[${SPACE}]*[:\\uFF1A]?[${SPACE}]*[${DIGIT}]{1,${EXTENSION_MAX_DIGITS}})?${TRIMMED_SPACE}*$`;

/** The extension words, then the digits; `-` is handled separately (only after a fixed line). */
const EXTENSION = new RegExp(`^(.*?)[ ]*(?:转|分机号?|ext\\.?|x|#)[ ]*[:：]?[ ]*(\\d{1,${EXTENSION_MAX_DIGITS}})$`, 'i');
const TRAILING_GROUP = new RegExp(`^(.*\\d)[ ]*-[ ]*(\\d{1,${EXTENSION_MAX_DIGITS}})$`);
const SURROUNDING_SPACE = new RegExp(`^${TRIMMED_SPACE}+|${TRIMMED_SPACE}+$`, 'g');
/** What a number may be written with: an optional leading +, then digits and separators. */
const WRITTEN_NUMBER = /^\+?[\d ()\-.]+$/;

function parse(text: string): PhoneNumber | undefined {
  if (!WRITTEN_NUMBER.test(text)) return undefined;
  try {
    return parsePhoneNumberWithError(text.replace(/[ ()\-.]/g, ''), { defaultCountry: 'CN' }, metadata);
  } catch (err) {
    if (err instanceof ParseError) return undefined;
    throw err;
  }
}

function isMobileNumber(number: PhoneNumber): boolean {
  return number.country === 'CN' && (number.getType() === 'MOBILE' || EXTRA_MOBILE_BLOCKS.test(number.nationalNumber));
}

function isValidNumber(number: PhoneNumber): boolean {
  return (number.isPossible() && number.isValid()) || isMobileNumber(number);
}

/** The stored form of a valid number without its extension. */
function storedForm(number: PhoneNumber): string {
  if (number.country !== 'CN') return number.formatInternational();
  if (isMobileNumber(number)) return number.nationalNumber;
  // National grouping: "021 6482 6000" (area code, then the subscriber number), "400 820 8820".
  const groups = number.formatNational().split(' ');
  const [first = '', ...rest] = groups;
  if (first.startsWith('0') && rest.length > 0) return `${first}-${rest.join('')}`;
  return groups.join('-');
}

/** Why digits read as a mainland number are not one; undefined when nothing more specific applies. */
function mainlandProblem(digits: string): string | undefined {
  if (digits.startsWith('1')) {
    if (digits.length !== 11) return `电话号码位数不对：手机号应为 11 位（当前 ${digits.length} 位）`;
    return `不存在的手机号段：${digits.slice(0, 3)}`;
  }
  if (digits.startsWith('0') && !digits.startsWith('00')) {
    // Area codes: 010 and 02X have two digits after the 0, the others three.
    const areaLength = /^0[12]/.test(digits) ? 3 : 4;
    const area = digits.slice(0, areaLength);
    const subscriber = digits.length - areaLength;
    if (subscriber < 7 || subscriber > 8) return `电话号码位数不对：区号 ${area} 后应为 7–8 位号码（当前 ${Math.max(subscriber, 0)} 位）`;
    return `无法识别的座机号码：请核对区号 ${area} 与号码，${EXAMPLES}`;
  }
  return undefined;
}

function problemOf(text: string): string {
  const digits = text.replace(/\D/g, '');
  if (digits.length > 0 && /^0+$/.test(digits)) return '电话号码不能全为 0';
  if (!WRITTEN_NUMBER.test(text)) return UNRECOGNISED_PHONE;
  const international = text.startsWith('+') || (digits.startsWith('00') && !/^0+$/.test(digits));
  if (!international && digits.length <= 6) return '短号码（如 12345、95588）不能作为联系电话，请填写完整号码（座机请带区号，如 010-62752114）';
  if (!international) return mainlandProblem(digits) ?? `${UNRECOGNISED_PHONE}（境外号码请以 + 和国家或地区代码开头）`;
  const number = parse(text);
  if (number?.country === 'CN') return mainlandProblem(`${isMobileLike(number) ? '' : '0'}${number.nationalNumber}`) ?? UNRECOGNISED_PHONE;
  return `无法识别的境外电话号码：请核对国家或地区代码与号码，${EXAMPLES}`;
}

function isMobileLike(number: PhoneNumber): boolean {
  return number.nationalNumber.startsWith('1') && !number.nationalNumber.startsWith('10');
}

/** A number (without extension) read and checked, or undefined. */
function validNumber(text: string): PhoneNumber | undefined {
  const number = parse(text);
  return number && isValidNumber(number) ? number : undefined;
}

/**
 * Reads a written phone number (surrounding space is ignored) and gives its stored form, or the
 * Chinese message naming what is wrong.
 */
export function checkPhone(input: string): PhoneCheck {
  // Only the spaces the document's pattern allows around a number: a vertical tab is refused, not trimmed.
  const text = asciiForms(input.replace(SURROUNDING_SPACE, '')).replace(/ {2,}/g, ' ');
  if (text === '') return { ok: false, message: '请填写电话' };
  if ([...input].length > PHONE_MAX_LENGTH) return { ok: false, message: `电话最多 ${PHONE_MAX_LENGTH} 个字符` };

  const whole = validNumber(text);
  if (whole) return { ok: true, normalised: storedForm(whole) };

  const worded = EXTENSION.exec(text);
  // `-8001` after a complete fixed line: only when the whole did not read as one number.
  const hyphened = worded ? undefined : TRAILING_GROUP.exec(text);
  const split = worded ?? hyphened;
  if (split) {
    const [, base = '', extension = ''] = split;
    const number = validNumber(base);
    if (number) {
      if (isMobileNumber(number) || number.getType() === 'MOBILE') return { ok: false, message: '手机号不能带分机号' };
      if (hyphened && number.getType() !== 'FIXED_LINE' && number.getType() !== 'FIXED_LINE_OR_MOBILE') return { ok: false, message: problemOf(text) };
      const separator = number.country === 'CN' ? '' : ' ';
      return { ok: true, normalised: `${storedForm(number)}${separator}转${extension}` };
    }
    if (worded) return { ok: false, message: problemOf(base) };
  }
  return { ok: false, message: problemOf(text) };
}

/** The stored form of a phone number, or undefined when it is not one. */
export function normalisePhone(input: string): string | undefined {
  const result = checkPhone(input);
  return result.ok ? result.normalised : undefined;
}

/** Whether `value` is a phone number in its stored form (what the workflow receives from the API). */
/**
 * The shapes of the stored form, as text only: a mainland mobile, a fixed line with an optional
 * 转extension, a 400/800 number, or a non-mainland international number (digits in groups,
 * optional ` 转ext`; mainland numbers are never stored with +86).
 * The workflow checks recorded values with this, not with the number plan: a later
 * libphonenumber-js release that re-groups or re-assigns numbers must not change how a recorded
 * command replays.
 */
export const STORED_PHONE_SHAPE = new RegExp(
  `^(?:1\\d{10}|0\\d{2,3}-\\d{5,8}(?:转\\d{1,${EXTENSION_MAX_DIGITS}})?|[48]00-\\d{3}-\\d{4}|\\+(?!86[ -])\\d{1,3}(?:[ -]\\d+)+(?: 转\\d{1,${EXTENSION_MAX_DIGITS}})?)$`,
);

export function isStoredPhone(value: string): boolean {
  return normalisePhone(value) === value;
}
