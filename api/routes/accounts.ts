/**
 * Account safeguards and the school admin's account care:
 *
 * - `loginRateLimit`: failed login attempts per (client IP, username) are limited (default 10 per
 *   15 minutes); beyond that `POST /api/auth/login` answers 429 TOO_MANY_REQUESTS with
 *   `Retry-After`, also for the right password, until the window passes. A successful login does
 *   not count. The counters live in the API process's memory (express-rate-limit's MemoryStore):
 *   several API replicas each count on their own, and behind a reverse proxy Express's
 *   `trust proxy` must be set for the client IP to be the real one.
 * - `registrationRateLimit`: self-registrations per client IP (default 20 per hour).
 * - `POST /api/school/students/:examineeNo/reset-password` (school admin of the student's school):
 *   a new generated password for the student's login, returned once (like the import's initial
 *   passwords); 404 for a student of another school or one without a login. Mounted, like the
 *   import, outside the Idempotency-Key middleware, which stores responses.
 */
import { hash } from '@node-rs/argon2';
import type { Request, RequestHandler } from 'express';
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json } from '../http/route-spec';
import { examineeNoParam } from '../http/params';
import { type Options, ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, students } from '../../db/schema';
import { generatePassword } from '../../domain/password-policy';
import { examineeNoSchema } from '../../domain/schemas';
import { requireRole } from '../auth';
import { endSessionsOf } from '../browser-sessions';
import { AppError } from '../errors';
import { emptyBodySchema, parseInput } from '../validate';

export interface RateLimitSettings {
  /** Requests counted per key within the window. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: RateLimitSettings = { limit: 10, windowMs: 15 * 60_000 };
export const DEFAULT_REGISTRATION_RATE_LIMIT: RateLimitSettings = { limit: 20, windowMs: 60 * 60_000 };

function clientIp(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

/** A 429 with `Retry-After` (seconds) and the minutes to wait in its message; shared by every limiter. */
export function tooMany(message: string): Options['handler'] {
  return (req, res, next) => {
    const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
    const retryAfter = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : undefined;
    if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
    const minutes = retryAfter !== undefined ? Math.ceil(retryAfter / 60) : undefined;
    next(new AppError('TOO_MANY_REQUESTS', minutes ? `${message}，请 ${minutes} 分钟后再试` : `${message}，请稍后再试`, retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : undefined));
  };
}

/** Limits failed logins per client IP and username (see the header). */
export function loginRateLimit(settings: RateLimitSettings = DEFAULT_LOGIN_RATE_LIMIT): RequestHandler {
  return rateLimit({
    windowMs: settings.windowMs,
    limit: settings.limit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const username = (req.body as { username?: unknown } | undefined)?.username;
      return `${clientIp(req)}|${typeof username === 'string' ? username.trim().slice(0, 64) : ''}`;
    },
    handler: tooMany('登录失败次数过多'),
  });
}

/** Limits self-registrations per client IP. */
export function registrationRateLimit(settings: RateLimitSettings = DEFAULT_REGISTRATION_RATE_LIMIT): RequestHandler {
  return rateLimit({
    windowMs: settings.windowMs,
    limit: settings.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: clientIp,
    handler: tooMany('注册请求过于频繁'),
  });
}

/** The school admin's care of its students' logins; mounted on /api/school/students. */
export const studentAccountRoutes = routeGroup<{ db: Db }>('studentAccounts', [
  defineRoute({
    operationId: 'student_resetPassword',
    method: 'post',
    path: '/api/school/students/{examineeNo}/reset-password',
    tag: TAGS.school,
    summary: '为本校学生重置登录密码（新密码仅此一次返回）',
    roles: ['school'],
    schemas: { params: examineeNoParam, body: emptyBodySchema },
    bodyOptional: true,
    success: [json(200, '新的初始密码')],
    owns: { param: 'examineeNo', resource: 'student' },
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'school');
        parseInput(emptyBodySchema, req.body);
        const examineeNo = examineeNoSchema.safeParse(req.params.examineeNo);
        const [target] = examineeNo.success
          ? await db
              .select({ accountId: accounts.id, username: accounts.username, name: students.name, examineeNo: students.examineeNo })
              .from(accounts)
              .innerJoin(students, eq(students.id, accounts.studentId))
              .where(and(eq(students.examineeNo, examineeNo.data), eq(students.schoolCode, caller.partyId), eq(accounts.role, 'student')))
          : [];
        if (!target) throw AppError.notFound('本校学生的登录账号');
        const password = generatePassword();
        const passwordHash = await hash(password);
        // A reset is for a student who lost control of the account: every browser session of it ends.
        await db.transaction(async (tx) => {
          await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, target.accountId));
          await endSessionsOf(tx, target.accountId);
        });
        res.set('Cache-Control', 'no-store').json({
          examineeNo: target.examineeNo,
          name: target.name,
          username: target.username,
          initialPassword: password,
        });
      },
  }),
]);
