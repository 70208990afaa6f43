/**
 * Keyset cursors for newest-first lists: the (created_at, id) of the last item, base64url JSON.
 * The same format as /api/signings, so clients handle every list alike.
 */
import { type SQL, and, eq, lt, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { AppError } from './errors';

export interface KeysetCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.createdAt.toISOString(), i: cursor.id })).toString('base64url');
}

const cursorPayload = z.object({ t: z.string().datetime(), i: z.string().uuid() });

/** The cursor, or 400 naming `query.cursor` when it is not one we issued. */
export function decodeCursor(raw: string | undefined): KeysetCursor | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = cursorPayload.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return { createdAt: new Date(parsed.t), id: parsed.i };
  } catch {
    throw new AppError('VALIDATION_FAILED', '查询参数校验未通过', [{ path: 'query.cursor', message: '分页游标无效' }]);
  }
}

/** The two columns a newest-first list is keyed on. */
export interface KeysetColumns {
  createdAt: AnyPgColumn;
  id: AnyPgColumn;
}

/** Rows strictly after `cursor` in newest-first order. */
export function after(columns: KeysetColumns, cursor: KeysetCursor): SQL {
  return or(
    lt(columns.createdAt, cursor.createdAt),
    and(eq(columns.createdAt, cursor.createdAt), lt(columns.id, cursor.id)),
  )!;
}

/**
 * Newest first, spelled as the list indexes are built (`DESC NULLS LAST`): a plain `DESC` means
 * NULLS FIRST, which PostgreSQL cannot serve from those indexes and sorts instead.
 */
export function newestFirst(columns: KeysetColumns): SQL[] {
  return [sql`${columns.createdAt} desc nulls last`, sql`${columns.id} desc nulls last`];
}

/** One page of a query fetched with `limit + 1` rows, and the cursor of the next page if any. */
export function pageOf<R>(rows: R[], limit: number, keyOf: (row: R) => KeysetCursor): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
