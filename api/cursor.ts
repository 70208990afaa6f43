/**
 * Keyset cursors for newest-first lists: the (created_at, id) of the last item, base64url JSON.
 * The same format as /api/signings, so clients handle every list alike.
 */
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
