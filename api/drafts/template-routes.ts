/**
 * /api/employer/templates: an employer's named agreement templates. Fill the terms once, then
 * start the draft of each graduate's signing from one (POST …/agreement/draft/from-template).
 *
 * A template holds any subset of the draft's sections, checked like a draft save (a partly filled
 * template is fine; whatever is in it must be valid). `PUT /:id` merges like a draft save too: the
 * sections sent replace the template's, `null` clears one, `name` renames. Names are unique per
 * employer (409). Templates belong to the employer (its credit code), so colleagues share them;
 * another employer's is not found (404); students and school admins get 403.
 */
import type { Request } from 'express';
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json, noContent } from '../http/route-spec';
import { templateParam } from '../http/params';
import type { Db } from '../../db/client';
import { EMPTY_DRAFT, applyDraftPatch, blanksAsUnset, templateCreateSchema, templateUpdateSchema } from '../../domain/agreement-draft';
import { requireRole } from '../auth/authenticate';
import { createTemplate, deleteTemplate, findTemplate, listTemplates, updateTemplate } from './queries';
import { presentTemplate, presentTemplateSummary } from './drafts';
import { AppError } from '../http/errors';
import { parseInput, uuidParamSchema } from '../http/validate';

const idSchema = uuidParamSchema;

function templateIdOf(req: Request): string {
  const id = idSchema.safeParse(req.params.id);
  if (!id.success) throw AppError.notFound('协议模板');
  return id.data;
}

export const templateRoutes = routeGroup<{ db: Db }>('templates', [
  defineRoute({
    operationId: 'template_create',
    method: 'post',
    path: '/api/employer/templates',
    tag: TAGS.drafts,
    summary: '新建协议模板',
    roles: ['employer'],
    schemas: { body: templateCreateSchema },
    blanksAsUnset: true,
    success: [json(201, '已创建')],
    errors: ['CONFLICT'],
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'employer');
        const { name, ...patch } = parseInput(templateCreateSchema, blanksAsUnset(req.body));
        const row = await createTemplate(db, caller.partyId, name, applyDraftPatch(EMPTY_DRAFT, patch));
        res.status(201).location(`/api/employer/templates/${row.id}`).json(presentTemplate(row));
      },
  }),

  defineRoute({
    operationId: 'template_list',
    method: 'get',
    path: '/api/employer/templates',
    tag: TAGS.drafts,
    summary: '本单位的协议模板',
    roles: ['employer'],
    schemas: {},
    success: [json(200, '模板列表')],
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'employer');
        res.json({ items: (await listTemplates(db, caller.partyId)).map(presentTemplateSummary) });
      },
  }),

  defineRoute({
    operationId: 'template_get',
    method: 'get',
    path: '/api/employer/templates/{id}',
    tag: TAGS.drafts,
    summary: '一个协议模板',
    roles: ['employer'],
    schemas: { params: templateParam },
    success: [json(200, '协议模板')],
    owns: { param: 'id', resource: 'template' },
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'employer');
        const row = await findTemplate(db, templateIdOf(req), caller.partyId);
        if (!row) throw AppError.notFound('协议模板');
        res.json(presentTemplate(row));
      },
  }),

  defineRoute({
    operationId: 'template_update',
    method: 'put',
    path: '/api/employer/templates/{id}',
    tag: TAGS.drafts,
    summary: '修改协议模板（按节合并，可改名）',
    roles: ['employer'],
    schemas: { params: templateParam, body: templateUpdateSchema },
    blanksAsUnset: true,
    success: [json(200, '修改后的模板')],
    errors: ['CONFLICT'],
    owns: { param: 'id', resource: 'template' },
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'employer');
        const { name, ...patch } = parseInput(templateUpdateSchema, blanksAsUnset(req.body));
        const row = await updateTemplate(db, templateIdOf(req), caller.partyId, {
          name,
          update: (current) => applyDraftPatch(current, patch),
        });
        if (!row) throw AppError.notFound('协议模板');
        res.json(presentTemplate(row));
      },
  }),

  defineRoute({
    operationId: 'template_delete',
    method: 'delete',
    path: '/api/employer/templates/{id}',
    tag: TAGS.drafts,
    summary: '删除协议模板',
    roles: ['employer'],
    schemas: { params: templateParam },
    success: [noContent('已删除')],
    owns: { param: 'id', resource: 'template' },
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'employer');
        if (!(await deleteTemplate(db, templateIdOf(req), caller.partyId))) throw AppError.notFound('协议模板');
        res.status(204).end();
      },
  }),
]);
