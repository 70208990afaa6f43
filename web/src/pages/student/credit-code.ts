/**
 * 社会信用代码 in the 就业方案填报 form, checked as the student types with the domain's own GB 32100
 * functions (domain/uscc.ts — the same code the server runs, never a copy): a character outside the
 * alphabet, an authority or category (positions 1–2) that does not exist and a letter among the
 * region digits (3–8) are reported at once, the check characters as soon as all 18 are in ("校验位应为
 * H"), and a short code when the field is left or the form submitted (not at every keystroke).
 */
import type { RuleObject } from 'antd/es/form';
import { CREDIT_CODE_LENGTH, checkCreditCode, creditCodeMessage, creditCodePrefixMessage } from '../../../../domain/uscc';

/** What the input keeps: uppercase, no spaces, full-width letters and digits made half-width. */
export function normalizeCreditCode(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** The message for a code being typed; undefined while it is fine so far. */
export function creditCodeTypingMessage(code: string): string | undefined {
  if (!code) return undefined;
  const result = checkCreditCode(code);
  if (result.ok) return undefined;
  if (result.reason === 'checksum') {
    return `统一社会信用代码校验位应为 ${result.expected}，当前第 18 位为 ${code.charAt(CREDIT_CODE_LENGTH - 1)}，请核对`;
  }
  if (result.reason !== 'length' || code.length > CREDIT_CODE_LENGTH) return creditCodeMessage(code);
  // Too short: only a problem once the student has finished typing (the onBlur rule below), but a
  // wrong character or prefix in what is there is reported now.
  return creditCodePrefixMessage(code);
}

export const creditCodeRules: RuleObject[] = [
  { required: true, message: '请填写社会信用代码' },
  {
    validator: (_rule, value: unknown) => {
      const message = creditCodeTypingMessage(normalizeCreditCode(value));
      return message ? Promise.reject(new Error(message)) : Promise.resolve();
    },
  },
  {
    validateTrigger: 'onBlur',
    validator: (_rule, value: unknown) => {
      const code = normalizeCreditCode(value);
      // Only the length: every other problem is the typing rule's, reported once.
      const message = code && code.length < CREDIT_CODE_LENGTH && !creditCodeTypingMessage(code) ? creditCodeMessage(code) : undefined;
      return message ? Promise.reject(new Error(message)) : Promise.resolve();
    },
  },
];
