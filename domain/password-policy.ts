/**
 * The minimum password policy for every account (students, employers, school admins):
 * at least 10 characters, at least one letter and one digit, not the username (nor containing it),
 * at most 128 characters. Messages are in Chinese, one per unmet rule, so a form can show them all.
 *
 * Also the generator of initial passwords (roster import, operator CLI, password reset): 14
 * characters from an alphabet without look-alikes (no 0/O, 1/l/I), always with letters and digits,
 * so a generated password passes the policy and can be read aloud or copied from paper.
 *
 * Pure apart from `globalThis.crypto` (Web Crypto, present in Node ≥ 19 and browsers).
 */
import { storableText } from './schemas/common';
import { z } from './zod';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** The rules `password` breaks, as Chinese messages; empty when it is acceptable. */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符（当前 ${length} 个）`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`密码最多 ${PASSWORD_MAX_LENGTH} 个字符`);
  if (!/\p{L}/u.test(password)) problems.push('密码须包含字母');
  if (!/\p{Nd}/u.test(password)) problems.push('密码须包含数字');
  if (/^\s|\s$/.test(password)) problems.push('密码首尾不能是空白字符');
  const name = username?.trim().toLowerCase();
  if (name) {
    const lower = password.toLowerCase();
    if (lower === name) problems.push('密码不能与用户名相同');
    else if (name.length >= 3 && lower.includes(name)) problems.push('密码不能包含用户名');
  }
  return problems;
}

export function isAcceptablePassword(password: string, username?: string): boolean {
  return passwordProblems(password, username).length === 0;
}

/**
 * Adds one zod issue per problem at `path` (e.g. inside an object's superRefine, where the
 * username is known).
 */
export function addPasswordIssues(
  ctx: { addIssue(issue: { code: 'custom'; message: string; path: PropertyKey[]; input?: unknown }): void },
  password: string,
  username: string | undefined,
  path: PropertyKey[] = ['password'],
): void {
  for (const message of passwordProblems(password, username)) ctx.addIssue({ code: 'custom', message, path });
}

/**
 * A username chosen by a person (employer registration, school admins): 4–32 letters, digits or
 * `_ . -`, starting with a letter. All-digit usernames are left to students, whose username is
 * their 考生号.
 */
export const usernameSchema = z
  .string({ error: (issue) => (issue.input === undefined ? '请填写用户名' : '用户名应为文本') })
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{3,31}$/, '用户名应为 4–32 位字母、数字或“_”“.”“-”，并以字母开头');

/** A password field (not trimmed): a string of reasonable size; the policy is checked with the username. */
export const passwordFieldSchema = storableText(
  z.string({ error: (issue) => (issue.input === undefined ? '请输入密码' : '密码应为文本') }).max(1_024, '密码过长'),
  '密码',
).meta({
  // The policy as the OpenAPI document states it (the checks are passwordProblems, with the username).
  description: `密码策略：${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} 个字符，须包含字母与数字，首尾不能是空白字符，不能是或包含用户名`,
  override: { minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH },
});

const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LETTERS + DIGITS;
export const GENERATED_PASSWORD_LENGTH = 14;

/** A uniformly random index below `n` (rejection sampling: no modulo bias). */
function randomIndex(n: number): number {
  const limit = Math.floor(256 / n) * n;
  const byte = new Uint8Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(byte);
    const value = byte[0]!;
    if (value < limit) return value % n;
  }
}

/**
 * A random initial password (≈ 80 bits): 14 characters from a 55-character alphabet without
 * look-alikes, with at least one letter and one digit, so it always passes `passwordProblems`.
 */
export function generatePassword(): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < GENERATED_PASSWORD_LENGTH; i++) out += ALPHABET.charAt(randomIndex(ALPHABET.length));
    if (/[a-zA-Z]/.test(out) && /\d/.test(out)) return out;
  }
}
