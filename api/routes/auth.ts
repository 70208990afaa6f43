/** POST /api/auth/login: username + password → bearer token. */
import { hash, verify } from '@node-rs/argon2';
import { Router } from 'express';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts } from '../../db/schema';
import { loginSchema } from '../../domain/schemas';
import type { Principal, TokenService } from '../auth';
import { AppError } from '../errors';
import { parseInput } from '../validate';

// Verifying against a fixed hash when the user does not exist keeps the response time the same,
// so timing does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hash('not-a-real-password'));

export function partyIdOf(account: typeof accounts.$inferSelect): string {
  if (account.role === 'operator') throw new Error(`account ${account.id} is an operator and acts for no party`);
  const id = { student: account.studentId, employer: account.employerCreditCode, school: account.schoolCode }[account.role];
  if (!id) throw new Error(`account ${account.id} has no party for role ${account.role}`);
  return id;
}

export function authRouter({ db, tokens }: { db: Db; tokens: TokenService }): Router {
  const router = Router();
  router.post('/login', async (req, res) => {
    const { username, password } = parseInput(loginSchema, req.body);
    const [account] = await db.select().from(accounts).where(eq(accounts.username, username));
    const ok = await verify(account?.passwordHash ?? (await dummy()), password).catch(() => false);
    if (!account || !ok || account.disabled) {
      throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
    }
    // An operator's token opens the codec endpoint only (Authorization: Bearer for the CLI).
    const principal: Principal =
      account.role === 'operator'
        ? { accountId: account.id, role: 'operator', name: account.displayName }
        : { accountId: account.id, role: account.role, partyId: partyIdOf(account), name: account.displayName };
    res.json({
      token: await tokens.issue(principal),
      user: { id: account.id, role: account.role, name: account.displayName, username: account.username },
    });
  });
  return router;
}
