/**
 * `Idempotency-Key` on POSTs (docs/design.md §7): the first request with a key is processed and its
 * answer stored; a repeat with the same key and body gets that stored answer and changes nothing.
 * Server errors (5xx) are not stored: the client may retry them with the same key.
 *
 * Two ways to keep a concurrent repeat from acting twice, chosen by the route (api/http/route-spec.ts):
 * - `reserve`: the key is claimed before processing, so a concurrent repeat is told to wait (409
 *   IDEMPOTENCY_KEY_IN_PROGRESS). Two commits per request: the claim and the outcome.
 * - `record`: for a route whose effect is deduplicated anyway — a party action is one Temporal Update
 *   whose id carries the key and the fingerprint, so concurrent copies get the one outcome; a new
 *   signing meets the one-active-signing index and records its answer in its reservation's
 *   transaction. Nothing is claimed; the outcome is inserted after (one commit, or none beyond the
 *   route's own), and a copy that loses that insert answers what the winner stored.
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { idempotencyKeys } from '../../db/schema';
import { callerOf } from '../auth/authenticate';
import { AppError } from './errors';
import { matchedRoute } from './matched-route';
import type { IdempotencyMode } from './route-spec';

/** 1–200 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

interface KeyedRequest {
  accountId: string;
  key: string;
  fingerprint: string;
  /** The id Temporal deduplicates this request's Update by. */
  updateId: string;
  /** Set once the route stored the outcome itself (recordInTransaction). */
  recorded: boolean;
}
const KEYED = Symbol('idempotencyKey');
type WithKey = Request & { [KEYED]?: KeyedRequest };

/** The request's key scoped to the caller, usable as a Temporal Update id. */
export function idempotencyIdOf(req: Request): string | undefined {
  return (req as WithKey)[KEYED]?.updateId;
}

/**
 * For a `record` route that writes in a transaction of its own: stores the answer it will send in
 * that transaction, so the effect and its stored answer commit together (a copy racing it then
 * finds the answer, never a half). Undefined when the request has no key.
 */
export function recordInTransaction(req: Request): ((tx: Tx, statusCode: number, body: unknown) => Promise<void>) | undefined {
  const keyed = (req as WithKey)[KEYED];
  if (!keyed) return undefined;
  return async (tx, statusCode, body) => {
    await tx.insert(idempotencyKeys).values({ accountId: keyed.accountId, key: keyed.key, fingerprint: keyed.fingerprint, statusCode, body: body ?? null });
    keyed.recorded = true;
  };
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

type KeyRow = typeof idempotencyKeys.$inferSelect;
const rowWhere = (accountId: string, key: string) => and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key));

async function storedRow(db: Db, accountId: string, key: string): Promise<KeyRow | undefined> {
  const [row] = await db.select().from(idempotencyKeys).where(rowWhere(accountId, key));
  return row;
}

function refuseReuse(): never {
  throw new AppError('CONFLICT', '该 Idempotency-Key 已用于另一个不同的请求', { reason: 'IDEMPOTENCY_KEY_REUSED' });
}

/** Answers the stored outcome (`send`: the response's own `json`, not the recording wrapper below). */
function replay(res: Response, row: KeyRow & { statusCode: number }, send: (body: unknown) => unknown = (body) => res.json(body)): void {
  res.set('Idempotent-Replayed', 'true').status(row.statusCode);
  send(row.body);
}

async function takeOverAbandoned(db: Db, accountId: string, key: string): Promise<boolean> {
  const taken = await db
    .update(idempotencyKeys)
    .set({ createdAt: new Date() })
    .where(and(rowWhere(accountId, key), isNull(idempotencyKeys.statusCode), lt(idempotencyKeys.createdAt, new Date(Date.now() - ABANDONED_RESERVATION_MS))))
    .returning({ key: idempotencyKeys.key });
  return taken.length > 0;
}

