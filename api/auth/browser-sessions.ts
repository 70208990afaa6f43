/**
 * The portal's browser sessions, beside the Bearer tokens API clients use. A session is a random
 * 32-byte token in the `wq_session` cookie (api/auth/session-cookie.ts); the database keeps only its
 * SHA-256 (db/schema.ts `browser_sessions`), so a leaked table or backup opens no session, and
 * logout really ends one (a JWT cannot be recalled before it expires).
 *
 * Unlike a token, a session is looked up on every request, so a disabled account loses its
 * sessions at once. Operators get none: their accounts open the codec endpoint only (refused at login).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lte, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';

/** A database or one of its transactions. */
type Queryable = Db | Parameters<Parameters<Db['transaction']>[0]>[0];
import { accounts, browserSessions } from '../../db/schema';
import type { AuthContext } from './authenticate';
import { AppError } from '../http/errors';
import { partyIdOf } from './credentials';

/** base64url of 32 random bytes: what the cookie carries. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface StartedSession {
  token: string;
  expiresAt: Date;
}

export interface SessionStore {
  /** How long a session lasts from its login. */
  readonly ttlMs: number;
  start(accountId: string): Promise<StartedSession>;
  /** The caller of a live session; 401 for an expired or unknown one (details.reason says which). */
  resolve(token: string): Promise<AuthContext>;
  /** Deletes the session, if there is one (logout is idempotent). */
  end(token: string): Promise<void>;
}

function idOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Ends the account's browser sessions after its password changed (a new password must lock out
 * whoever knew the old one), all of them or all but `keep` (the cookie of the browser that changed
 * it). Bearer tokens cannot be recalled; they lapse with JWT_TTL.
 */
export async function endSessionsOf(db: Queryable, accountId: string, keep?: string): Promise<void> {
  await db
    .delete(browserSessions)
    .where(keep === undefined ? eq(browserSessions.accountId, accountId) : and(eq(browserSessions.accountId, accountId), ne(browserSessions.id, idOf(keep))));
}

export const SESSION_EXPIRED = () => new AppError('UNAUTHENTICATED', '登录已过期，请重新登录', { reason: 'SESSION_EXPIRED' });
export const SESSION_INVALID = () => new AppError('UNAUTHENTICATED', '登录状态已失效，请重新登录', { reason: 'SESSION_INVALID' });

export function createSessionStore(db: Db, ttlMs: number): SessionStore {
  return {
    ttlMs,
    async start(accountId) {
      const token = randomBytes(32).toString('base64url');
      const now = new Date();
      const expiresAt = new Date(now.getTime() + ttlMs);
      // The account's dead sessions go at its next login, so the table does not grow without end.
      await db.delete(browserSessions).where(and(eq(browserSessions.accountId, accountId), lte(browserSessions.expiresAt, now)));
      await db.insert(browserSessions).values({ id: idOf(token), accountId, createdAt: now, expiresAt });
      return { token, expiresAt };
    },
    async resolve(token) {
      if (!TOKEN_PATTERN.test(token)) throw SESSION_INVALID();
      const [row] = await db
        .select({ expiresAt: browserSessions.expiresAt, account: accounts })
        .from(browserSessions)
        .innerJoin(accounts, eq(accounts.id, browserSessions.accountId))
        .where(eq(browserSessions.id, idOf(token)));
      if (!row || row.account.disabled) throw SESSION_INVALID();
      if (row.expiresAt.getTime() <= Date.now()) throw SESSION_EXPIRED();
      const { account } = row;
      // Never started for an operator (refused at login); should one exist, it opens nothing.
      if (account.role === 'operator') throw SESSION_INVALID();
      return { accountId: account.id, role: account.role, partyId: partyIdOf(account), name: account.displayName };
    },
    async end(token) {
      if (!TOKEN_PATTERN.test(token)) return;
      await db.delete(browserSessions).where(eq(browserSessions.id, idOf(token)));
    },
  };
}
