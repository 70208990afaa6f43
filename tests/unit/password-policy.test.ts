import { describe, expect, it } from 'vitest';
import {
  GENERATED_PASSWORD_LENGTH,
  generatePassword,
  isAcceptablePassword,
  passwordProblems,
} from '../../domain/password-policy';

describe('password policy', () => {
  it('accepts 10+ characters with letters and digits', () => {
    expect(passwordProblems('abcdefgh12')).toEqual([]);
    expect(passwordProblems('上海大学就业中心2026')).toEqual([]);
    expect(isAcceptablePassword('Correct-horse-9', 'hr_tencent')).toBe(true);
  });

  it('refuses a short password, naming the length', () => {
    expect(passwordProblems('abc123')).toEqual(['密码至少 10 个字符（当前 6 个）']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('密码密码密码密码1')).toEqual(['密码至少 10 个字符（当前 9 个）']);
  });

  it('requires letters and digits', () => {
    expect(passwordProblems('1234567890')).toEqual(['密码须包含字母']);
    expect(passwordProblems('abcdefghijk')).toEqual(['密码须包含数字']);
    expect(passwordProblems('!!!!!!!!!!')).toEqual(['密码须包含字母', '密码须包含数字']);
  });

  it('refuses the username itself, in any case, and a password containing it', () => {
    expect(passwordProblems('HRuser2026', 'hruser2026')).toEqual(['密码不能与用户名相同']);
    expect(passwordProblems('hruser2026!!', 'HRUSER2026')).toEqual(['密码不能包含用户名']);
    expect(passwordProblems('abcdefgh12', 'ab')).toEqual([]);
  });

  it('refuses surrounding whitespace and overlong passwords', () => {
    expect(passwordProblems(' abcdefgh12')).toEqual(['密码首尾不能是空白字符']);
    expect(passwordProblems(`a1${'x'.repeat(127)}`)).toEqual(['密码最多 128 个字符']);
  });

  it('lists every problem at once', () => {
    expect(passwordProblems('abc', 'abc')).toEqual(['密码至少 10 个字符（当前 3 个）', '密码须包含数字', '密码不能与用户名相同']);
  });
});

describe('generatePassword', () => {
  it('generates distinct passwords that pass the policy, without look-alikes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(GENERATED_PASSWORD_LENGTH);
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]+$/);
      expect(passwordProblems(p, '20310101000101')).toEqual([]);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});