/** `reserve`: claims the key, or answers a repeat (stored answer, reuse, in progress). True: go on and process. */
async function reserve(db: Db, keyed: KeyedRequest, res: Response): Promise<boolean> {
  const { accountId, key, fingerprint } = keyed;
  const reserved = await db.insert(idempotencyKeys).values({ accountId, key, fingerprint }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (reserved.length > 0) return true;
  const earlier = await storedRow(db, accountId, key);
  if (earlier && earlier.fingerprint !== fingerprint) refuseReuse();
  if (earlier?.statusCode != null) {
    replay(res, { ...earlier, statusCode: earlier.statusCode });
    return false;
  }
  if (!earlier || !(await takeOverAbandoned(db, accountId, key))) {
    throw new AppError('CONFLICT', '相同 Idempotency-Key 的请求正在处理中，请稍后重试', { reason: 'IDEMPOTENCY_KEY_IN_PROGRESS' });
  }
  return true;
}

/** `reserve`: the claimed row gets the outcome (a 5xx frees it). */
async function storeReserved(db: Db, keyed: KeyedRequest, statusCode: number, body: unknown): Promise<void> {
  const where = rowWhere(keyed.accountId, keyed.key);
  if (statusCode >= 500) await db.delete(idempotencyKeys).where(where);
  else await db.update(idempotencyKeys).set({ statusCode, body: body ?? null }).where(where);
}

/**
 * `record`: inserts the outcome, unless a copy of the request stored one first. Answers what to
 * send: this request's own outcome, or the stored one to replay. A success outranks a refusal a
 * copy stored first (the copy was refused because this one's Update had already acted, and the
 * Update id makes them one action): the success is what the key did.
 */
async function storeRecorded(db: Db, keyed: KeyedRequest, statusCode: number, body: unknown): Promise<KeyRow | undefined> {
  if (statusCode >= 500) return undefined;
  const { accountId, key, fingerprint } = keyed;
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ accountId, key, fingerprint, statusCode, body: body ?? null })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return undefined;
  const earlier = await storedRow(db, accountId, key);
  // Another request under the same key (different body) raced this one: each got its own outcome; the first stored stays.
  if (!earlier || earlier.fingerprint !== fingerprint || earlier.statusCode === null) return undefined;
  if (statusCode < 300 && earlier.statusCode >= 400) {
    await db.update(idempotencyKeys).set({ statusCode, body: body ?? null }).where(rowWhere(accountId, key));
    return undefined;
  }
  return earlier;
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
    const mode: IdempotencyMode = matchedRoute(res)?.idempotencyKey === 'record' ? 'record' : 'reserve';
    const { accountId } = callerOf(req);
    const fingerprint = fingerprintOf(req);
    // `record` leaves concurrent copies to Temporal's Update deduplication: the id carries the
    // fingerprint, so a different request under the same key is an Update of its own, judged on its own.
    const updateId = mode === 'record' ? `${accountId}:${key}:${fingerprint.slice(0, 16)}` : `${accountId}:${key}`;
    const keyed: KeyedRequest = { accountId, key, fingerprint, updateId, recorded: false };

    if (mode === 'reserve') {
      if (!(await reserve(db, keyed, res))) return;
    } else {
      const earlier = await storedRow(db, accountId, key);
      if (earlier && earlier.fingerprint !== fingerprint) refuseReuse();
      if (earlier?.statusCode != null) return replay(res, { ...earlier, statusCode: earlier.statusCode });
    }

    (req as WithKey)[KEYED] = keyed;
    const send = res.json.bind(res);
    // Store the outcome before the client sees it, so a repeat right after gets it too.
    res.json = (body: unknown) => {
      const statusCode = res.statusCode;
      const stored: Promise<KeyRow | undefined> =
        keyed.recorded ? Promise.resolve(undefined) : mode === 'reserve' ? storeReserved(db, keyed, statusCode, body).then(() => undefined) : storeRecorded(db, keyed, statusCode, body);
      stored.then(
        (earlier) => (earlier?.statusCode != null ? replay(res, { ...earlier, statusCode: earlier.statusCode }, send) : void send(body)),
        () => {
          // The outcome could not be recorded; say so rather than claim a replayable answer, and
          // free the key so the client's retry is processed.
          if (mode === 'reserve') db.delete(idempotencyKeys).where(rowWhere(accountId, key)).catch(() => undefined);
          res.status(503);
          send({ error: { code: 'UNAVAILABLE', message: '服务暂时不可用，请使用相同的 Idempotency-Key 重试' } });
        },
      );
      return res;
    };
    next();
  };
}
