/**
 * /api/webhooks: an employer or a school admin registers the URLs its signed events are POSTed
 * to. The signing secret is generated here and returned once, in the 201; lists never show it.
 * Endpoints belong to the party (credit code or school code), not to the account that made them,
 * so colleagues of the same employer or school share them.
 */
import { randomBytes } from 'node:crypto';
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json, noContent } from '../http/route-spec';
import { webhookParam } from '../http/params';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema';
import { webhookEndpointSchema } from '../../domain/schemas/webhook';
import { type AuthContext, requireRole } from '../auth/authenticate';
import { AppError } from '../http/errors';
import { parseInput, uuidParamSchema } from '../http/validate';

/** Enough for a production and a test receiver per system; more is usually a mistake. */
export const MAX_ENDPOINTS_PER_PARTY = 10;

/** `whsec_` + 32 random bytes: the Stripe convention, so integrators recognise what it is. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function ownerOf(caller: AuthContext) {
  const partyRole = caller.role === 'school' ? ('school' as const) : ('employer' as const);
  return {
    partyRole,
    partyId: caller.partyId,
    where: and(eq(webhookEndpoints.partyRole, partyRole), eq(webhookEndpoints.partyId, caller.partyId), isNull(webhookEndpoints.deletedAt))!,
  };
}

const countIf = (status: string) =>
  sql<number>`count(${webhookDeliveries.id}) filter (where ${webhookDeliveries.status} = ${status})`.mapWith(Number);

export const webhookRoutes = routeGroup<{ db: Db }>('webhooks', [
  defineRoute({
    operationId: 'webhook_create',
    method: 'post',
    path: '/api/webhooks',
    tag: TAGS.notifications,
    summary: '登记 Webhook 地址（签名密钥仅此一次返回）',
    roles: ['employer', 'school'],
    schemas: { body: webhookEndpointSchema },
    success: [json(201, '已登记，含 secret')],
    errors: ['CONFLICT'],
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'employer', 'school');
        const input = parseInput(webhookEndpointSchema, req.body);
        const owner = ownerOf(caller);
        const secret = newSecret();
        const created = await db.transaction(async (tx) => {
          // Serialises registrations of one party, so two concurrent POSTs cannot both pass the limit.
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`webhooks:${owner.partyRole}:${owner.partyId}`}))`);
          const existing = await tx.select({ url: webhookEndpoints.url }).from(webhookEndpoints).where(owner.where);
          if (existing.some((e) => e.url === input.url)) {
            throw new AppError('CONFLICT', '该 Webhook 地址已登记', { url: input.url });
          }
          if (existing.length >= MAX_ENDPOINTS_PER_PARTY) {
            throw new AppError('CONFLICT', `每个单位或学校最多登记 ${MAX_ENDPOINTS_PER_PARTY} 个 Webhook 地址，请先删除不用的`, {
              limit: MAX_ENDPOINTS_PER_PARTY,
            });
          }
          const [row] = await tx
            .insert(webhookEndpoints)
            .values({
              partyRole: owner.partyRole,
              partyId: owner.partyId,
              url: input.url,
              description: input.description || null,
              secret,
              createdBy: caller.accountId,
            })
            .returning();
          return row!;
        });
        res
          .status(201)
          .location(`/api/webhooks/${created.id}`)
          .json({ id: created.id, url: created.url, description: created.description, secret, createdAt: created.createdAt.toISOString() });
      },
  }),

  defineRoute({
    operationId: 'webhook_list',
    method: 'get',
    path: '/api/webhooks',
    tag: TAGS.notifications,
    summary: '本单位或本校登记的 Webhook 地址及投递统计',
    roles: ['employer', 'school'],
    schemas: {},
    success: [json(200, '地址列表')],
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'employer', 'school');
        const rows = await db
          .select({
            id: webhookEndpoints.id,
            url: webhookEndpoints.url,
            description: webhookEndpoints.description,
            createdAt: webhookEndpoints.createdAt,
            delivered: countIf('delivered'),
            pending: countIf('pending'),
            failed: countIf('failed'),
            lastDeliveredAt: sql<Date | null>`max(${webhookDeliveries.deliveredAt})`.mapWith(webhookDeliveries.deliveredAt),
          })
          .from(webhookEndpoints)
          .leftJoin(webhookDeliveries, eq(webhookDeliveries.endpointId, webhookEndpoints.id))
          .where(ownerOf(caller).where)
          .groupBy(webhookEndpoints.id)
          .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
        res.json({
          items: rows.map((r) => ({
            id: r.id,
            url: r.url,
            description: r.description,
            createdAt: r.createdAt.toISOString(),
            stats: { delivered: r.delivered, pending: r.pending, failed: r.failed, lastDeliveredAt: r.lastDeliveredAt?.toISOString() ?? null },
          })),
        });
      },
  }),

  defineRoute({
    operationId: 'webhook_delete',
    method: 'delete',
    path: '/api/webhooks/{id}',
    tag: TAGS.notifications,
    summary: '删除 Webhook 地址',
    roles: ['employer', 'school'],
    schemas: { params: webhookParam },
    success: [noContent('已删除')],
    owns: { param: 'id', resource: 'webhook' },
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'employer', 'school');
        const id = uuidParamSchema.safeParse(req.params.id);
        // Another party's endpoint is not found: existence is not revealed.
        const deleted = id.success
          ? await db
              .update(webhookEndpoints)
              .set({ deletedAt: new Date() })
              .where(and(eq(webhookEndpoints.id, id.data), ownerOf(caller).where))
              .returning({ id: webhookEndpoints.id })
          : [];
        if (deleted.length === 0) throw AppError.notFound('Webhook 地址');
        res.status(204).end();
      },
  }),
]);
