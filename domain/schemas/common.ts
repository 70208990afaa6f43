/**
 * Field-level building blocks shared by the request schemas: texts with Chinese labels and length
 * bounds, bounded whole numbers, and the formats of docs/design.md §8 (信息登记号, 邮编, 电话, 考生号, email).
 *
 * Pure (workflow-sandbox safe).
 */
import { z } from '../zod';
import { PHONE_INPUT_PATTERN, PHONE_MAX_LENGTH, STORED_PHONE_SHAPE, checkPhone } from '../phone';
import { allowedTextPattern, codePointLength, hasLoneSurrogate, refusedTextMessage, refusedTextReason, trimmedTextPattern } from './text';

function requiredError(label: string, kind: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `请填写${label}` : `${label}应为${kind}`);
}

export interface TextOptions {
  /** Keeps tab and line breaks (reasons, agreement clauses); other texts are one line. */
  multiline?: boolean;
  /** At most this many characters, counted as code points (as people and JSON Schema's maxLength count; an emoji is one). */
  max?: number;
  /** The message past `max` (default: `<label>最多 <max> 个字符`). */
  maxMessage?: string;
}

/**
 * Refuses what no text may hold (./text.ts: NUL, controls, bidi overrides, lone surrogates; line
 * breaks unless multi-line), naming the character, and bounds the length in code points. The
 * pattern and the bound are also what the OpenAPI document shows. Last in a chain: it sets the
 * schema's documentation.
 */
export function storableText<S extends z.ZodString>(schema: S, label: string, options: TextOptions = {}): S {
  const multiline = options.multiline ?? false;
  const reasonOf = (input: unknown) => (typeof input === 'string' ? refusedTextReason(input, multiline) : undefined);
  let checked = schema
    .regex(allowedTextPattern(multiline), { error: (issue) => { const reason = reasonOf(issue.input); return reason ? `${label}${reason}` : refusedTextMessage(label, multiline); } })
    .refine((text) => !hasLoneSurrogate(text), { error: (issue) => `${label}${reasonOf(issue.input) ?? '含有无效的 Unicode 字符'}` }) as S;
  const { max } = options;
  if (max !== undefined) checked = checked.refine((text) => codePointLength(text) <= max, options.maxMessage ?? `${label}最多 ${max} 个字符`) as S;
  // A trimmed text's minimum counts what is left after trimming: the document's pattern says so.
  const min = schema.minLength ?? 0;
  const trims = min > 0 && schema.safeParse(` ${'字'.repeat(min)} `).data === '字'.repeat(min);
  const override = { ...(max === undefined ? {} : { maxLength: max }), ...(trims ? { pattern: trimmedTextPattern(multiline, min) } : {}) };
  return Object.keys(override).length ? (checked.meta({ override }) as S) : checked;
}

/** A required text: trimmed, 1..max characters, storable (one line unless `multiline`). */
export function requiredText(label: string, max: number, options: TextOptions = {}) {
  return storableText(
    z
      .string({ error: requiredError(label, '文本') })
      .trim()
      .min(1, `请填写${label}`),
    label,
    { ...options, max },
  );
}

/** An optional text: trimmed, at most max characters (may be empty), storable (one line unless `multiline`). */
export function optionalText(label: string, max: number, options: TextOptions = {}) {
  return storableText(z.string({ error: requiredError(label, '文本') }).trim(), label, { ...options, max }).optional();
}

/** A whole number in [min, max], e.g. months or yuan. */
export function wholeNumber(label: string, unit: string, min: number, max: number) {
  return z
    .number({ error: requiredError(label, '数字') })
    .int({ error: `${label}应为整数（单位：${unit}）`, abort: true })
    .min(min, min === 0 ? `${label}不能为负数` : `${label}至少为 ${min} ${unit}`)
    .max(max, `${label}不能超过 ${max} ${unit}`);
}

/** A string matching `pattern` (after trimming), with one message for any mismatch. */
export function formatted(label: string, pattern: RegExp, message: string) {
  return z
    .string({ error: requiredError(label, '文本') })
    .trim()
    .regex(pattern, message);
}

/** 信息登记号: 7 digits. */
export const infoRegistrationNoSchema = formatted('信息登记号', /^\d{7}$/, '信息登记号应为 7 位数字');

/** 邮编: 6 digits. */
export const postcodeSchema = formatted('邮编', /^\d{6}$/, '邮编应为 6 位数字');

/**
 * 电话 as written (domain/phone.ts): mobiles, fixed lines with area code and extension, numbers
 * abroad with their country code; parsed to the one stored form (`13800138000`, `021-64826000`,
 * `021-64826000转8001`, `+852 2123 4567`), which is what is saved and hashed. Deterministic, and a
 * stored form parses to itself, so the workflow's checks of what the API sends agree with it.
 */
export const phoneSchema = z
  .string({ error: requiredError('电话', '文本') })
  .transform((value, ctx) => {
    const result = checkPhone(value);
    if (result.ok) return result.normalised;
    ctx.addIssue({ code: 'custom', message: result.message, input: value });
    return z.NEVER;
  })
  .meta({
    description:
      '电话：手机号（13800138000）、座机（021-64826000，可带分机：021-64826000转8001）或带 + 国家或地区代码的境外号码（+852 2123 4567）；' +
      '可含空格、括号、“-”、“.”与全角字符，按号码规则校验（号段、区号、位数），保存为统一格式；前后空白会被去除',
    // What a number may be written with; the number plan itself is beyond a pattern.
    override: { pattern: PHONE_INPUT_PATTERN, maxLength: PHONE_MAX_LENGTH },
  });

/** The forms the old rule (before domain/phone.ts) accepted: still in the histories of running signings. */
const LEGACY_PHONE = /^\d[\d-]{5,18}\d$/;

/**
 * A phone as the workflow receives it: in stored form (the API sends nothing else), or a value the
 * old rule accepted. Runs begun before the stricter rule replay commands holding such values (the
 * recorded histories have `021-3123123`); refusing them now would make those runs take other steps.
 * No transform: the workflow stores what it was sent.
 */
export const storedPhoneSchema = z
  .string({ error: requiredError('电话', '文本') })
  // Text shapes only (domain/phone.ts STORED_PHONE_SHAPE): replay must not depend on the number
  // plan's metadata, which a dependency update may change.
  .refine((value) => LEGACY_PHONE.test(value) || STORED_PHONE_SHAPE.test(value), {
    error: '电话应为统一格式，如 13800138000、021-64826000、021-64826000转8001 或 +852 2123 4567',
  });

/** 考生号: 9–15 digits. */
export const examineeNoSchema = formatted('考生号', /^\d{9,15}$/, '考生号应为 9–15 位数字');

/** 邮箱: at most 254 characters. */
export const emailSchema = z
  .string({ error: requiredError('邮箱', '文本') })
  .trim()
  .min(1, { error: '请填写邮箱', abort: true })
  .max(254, '邮箱最多 254 个字符')
  .regex(z.regexes.email, '邮箱格式不正确，例如 hr@example.com');

/** A SHA-256 digest as 64 lowercase hex characters. */
export const sha256HexSchema = z
  .string({ error: requiredError('协议哈希', '文本') })
  .regex(/^[0-9a-f]{64}$/, '协议哈希应为 64 位小写十六进制字符（SHA-256）');

/** The 预览就业协议内容 tick: must be literally `true`. */
export const previewedSchema = z.literal(true, { error: '须先预览就业协议内容' });
