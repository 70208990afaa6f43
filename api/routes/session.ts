/**
 * The portal's sign-in and sign-out (browser sessions, api/browser-sessions.ts):
 *
 * - `POST /api/auth/session` `{username, password}` (the login's body) → 200 `{user, expiresAt}`
 *   and the session cookie (api/session-cookie.ts). The token is in the cookie only, never in the
 *   body, so the page's scripts never hold it. Operators are refused: their accounts open only the
 *   Temporal UI's codec endpoint, which has its own sign-in.
 * - `DELETE /api/auth/session` → 204: the session's row is deleted and the cookie cleared; without
 *   a session it is 204 all the same (signing out twice is not an error).
 *
 * Both pass the CSRF check first (api/csrf.ts): another site must not sign a user in (into the
 * attacker's account) or out. The sign-in counts failures in the login's rate limiter.
 */
import { type RequestHandler, Router } from 'express';
import type { Db } from '../../db/client';
import type { SessionStore } from '../browser-sessions';
import { checkCredentials, presentUser } from '../credentials';
import { sameOriginOnly } from '../csrf';
import { AppError } from '../errors';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from '../session-cookie';

export function sessionRouter({ db, sessions, loginLimiter }: { db: Db; sessions: SessionStore; loginLimiter: RequestHandler }): Router {
  const router = Router();

  router.post('/session', sameOriginOnly, loginLimiter, async (req, res) => {
    const account = await checkCredentials(db, req.body);
    if (account.role === 'operator') {
      throw new AppError('FORBIDDEN', '运维账号只用于 Temporal UI 的 codec 接口，不能登录网签门户', { role: 'operator' });
    }
    // Signing in again replaces the browser's previous session rather than leaving it alive.
    const previous = sessionTokenOf(req);
    if (previous !== undefined) await sessions.end(previous);
    const { token, expiresAt } = await sessions.start(account.id);
    setSessionCookie(req, res, token, Math.floor(sessions.ttlMs / 1000));
    res.set('Cache-Control', 'no-store').json({ user: presentUser(account), expiresAt: expiresAt.toISOString() });
  });

  router.delete('/session', sameOriginOnly, async (req, res) => {
    const token = sessionTokenOf(req);
    if (token !== undefined) await sessions.end(token);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  return router;
}
