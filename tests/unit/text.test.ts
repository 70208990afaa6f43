import { describe, expect, it } from 'vitest';
import { archiveSchema, formatIssues, loginSchema, reasonSchema, requiredText } from '../../domain/schemas';
import { MULTI_LINE_TEXT, SINGLE_LINE_TEXT, codePointLength, hasLoneSurrogate, refusedTextReason, trimmedTextPattern } from '../../domain/schemas/text';
import { sampleArchive } from '../support/sample-data';

describe('which characters a text may hold', () => {
  it.each([
    ['\u0000', '不能包含控制字符（U+0000）'],
    ['\u001b[31m', '不能包含控制字符（U+001B）'],
    ['\u007f', '不能包含控制字符（U+007F）'],
    ['\u0085', '不能包含控制字符（U+0085）'],
    ['\u202e', '不能包含文字方向控制符（U+202E）'],
    ['\u2066', '不能包含文字方向控制符（U+2066）'],
    ['\ud800', '含有无效的 Unicode 字符（不成对的代理项 U+D800）'],
  ])('refuses %j anywhere, naming it', (ch, reason) => {
    expect(refusedTextReason(`张${ch}三`, true)).toBe(reason);
    expect(refusedTextReason(`张${ch}三`, false)).toBe(reason);
  });

  it('keeps line breaks and tabs only in multi-line text', () => {
    for (const text of ['第一行\n第二行', '第一行\r\n第二行', '列\t列', '段\u2029段']) {
      expect(refusedTextReason(text, true), JSON.stringify(text)).toBeUndefined();
      expect(refusedTextReason(text, false), JSON.stringify(text)).toMatch(/不能换行|不能包含制表符/);
    }
    expect(MULTI_LINE_TEXT.test('a\nb')).toBe(true);
    expect(SINGLE_LINE_TEXT.test('a\nb')).toBe(false);
  });

  it('accepts what people write: CJK, emoji (a surrogate pair), ZWJ sequences, marks', () => {
    for (const text of ['上海市徐汇区零陵路599号', '👩‍💻 工程师', '𠮷野家', 'Zoë', 'ا\u200fب']) {
      expect(refusedTextReason(text, false), text).toBeUndefined();
      expect(hasLoneSurrogate(text)).toBe(false);
    }
  });

  it('counts code points, as JSON Schema maxLength does', () => {
    expect(codePointLength('𝐀𝐀')).toBe(2);
    expect('𝐀𝐀'.length).toBe(4);
    const name = requiredText('姓名', 3);
    expect(name.safeParse('𝐀𝐀𝐀').success).toBe(true);
    expect(name.safeParse('𝐀𝐀𝐀𝐀').success).toBe(false);
  });

  it('the shared schemas refuse with the field label, as the workflow validators do', () => {
    const archive = archiveSchema.safeParse({ ...sampleArchive(), recipient: '王\u202e五' });
    expect(archive.success ? [] : formatIssues(archive.error)).toEqual([{ path: 'recipient', message: '收件人不能包含文字方向控制符（U+202E）' }]);
    const address = archiveSchema.safeParse({ ...sampleArchive(), address: '上海市\n徐汇区' });
    expect(address.success ? [] : formatIssues(address.error)).toEqual([{ path: 'address', message: '详细地址不能换行' }]);
    expect(reasonSchema.safeParse({ reason: '岗位有误\n请更正' }).success).toBe(true);
  });
});

/**
 * A trimmed text's documented pattern (`trimmedTextPattern`, in the OpenAPI document of every text
 * that is trimmed and has a minimum) says what the server checks: the length left after trimming.
 * Found by Schemathesis: `{"reason":"\n "}` matched the old pattern and minLength 2, and was refused.
 */
describe('the documented pattern of a trimmed text with a minimum', () => {
  const ALPHABET = [' ', '\t', '\n', '\u3000', '\u00a0', '\ufeff', '\u2028', 'a', '字', '😀', '\u0000', '\u202e'];
  const samples = (length: number): string[] =>
    length === 0 ? [''] : samples(length - 1).flatMap((s) => ALPHABET.map((ch) => s + ch));

  it.each([
    [false, 1],
    [true, 1],
    [true, 2],
    [false, 3],
  ] as const)('multiline %s, min %i: matches exactly what is storable and at least min code points once trimmed', (multiline, min) => {
    const documented = new RegExp(trimmedTextPattern(multiline, min), 'u');
    const storable = multiline ? MULTI_LINE_TEXT : SINGLE_LINE_TEXT;
    const mismatches = [0, 1, 2, 3, 4]
      .flatMap(samples)
      .filter((text) => documented.test(text) !== (storable.test(text) && codePointLength(text.trim()) >= min));
    expect(mismatches.map((t) => JSON.stringify(t))).toEqual([]);
  });

  it('is what the reason and a required single-line text document', () => {
    expect(reasonSchema.shape.reason.meta()).toEqual({ override: { maxLength: 500, pattern: trimmedTextPattern(true, 2) } });
    expect(requiredText('单位名称', 100).meta()).toEqual({ override: { maxLength: 100, pattern: trimmedTextPattern(false, 1) } });
    // Not trimmed (the login's password): the plain pattern stands, only the length is overridden.
    expect(loginSchema.shape.password.meta()).toEqual({ override: { maxLength: 256 } });
  });
});
