/**
 * The portal's sign-in and sign-out (browser sessions, api/auth/browser-sessions.ts):
 *
 * - `POST /api/auth/session` `{username, password}` (the login's body) → 200 `{user, expiresAt}`
 *   and the session cookie (api/auth/session-cookie.ts). The token is in the cookie only, never in the
 *   body, so the page's scripts never hold it. Operators are refused: their accounts open only the
 *   Temporal UI's codec endpoint, which has its own sign-in.
 * - `DELETE /api/auth/session` → 204: the session's row is deleted and the cookie cleared; without
 *   a session it is 204 all the same (signing out twice is not an error).
 *
 * Both pass the CSRF check first (api/http/csrf.ts): another site must not sign a user in (into the
 * attacker's account) or out. The sign-in counts failures in the login's rate limiter.
 */
import type { RequestHandler } from 'express';
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json, noContent } from '../http/route-spec';
import { sessionResponseSchema } from '../openapi/responses';
import { loginSchema } from '../../domain/schemas';
import type { Db } from '../../db/client';
import type { SessionStore } from './browser-sessions';
import { checkCredentials, presentUser } from './credentials';
import { sameOriginOnly } from '../http/csrf';
import { AppError } from '../http/errors';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './session-cookie';

export const sessionRoutes = routeGroup<{ db: Db; sessions: SessionStore; loginLimiter: RequestHandler }>('session', [
  defineRoute({
    operationId: 'session_create',
    method: 'post',
    path: '/api/auth/session',
    tag: TAGS.auth,
    summary: '浏览器登录（门户）：设置会话 Cookie',
    description:
      '请求体与 `POST /api/auth/login` 相同。成功时设置 `wq_session` Cookie（HttpOnly、SameSite=Strict、Path=/，HTTPS 时加 Secure），令牌不出现在响应体中。' +
      '须为同源请求（`Sec-Fetch-Site: same-origin`，或 `Origin` 为本站），否则 403（details.reason = CROSS_SITE_REQUEST）；运维账号 403。登录失败次数与 `/api/auth/login` 合并计数。',
    roles: 'anyone',
    schemas: { body: loginSchema },
    success: [json(200, '已登录，返回账号与会话到期时间', sessionResponseSchema)],
    errors: ['UNAUTHENTICATED', 'FORBIDDEN'],
    rateLimited: 'login',
    handle: ({ db, sessions, loginLimiter }) => [
      sameOriginOnly,
      loginLimiter,
      async (req, res) => {
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
      },
    ],
  }),

  defineRoute({
    operationId: 'session_delete',
    method: 'delete',
    path: '/api/auth/session',
    tag: TAGS.auth,
    summary: '浏览器退出登录：结束会话并清除 Cookie',
    description: '服务端删除会话并清除 `wq_session` Cookie；没有会话时同样返回 204。须为同源请求，否则 403（CROSS_SITE_REQUEST）。',
    roles: 'anyone',
    schemas: {},
    success: [noContent('已退出')],
    errors: ['FORBIDDEN'],
    handle: ({ sessions }) => [
      sameOriginOnly,
      async (req, res) => {
        const token = sessionTokenOf(req);
        if (token !== undefined) await sessions.end(token);
        clearSessionCookie(req, res);
        res.status(204).end();
      },
    ],
  }),
]);
