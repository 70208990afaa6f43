import { describe, it, expect } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_WEIGHTS,
  checkCreditCode,
  creditCodeCheckChar,
  creditCodeSchema,
} from '../../domain/uscc';

const messages = (input: unknown) => creditCodeSchema.safeParse(input).error?.issues.map((i) => i.message);

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('uses the 31-character alphabet and the weights 3^(i-1) mod 31', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    expect(CREDIT_CODE_ALPHABET).not.toMatch(/[IOSVZ]/);
    expect([...CREDIT_CODE_WEIGHTS]).toEqual(Array.from({ length: 17 }, (_, i) => 3 ** i % 31));
  });

  it.each(['914403001922038216', '91350200MA31E12PXF', '9135021359498494XQ'])('accepts %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true });
    expect(creditCodeSchema.parse(code)).toBe(code);
  });

  it('refuses a wrong check character and names the expected one', () => {
    expect(checkCreditCode('914403001922038217')).toEqual({ ok: false, reason: 'checksum', expected: '6' });
    expect(messages('914403001922038217')).toEqual(['统一社会信用代码校验位错误：第 18 位应为 6']);
  });

  it("refuses the source's placeholder 000000001111111170: its check character would be H", () => {
    expect(creditCodeCheckChar('00000000111111117')).toBe('H');
    expect(checkCreditCode('000000001111111170')).toEqual({ ok: false, reason: 'checksum', expected: 'H' });
    expect(messages('000000001111111170')).toEqual(['统一社会信用代码校验位错误：第 18 位应为 H']);
    expect(checkCreditCode('00000000111111117H')).toEqual({ ok: true });
  });

  it('refuses wrong lengths', () => {
    expect(checkCreditCode('91440300192203821')).toEqual({ ok: false, reason: 'length' });
    expect(checkCreditCode('9144030019220382160')).toEqual({ ok: false, reason: 'length' });
    expect(messages('123')).toEqual(['统一社会信用代码应为 18 位（当前 3 位）']);
    expect(messages('')).toEqual(['统一社会信用代码不能为空']);
  });

  it('refuses characters outside the alphabet (I O S V Z, lowercase, punctuation)', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', '-', ' ']) {
      expect(checkCreditCode(`91350200MA31E12P${bad}F`)).toEqual({ ok: false, reason: 'charset' });
    }
    expect(messages('91350200MA31E12PXO')?.[0]).toContain('非法字符“O”');
  });

  it('requires uppercase but trims surrounding whitespace', () => {
    expect(checkCreditCode('91350200ma31e12pxf')).toEqual({ ok: false, reason: 'charset' });
    expect(messages('91350200ma31e12pxf')).toEqual(['统一社会信用代码中的字母须大写']);
    expect(creditCodeSchema.parse('  91350200MA31E12PXF\n')).toBe('91350200MA31E12PXF');
  });

  it('refuses non-strings with Chinese messages', () => {
    expect(messages(undefined)).toEqual(['此项为必填']);
    expect(messages(91440300)).toEqual(['类型错误：应为字符串']);
  });
});
