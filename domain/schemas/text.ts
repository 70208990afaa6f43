/**
 * Which characters a text may hold (README "Text the service stores").
 *
 * Refused in every text, everywhere (request bodies, query parameters, workflow messages):
 * - characters PostgreSQL cannot store: U+0000 (text and jsonb both refuse it — once a 500, and in
 *   a workflow step a write that failed on every retry) and lone UTF-16 surrogates (not Unicode
 *   scalar values; jsonb refuses their escapes);
 * - the other C0 controls except tab and line breaks, DEL and the C1 controls (ESC sequences,
 *   terminal tricks in CSV exports and logs);
 * - the bidirectional embedding, override and isolate controls U+202A–U+202E, U+2066–U+2069: a
 *   name holding U+202E renders reversed in the school's table ("Trojan Source").
 *
 * Single-line fields (names, titles, addresses) refuse tab and line breaks too (also U+2028/U+2029);
 * multi-line fields (reasons, agreement clauses) keep them. Refused, not stripped: silently altering
 * what a party typed into an agreement would be worse than asking them to fix it.
 *
 * Pure (workflow-sandbox safe): Update validators use the same rule as the API's edge.
 */

/**
 * Code points refused in any text, as a regex character-class body (source form, valid in ECMA-262
 * and Python). Lone surrogates are refused separately (`LONE_SURROGATE`): a surrogate range in the
 * documented pattern makes generators such as Schemathesis drop the whole pattern.
 */
const ALWAYS_REFUSED = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069';
/** With the `u` flag a surrogate class matches only a lone one (a pair is one code point). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** Additionally refused in single-line text: tab, CR, LF, LINE and PARAGRAPH SEPARATOR. */
const LINE_BREAKS = '\\u0009\\u000A\\u000D\\u2028\\u2029';

/**
 * What `String.prototype.trim` (zod's `.trim()`) removes and no text refuses, as a regex character
 * class (source form, valid in ECMA-262 and Python): tab, LF, CR, space, NBSP, U+1680, U+2000–U+200A,
 * LINE and PARAGRAPH SEPARATOR, U+202F, U+205F, U+3000 and U+FEFF. Not `\s`: in both dialects it
 * also holds U+000B and U+000C (refused controls), and in Python U+001C–U+001F and U+0085 besides,
 * so a documented `\s` lets generators send as "valid" what the server refuses.
 */
export const TRIMMED_SPACE = '[\\u0009\\u000A\\u000D\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]';

/**
 * The pattern a text must match (the whole string): no refused character but lone surrogates
 * (`hasLoneSurrogate`). Its source is what the OpenAPI document shows clients.
 */
export function allowedTextPattern(multiline: boolean): RegExp {
  return new RegExp(`^[^${ALWAYS_REFUSED}${multiline ? '' : LINE_BREAKS}]*$`, 'u');
}

/**
 * The documented pattern of a text that is trimmed and then must hold at least `min` characters: no
 * refused character (as `allowedTextPattern`), and two characters that are not trimmed away, at
 * least `min` apart counting both (one for `min` 1). The server checks the trimmed value's length;
 * without this a generator takes `"\n "` for a valid reason of two characters.
 */
export function trimmedTextPattern(multiline: boolean, min: number): string {
  const allowed = `[^${ALWAYS_REFUSED}${multiline ? '' : LINE_BREAKS}]`;
  const kept = `[^${ALWAYS_REFUSED}${multiline ? '' : LINE_BREAKS}${TRIMMED_SPACE.slice(1, -1)}]`;
  const span = min <= 1 ? kept : `${kept}${allowed}{${min - 2},}${kept}`;
  return `^${allowed}*${span}${allowed}*$`;
}

/** Whether `text` holds a lone UTF-16 surrogate (not a Unicode scalar value; PostgreSQL refuses its escape). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** The length as people (and JSON Schema's maxLength) count it: code points, not UTF-16 units. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

export const SINGLE_LINE_TEXT = allowedTextPattern(false);
export const MULTI_LINE_TEXT = allowedTextPattern(true);

const FIRST_REFUSED_ANYWHERE = new RegExp(`[${ALWAYS_REFUSED}]`, 'u');
const FIRST_LINE_BREAK = new RegExp(`[${LINE_BREAKS}]`, 'u');

function codePointLabel(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why `text` cannot be stored (Chinese, naming the first refused character), or undefined when it can. */
export function refusedTextReason(text: string, multiline: boolean): string | undefined {
  const lone = LONE_SURROGATE.exec(text)?.[0];
  if (lone !== undefined) return `含有无效的 Unicode 字符（不成对的代理项 ${codePointLabel(lone)}）`;
  const refused = FIRST_REFUSED_ANYWHERE.exec(text)?.[0];
  if (refused !== undefined) {
    const cp = refused.codePointAt(0)!;
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return `不能包含文字方向控制符（${codePointLabel(refused)}）`;
    return `不能包含控制字符（${codePointLabel(refused)}）`;
  }
  if (!multiline) {
    const lineBreak = FIRST_LINE_BREAK.exec(text)?.[0];
    if (lineBreak !== undefined) return lineBreak === '\t' ? '不能包含制表符' : '不能换行';
  }
  return undefined;
}

/** The message a field shows when its text holds a refused character. */
export function refusedTextMessage(label: string, multiline: boolean): string {
  return multiline
    ? `${label}不能包含控制字符、文字方向控制符或无效的 Unicode 字符`
    : `${label}不能换行，也不能包含控制字符、文字方向控制符或无效的 Unicode 字符`;
}
