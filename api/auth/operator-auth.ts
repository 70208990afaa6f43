/**
 * Who may use the codec endpoint: operator accounts (运维人员) only, two ways —
 *
 * - `Authorization: Bearer <token>` from `POST /api/auth/login` of an operator account (the
 *   Temporal CLI's `--codec-auth`, scripts);
 * - HTTP Basic `username:password`, checked with the same argon2 verify as the login: the Temporal
 *   UI in a browser sends the credentials the browser cached for the API's origin when its codec
 *   setting "Include cross-origin credentials" is on.
 *
 * Missing or wrong credentials: 401 with a Basic challenge (so a browser asks for them; missing
 * ones say 需要运维账号登录, and do not count as a failed login); a valid
 * account that is not an operator: 403. The UI decodes page by page, many requests at once, so a
 * successful Basic check is remembered for a minute instead of paying an argon2
 * verification, slow by design (BENCHMARKS.md, "Figures behind code comments"), on each.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../db/client';
import { accounts } from '../../db/schema';
import type { OperatorContext, TokenService } from './authenticate';
import { AppError } from '../http/errors';

/** The challenge's bytes are UTF-8 (the realm is Chinese); Node writes header strings as latin1. */
export const CODEC_REALM = '网上签约 codec';
const CHALLENGE = Buffer.from(`Basic realm="${CODEC_REALM}", charset="UTF-8"`, 'utf8').toString('latin1');

const BASIC_CACHE_MS = 60_000;
const BASIC_CACHE_MAX = 1_000;

// As in the login: verifying against a fixed hash when the user does not exist keeps the timing flat.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hash('not-a-real-password'));

const OPERATOR_KEY = Symbol('operator');
type WithOperator = Request & { [OPERATOR_KEY]?: OperatorContext };

export function operatorOf(req: Request): OperatorContext {
  const operator = (req as WithOperator)[OPERATOR_KEY];
  if (!operator) throw new AppError('UNAUTHENTICATED', '请先以运维账号登录');
  return operator;
}

/** The Basic username, if the request carries Basic credentials (rate limiting keys on it). */
export function basicUsernameOf(req: Request): string | undefined {
  const credentials = basicCredentials(req.headers.authorization);
  return credentials === 'malformed' ? undefined : credentials?.username;
}

function basicCredentials(header: string | undefined): { username: string; password: string } | 'malformed' | undefined {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return 'malformed';
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function requireOperator({ db, tokens }: { db: Db; tokens: TokenService }): RequestHandler {
  // Keyed by an HMAC under a per-process key, so the cache never holds a password or a plain hash of one.
  const cacheKey = randomBytes(32);
  const verified = new Map<string, { operator: OperatorContext; until: number }>();

  async function checkBasic(username: string, password: string): Promise<OperatorContext> {
    const key = createHmac('sha256', cacheKey).update(username).update('\0').update(password).digest('base64');
    const cached = verified.get(key);
    if (cached && cached.until > Date.now()) return cached.operator;
    verified.delete(key);

    const [account] = await db.select().from(accounts).where(eq(accounts.username, username));
    const ok = await verify(account?.passwordHash ?? (await dummy()), password).catch(() => false);
    if (!account || !ok || account.disabled) throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
    if (account.role !== 'operator') throw new AppError('FORBIDDEN', 'codec 接口仅限运维人员', { role: account.role });
    const operator: OperatorContext = { accountId: account.id, role: 'operator', name: account.displayName };
    if (verified.size >= BASIC_CACHE_MAX) verified.clear();
    verified.set(key, { operator, until: Date.now() + BASIC_CACHE_MS });
    return operator;
  }

  async function identify(header: string | undefined): Promise<OperatorContext> {
    const bearer = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (bearer) {
      const principal = await tokens.verify(bearer[1]!);
      if (principal.role !== 'operator') throw new AppError('FORBIDDEN', 'codec 接口仅限运维人员', { role: principal.role });
      return principal;
    }
    const basic = basicCredentials(header);
    if (basic === 'malformed') throw new AppError('UNAUTHENTICATED', 'Basic 凭证格式错误（应为 base64 编码的 用户名:密码）');
    if (basic) return checkBasic(basic.username, basic.password);
    // No password was tried: not a failed login (api/ops/codec.ts does not count it), only a request to sign in.
    throw new AppError('UNAUTHENTICATED', '需要运维账号登录：在浏览器中打开本服务的 /codec/login 并输入运维账号，或发送 Authorization: Bearer 令牌 / HTTP Basic 用户名与密码');
  }

  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      (req as WithOperator)[OPERATOR_KEY] = await identify(req.headers.authorization);
    } catch (err) {
      if (err instanceof AppError && err.code === 'UNAUTHENTICATED') res.set('WWW-Authenticate', CHALLENGE);
      throw err;
    }
    next();
  };
}
