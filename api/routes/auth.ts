/** POST /api/auth/login: username + password → bearer token. */
import { Router } from 'express';
import type { Db } from '../../db/client';
import type { Principal, TokenService } from '../auth';
import { checkCredentials, partyIdOf, presentUser } from '../credentials';

export function authRouter({ db, tokens }: { db: Db; tokens: TokenService }): Router {
  const router = Router();
  router.post('/login', async (req, res) => {
    const account = await checkCredentials(db, req.body);
    // An operator's token opens the codec endpoint only (Authorization: Bearer for the CLI).
    const principal: Principal =
      account.role === 'operator'
        ? { accountId: account.id, role: 'operator', name: account.displayName }
        : { accountId: account.id, role: account.role, partyId: partyIdOf(account), name: account.displayName };
    res.json({ token: await tokens.issue(principal), user: presentUser(account) });
  });
  return router;
}
