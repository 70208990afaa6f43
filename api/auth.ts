/**
 * Bearer tokens (HS256 JWT) and the middleware that turns one into the caller's identity. The
 * token carries the account's role and the party it acts for, so authorisation needs no lookup.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { PARTIES, type Party } from '../domain/status';
import { AppError } from './errors';

export interface AuthContext {
  accountId: string;
  role: Party;
  /** studentId, employer credit code or school code. */
  partyId: string;
  name: string;
}

const claimsSchema = z.object({
  sub: z.string().uuid(),
  role: z.enum(PARTIES),
  pid: z.string().min(1),
  name: z.string(),
});

const ISSUER = 'wangqian';

export interface TokenService {
  issue(ctx: AuthContext): Promise<string>;
  verify(token: string): Promise<AuthContext>;
}

export function createTokenService(secret: string, ttl: string): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    issue: (ctx) =>
      new SignJWT({ role: ctx.role, pid: ctx.partyId, name: ctx.name })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(ctx.accountId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(ttl)
        .sign(key),
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
        const claims = claimsSchema.parse(payload);
        return { accountId: claims.sub, role: claims.role, partyId: claims.pid, name: claims.name };
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
        throw new AppError('UNAUTHENTICATED', '登录凭证无效，请重新登录');
      }
    },
  };
}

const AUTH_KEY = Symbol('auth');
type WithAuth = Request & { [AUTH_KEY]?: AuthContext };

/** Requires `Authorization: Bearer <token>`; 401 otherwise. */
export function authenticate(tokens: TokenService): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', '请先登录（缺少 Authorization: Bearer 令牌）');
    (req as WithAuth)[AUTH_KEY] = await tokens.verify(match[1]);
    next();
  };
}

/** The caller, as established by `authenticate`. */
export function callerOf(req: Request): AuthContext {
  const auth = (req as WithAuth)[AUTH_KEY];
  if (!auth) throw new AppError('UNAUTHENTICATED', '请先登录');
  return auth;
}

const ROLE_NAMES: Record<Party, string> = { student: '学生', employer: '用人单位', school: '学校管理员' };

/** 403 unless the caller has one of `roles`. */
export function requireRole(req: Request, ...roles: Party[]): AuthContext {
  const caller = callerOf(req);
  if (!roles.includes(caller.role)) {
    throw new AppError('FORBIDDEN', `此操作仅限${roles.map((r) => ROLE_NAMES[r]).join('或')}`, { role: caller.role });
  }
  return caller;
}
