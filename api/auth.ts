/**
 * Bearer tokens (HS256 JWT) and the middleware that turns one into the caller's identity. The
 * token carries the account's role and the party it acts for, so authorisation needs no lookup.
 * Operators' tokens act for no party: the party API refuses them (403); only the codec endpoint
 * (api/operator-auth.ts) takes them.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { ACCOUNT_ROLES } from '../domain/account-role';
import type { Party } from '../domain/status';
import { AppError } from './errors';

export interface AuthContext {
  accountId: string;
  role: Party;
  /** studentId, employer credit code or school code. */
  partyId: string;
  name: string;
}

/** An operator account (no party): what the codec endpoint accepts. */
export interface OperatorContext {
  accountId: string;
  role: 'operator';
  name: string;
}

/** Whoever a valid token names. */
export type Principal = AuthContext | OperatorContext;

const claimsSchema = z.object({
  sub: z.string().uuid(),
  role: z.enum(ACCOUNT_ROLES),
  pid: z.string().min(1),
  name: z.string(),
});

const ISSUER = 'wangqian';

export interface TokenService {
  issue(principal: Principal): Promise<string>;
  verify(token: string): Promise<Principal>;
}

export function createTokenService(secret: string, ttl: string): TokenService {
  const key = new TextEncoder().encode(secret);
  return {
    issue: (principal) =>
      // An operator's pid is its own account id (the claim is always present).
      new SignJWT({ role: principal.role, pid: principal.role === 'operator' ? principal.accountId : principal.partyId, name: principal.name })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(principal.accountId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(ttl)
        .sign(key),
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
        const claims = claimsSchema.parse(payload);
        if (claims.role === 'operator') return { accountId: claims.sub, role: 'operator', name: claims.name };
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

/** Requires `Authorization: Bearer <token>` of a party's account; 401 without one, 403 for an operator. */
export function authenticate(tokens: TokenService): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', '请先登录（缺少 Authorization: Bearer 令牌）');
    const principal = await tokens.verify(match[1]);
    if (principal.role === 'operator') {
      throw new AppError('FORBIDDEN', '运维账号不能使用网签业务接口（只用于 Temporal UI 的 codec 接口）', { role: 'operator' });
    }
    (req as WithAuth)[AUTH_KEY] = principal;
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
