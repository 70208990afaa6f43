/**
 * Bearer tokens (HS256 JWT) and the middleware that turns a request's credential into the caller's
 * identity. The token carries the account's role and the party it acts for, so authorisation needs
 * no lookup. Operators' tokens act for no party: the party API refuses them (403); only the codec
 * endpoint (api/auth/operator-auth.ts) takes them.
 *
 * The portal's browsers authenticate with the session cookie instead (api/auth/browser-sessions.ts):
 * `Authorization: Bearer` is looked at first, so API clients behave exactly as before, and the
 * cookie only when there is none. A cookie-authenticated write must pass the CSRF check (api/http/csrf.ts).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { ACCOUNT_ROLES } from '../../domain/account-role';
import type { Actor } from '../../domain/signing-machine';
import { type Party, PARTY_ROLE_NAMES } from '../../domain/status';

export type { Party };
import type { SessionStore } from './browser-sessions';
import { assertSameOrigin, isUnsafeMethod } from '../http/csrf';
import { AppError } from '../http/errors';
import { clearSessionCookie, sessionTokenOf } from './session-cookie';

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

/**
 * The token of an `Authorization: Bearer …` header; `''` for a Bearer header without one; undefined
 * for no header or another scheme (a browser may send Basic credentials it cached for /codec).
 */
function bearerTokenOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header || !/^Bearer(\s|$)/i.test(header)) return undefined;
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '';
}

const NOT_SIGNED_IN = '请先登录（浏览器登录，或 Authorization: Bearer 令牌）';

/**
 * Requires a party's account, by `Authorization: Bearer <token>` or else the session cookie; 401
 * without either (or for an expired or unknown one), 403 for an operator, and 403
 * CROSS_SITE_REQUEST for a cookie-authenticated write that does not come from our own pages.
 */
export function authenticate({ tokens, sessions }: { tokens: TokenService; sessions: SessionStore }): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const bearer = bearerTokenOf(req);
    let principal: Principal;
    if (bearer !== undefined) {
      if (!bearer) throw new AppError('UNAUTHENTICATED', NOT_SIGNED_IN);
      principal = await tokens.verify(bearer);
    } else {
      const token = sessionTokenOf(req);
      if (token === undefined) throw new AppError('UNAUTHENTICATED', NOT_SIGNED_IN);
      try {
        principal = await sessions.resolve(token);
      } catch (err) {
        // A session the server no longer honours: the browser may as well forget the cookie.
        if (err instanceof AppError && err.code === 'UNAUTHENTICATED') clearSessionCookie(req, res);
        throw err;
      }
      // Before any handler and the Idempotency-Key middleware: a refused write changes nothing.
      if (isUnsafeMethod(req.method)) assertSameOrigin(req);
    }
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

/** The caller, if `authenticate` has run and let one through (route-guard's role check). */
export function maybeCallerOf(req: Request): AuthContext | undefined {
  return (req as WithAuth)[AUTH_KEY];
}

/** The 403 for a caller of `role` on an operation that only `roles` may do. */
export function forbiddenFor(role: Party, roles: readonly Party[]): AppError {
  return new AppError('FORBIDDEN', `此操作仅限${roles.map((r) => PARTY_ROLE_NAMES[r]).join('或')}`, { role });
}

/** 403 unless the caller has one of `roles`. */
export function requireRole(req: Request, ...roles: Party[]): AuthContext {
  const caller = callerOf(req);
  if (!roles.includes(caller.role)) throw forbiddenFor(caller.role, roles);
  return caller;
}

/** The caller as the workflow records an actor: role, account and party. */
export function actorOf(caller: AuthContext): Actor {
  return { role: caller.role, id: caller.accountId, partyId: caller.partyId };
}
