/**
 * A write no retry can fix: PostgreSQL refused the data itself (SQLSTATE class 22 "data exception",
 * e.g. 22P05 `unsupported Unicode escape sequence`, 22021 invalid byte sequence; 23502 NOT NULL and
 * 23514 CHECK violations; 54000 a value over a program limit). Retrying such a write spins for ever
 * and wedges the signing behind it, so it fails at once as a non-retryable `UNSTORABLE_WRITE`,
 * counted by the `wq_unstorable_writes` metric (the worker's /metrics, for an alert), and the
 * workflow holds the signing for an operator (RELIABILITY.md "A write no retry can fix").
 *
 * Transient failures (connection lost, serialization, deadlock, the signing row not yet committed)
 * keep retrying as before.
 */
import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { UNSTORABLE_WRITE } from '../domain/failure-types';

export { UNSTORABLE_WRITE };
export const UNSTORABLE_WRITES_METRIC = 'wq_unstorable_writes';

const UNFIXABLE = [/^22/, /^23502$/, /^23514$/, /^54000$/];

/** The SQLSTATE of a PostgreSQL error, through drizzle's wrapping (`cause`). */
export function sqlStateOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export function isUnfixableWrite(err: unknown): boolean {
  const state = sqlStateOf(err);
  return state !== undefined && UNFIXABLE.some((p) => p.test(state));
}

function countUnstorable(activity: string): void {
  try {
    Context.current()
      .metricMeter.createCounter(UNSTORABLE_WRITES_METRIC, '1', 'Writes PostgreSQL refused for their data (no retry can fix them)')
      .add(1, { activity });
  } catch {
    // Outside an activity (a direct call in a test): nothing to count on.
  }
}

/** `fn`, with its unfixable database failures turned into a non-retryable UNSTORABLE_WRITE. */
export function failFastOnUnstorable<A extends unknown[], R>(activity: string, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      if (!isUnfixableWrite(err)) throw err;
      const sqlState = sqlStateOf(err)!;
      const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
      countUnstorable(activity);
      try {
        log.error('无法保存：PostgreSQL 拒绝了数据，重试无法修复', { activity, sqlState, error: cause });
      } catch {
        // no activity context
      }
      throw ApplicationFailure.create({
        type: UNSTORABLE_WRITE,
        message: `PostgreSQL 拒绝保存此数据（SQLSTATE ${sqlState}：${cause}），重试无法修复`,
        details: [{ activity, sqlState }],
        nonRetryable: true,
      });
    }
  };
}
