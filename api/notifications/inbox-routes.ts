/**
 * /api/me/notifications: the caller's in-app inbox (站内信), newest first with keyset pagination
 * and the unread count, and marking one read. Only the caller's own rows exist here: another
 * account's notification is 404, like a signing of another party.
 */
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json } from '../http/route-spec';
import { ANY_PARTY } from '../http/route-spec';
import { notificationParam } from '../http/params';
import { and, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { notifications } from '../../db/schema';
import { callerOf } from '../auth/authenticate';
import { after, decodeCursor, newestFirst, pageOf } from '../http/cursor';
import { AppError } from '../http/errors';
import { parseInput, uuidParamSchema, queryInteger } from '../http/validate';

export const inboxQuerySchema = z
  .object({
    limit: queryInteger('每页条数', 1, 100, 20),
    cursor: z.string().max(200).optional(),
    unread: z.enum(['true', 'false']).optional(),
  })
  .strict();

type NotificationRow = typeof notifications.$inferSelect;

function present(row: NotificationRow) {
  return {
    id: row.id,
    type: row.type,
    signingId: row.signingId,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

export const notificationRoutes = routeGroup<{ db: Db }>('notifications', [
  defineRoute({
    operationId: 'notification_list',
    method: 'get',
    path: '/api/me/notifications',
    tag: TAGS.notifications,
    summary: '站内信（新的在前，含未读数）',
    roles: ANY_PARTY,
    schemas: { query: inboxQuerySchema },
    success: [json(200, '一页通知')],
    handle: ({ db }) =>
      async (req, res) => {
        const { accountId } = callerOf(req);
        const query = parseInput(inboxQuerySchema, req.query, 'query');
        const cursor = decodeCursor(query.cursor);
        const mine = eq(notifications.accountId, accountId);
        const unread = isNull(notifications.readAt);
        const conditions: SQL[] = [mine];
        if (query.unread === 'true') conditions.push(unread);
        if (cursor) conditions.push(after(notifications, cursor));
        const [rows, [counted]] = await Promise.all([
          db
            .select()
            .from(notifications)
            .where(and(...conditions))
            .orderBy(...newestFirst(notifications))
            .limit(query.limit + 1),
          db.select({ n: count() }).from(notifications).where(and(mine, unread)),
        ]);
        const { page, nextCursor } = pageOf(rows, query.limit, (row) => row);
        res.json({ items: page.map(present), unreadCount: counted?.n ?? 0, nextCursor });
      },
  }),

  defineRoute({
    operationId: 'notification_read',
    method: 'post',
    path: '/api/me/notifications/{id}/read',
    tag: TAGS.notifications,
    summary: '标记一条通知为已读',
    roles: ANY_PARTY,
    schemas: { params: notificationParam },
    success: [json(200, '该通知')],
    owns: { param: 'id', resource: 'notification' },
    handle: ({ db }) =>
      async (req, res) => {
        const { accountId } = callerOf(req);
        const id = uuidParamSchema.safeParse(req.params.id);
        if (!id.success) throw AppError.notFound('通知');
        // Reading twice keeps the first time: the request is idempotent.
        const [row] = await db
          .update(notifications)
          .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
          .where(and(eq(notifications.id, id.data), eq(notifications.accountId, accountId)))
          .returning();
        if (!row) throw AppError.notFound('通知');
        res.json(present(row));
      },
  }),
]);
