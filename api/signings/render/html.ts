/**
 * Safe-by-default HTML building: the `html` tagged template escapes every interpolated value
 * (with `escape-html`, the escaper Express itself uses) unless it is already `SafeHtml` — i.e. was
 * itself produced by `html`. Arrays are joined, null/undefined/false render nothing. So markup only
 * ever comes from template literals in our code, and anything a party typed is text.
 *
 * Values are only meant for element content and for quoted attribute values (escape-html escapes
 * `& < > " '`); the templates never place a value in an unquoted attribute, a URL, a <script> or
 * a <style>.
 */
import escapeHtml from 'escape-html';

const SAFE = Symbol('SafeHtml');

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly value: string;
  toString(): string;
}

function safe(value: string): SafeHtml {
  return { [SAFE]: true, value, toString: () => value };
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && (value as { [SAFE]?: unknown })[SAFE] === true;
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (isSafeHtml(value)) return value.value;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return safe(out);
}

/**
 * Trusted markup that is not a template literal (a constant stylesheet). Never pass anything that
 * came from a request or the database.
 */
export function trustedHtml(constant: string): SafeHtml {
  return safe(constant);
}
