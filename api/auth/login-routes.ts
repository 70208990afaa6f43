/** POST /api/auth/login: username + password → bearer token. */
import type { RequestHandler } from 'express';
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json } from '../http/route-spec';
import { loginResponseSchema } from '../openapi/responses';
import { loginSchema } from '../../domain/schemas';
import type { Db } from '../../db/client';
import type { Principal, TokenService } from './authenticate';
import { checkCredentials, partyIdOf, presentUser } from './credentials';

export const loginRoutes = routeGroup<{ db: Db; tokens: TokenService; loginLimiter: RequestHandler }>('login', [
  defineRoute({
    operationId: 'login',
    method: 'post',
    path: '/api/auth/login',
    tag: TAGS.auth,
    summary: '登录，取得 Bearer 令牌',
    roles: 'anyone',
    schemas: { body: loginSchema },
    success: [json(200, '登录成功', loginResponseSchema)],
    errors: ['UNAUTHENTICATED'],
    rateLimited: 'login',
    handle: ({ db, tokens, loginLimiter }) => [
      loginLimiter,
      async (req, res) => {
        const account = await checkCredentials(db, req.body);
        // An operator's token opens the codec endpoint only (Authorization: Bearer for the CLI).
        const principal: Principal =
          account.role === 'operator'
            ? { accountId: account.id, role: 'operator', name: account.displayName }
            : { accountId: account.id, role: account.role, partyId: partyIdOf(account), name: account.displayName };
        res.json({ token: await tokens.issue(principal), user: presentUser(account) });
      },
    ],
  }),
]);
