/**
 * The username + password check both logins share (POST /api/auth/login for a Bearer token,
 * POST /api/auth/session for the portal's cookie), and the party an account acts for.
 */
import { hash, verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts } from '../../db/schema';
import { loginSchema } from '../../domain/schemas';
import { AppError } from '../http/errors';
import { parseInput } from '../http/validate';

export type Account = typeof accounts.$inferSelect;

// Verifying against a fixed hash when the user does not exist keeps the response time the same,
// so timing does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hash('not-a-real-password'));

/** The account whose username and password the body (loginSchema) names; 401 otherwise, disabled ones too. */
export async function checkCredentials(db: Db, body: unknown): Promise<Account> {
  const { username, password } = parseInput(loginSchema, body);
  const [account] = await db.select().from(accounts).where(eq(accounts.username, username));
  const ok = await verify(account?.passwordHash ?? (await dummy()), password).catch(() => false);
  if (!account || !ok || account.disabled) {
    throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
  }
  return account;
}

/** studentId, employer credit code or school code; operators act for no party (throws). */
export function partyIdOf(account: Account): string {
  if (account.role === 'operator') throw new Error(`account ${account.id} is an operator and acts for no party`);
  const id = { student: account.studentId, employer: account.employerCreditCode, school: account.schoolCode }[account.role];
  if (!id) throw new Error(`account ${account.id} has no party for role ${account.role}`);
  return id;
}

/** The account as the login answers show it. */
export function presentUser(account: Account): { id: string; role: Account['role']; name: string; username: string } {
  return { id: account.id, role: account.role, name: account.displayName, username: account.username };
}
