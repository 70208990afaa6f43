/**
 * `Idempotency-Key` on POSTs (docs/design.md §7): the first request with a key is processed and its answer
 * stored; a repeat with the same key and body gets that stored answer and changes nothing. The key
 * is reserved before processing, so a concurrent repeat is told to wait instead of acting twice.
 * Server errors (5xx) are not stored: the client may retry them with the same key.
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { idempotencyKeys } from '../../db/schema';
import { callerOf } from '../auth/authenticate';
import { AppError } from './errors';

/** 1–200 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const IDEMPOTENCY_KEY = Symbol('idempotencyKey');
type WithKey = Request & { [IDEMPOTENCY_KEY]?: string };

/** The request's key scoped to the caller, usable as a Temporal Update id. */
export function idempotencyIdOf(req: Request): string | undefined {
  return (req as WithKey)[IDEMPOTENCY_KEY];
}

/** The request as sent: method, path, body — and an uploaded file's bytes (a multipart body read before this). */
function fingerprintOf(req: Request): string {
  const hash = createHash('sha256').update(`${req.method} ${req.baseUrl}${req.path}\n${JSON.stringify(req.body ?? null)}`);
  if (req.file) hash.update('\n').update(req.file.buffer);
  return hash.digest('hex');
}

/**
 * A reservation still without an outcome after this long is treated as abandoned and the repeat
 * processes the request itself. Found by tests/faults/postgres-outage: a request that reserved its
 * key and then met PostgreSQL going down could neither store its answer nor free the key, so every
 * retry got 409 IN_PROGRESS for ever. Taking over cannot act twice: an action's Temporal Update id
 * is this key, so Temporal returns the first outcome; a repeated submission meets the
 * one-active-signing rule.
 */
export const ABANDONED_RESERVATION_MS = 30_000;

async function takeOverAbandoned(db: Db, accountId: string, key: string): Promise<boolean> {
  const taken = await db
    .update(idempotencyKeys)
    .set({ createdAt: new Date() })
    .where(
      and(
        eq(idempotencyKeys.accountId, accountId),
        eq(idempotencyKeys.key, key),
        isNull(idempotencyKeys.statusCode),
        lt(idempotencyKeys.createdAt, new Date(Date.now() - ABANDONED_RESERVATION_MS)),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return taken.length > 0;
}

export function idempotency(db: Db): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const key = req.get('Idempotency-Key');
    if (req.method !== 'POST' || key === undefined) return next();
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new AppError('VALIDATION_FAILED', 'Idempotency-Key 格式错误', [
        { path: 'header:Idempotency-Key', message: '应为 1–200 个可见 ASCII 字符' },
      ]);
    }
    const { accountId } = callerOf(req);
    const fingerprint = fingerprintOf(req);
    const reserved = await db
      .insert(idempotencyKeys)
      .values({ accountId, key, fingerprint })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });

    if (reserved.length === 0) {
      const [earlier] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key)));
      if (earlier && earlier.fingerprint !== fingerprint) {
        throw new AppError('CONFLICT', '该 Idempotency-Key 已用于另一个不同的请求', { reason: 'IDEMPOTENCY_KEY_REUSED' });
      }
      if (!earlier || (earlier.statusCode === null && !(await takeOverAbandoned(db, accountId, key)))) {
        throw new AppError('CONFLICT', '相同 Idempotency-Key 的请求正在处理中，请稍后重试', { reason: 'IDEMPOTENCY_KEY_IN_PROGRESS' });
      }
      if (earlier.statusCode !== null) {
        res.set('Idempotent-Replayed', 'true').status(earlier.statusCode).json(earlier.body);
        return;
      }
    }

    (req as WithKey)[IDEMPOTENCY_KEY] = `${accountId}:${key}`;
    const send = res.json.bind(res);
    const where = and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key));
    // Store the outcome before the client sees it, so a repeat right after gets it too.
    res.json = (body: unknown) => {
      const statusCode = res.statusCode;
      const store =
        statusCode >= 500
          ? db.delete(idempotencyKeys).where(where)
          : db.update(idempotencyKeys).set({ statusCode, body: body ?? null }).where(where);
      store.then(
        () => send(body),
        () => {
          // The outcome could not be recorded; say so rather than claim a replayable answer, and
          // free the key so the client's retry is processed.
          db.delete(idempotencyKeys).where(where).catch(() => undefined);
          res.status(503);
          send({ error: { code: 'UNAVAILABLE', message: '服务暂时不可用，请使用相同的 Idempotency-Key 重试' } });
        },
      );
      return res;
    };
    next();
  };
}
