/**
 * Account safeguards against guessing and flooding:
 *
 * - `loginRateLimit`: failed login attempts per (client IP, username) are limited (default 10 per
 *   15 minutes); beyond that `POST /api/auth/login` answers 429 TOO_MANY_REQUESTS with
 *   `Retry-After`, also for the right password, until the window passes. A successful login does
 *   not count. The counters live in the API process's memory (express-rate-limit's MemoryStore):
 *   several API replicas each count on their own, and behind a reverse proxy Express's
 *   `trust proxy` must be set for the client IP to be the real one.
 * - `registrationRateLimit`: self-registrations per client IP (default 20 per hour).
 */
import type { Request, RequestHandler } from 'express';
import { type Options, ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../http/errors';

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
