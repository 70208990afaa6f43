/**
 * The employer's agreement draft on a signing, saved section by section (上一条 / 保存并进入下一条):
 *
 * - `GET  /api/signings/:id/agreement/draft` → the draft with its completeness (404 if none yet).
 * - `PUT  /api/signings/:id/agreement/draft` → saves any subset of sections (domain/agreement-draft
 *   has the merge semantics) and returns the draft; only while PENDING_EMPLOYER (409).
 * - `POST /api/signings/:id/agreement/draft/from-template` `{templateId}` → the template's filled
 *   sections replace the draft's (its empty ones leave the draft as it is); only while PENDING_EMPLOYER.
 *
 * 档案接收: a draft without its own archive section shows and sends the one saved on the signing
 * (`PUT …/archive`); `archiveSource` says which (api/drafts/drafts.ts).
 *
 * The draft is the employer's own work: students and school admins get 403 (wrong role), another
 * employer 404 (it is not a party). Order of checks as for the actions: role, body, ownership, status.
 */
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json } from '../http/route-spec';
import { ownSigning, signingParam } from '../http/params';
import type { Db } from '../../db/client';
import { applyDraftPatch, blanksAsUnset, draftPatchSchema } from '../../domain/agreement-draft';
import { z } from '../../domain/zod';
import { requireRole } from '../auth/authenticate';
import { findDraft, findTemplate, updateDraft } from './queries';
import { presentDraft, requireDraftEditable } from './drafts';
import { AppError } from '../http/errors';
import { loadOwnSigning } from '../signings/queries';
import { parseInput } from '../http/validate';

export const fromTemplateSchema = z
  .object({
    templateId: z.string({ error: (issue) => (issue.input === undefined ? '请选择协议模板' : '模板编号应为文本') }).uuid('模板编号格式错误'),
  })
  .strict();

export const draftRoutes = routeGroup<{ db: Db }>('drafts', [
  defineRoute({
    operationId: 'draft_get',
    method: 'get',
    path: '/api/signings/{id}/agreement/draft',
    tag: TAGS.drafts,
    summary: '协议草稿及填写进度（尚无草稿时 404）',
    roles: ['employer'],
    schemas: { params: signingParam },
    success: [json(200, '协议草稿')],
    owns: ownSigning,
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'employer');
        const signing = (await loadOwnSigning(db, req.params.id, caller)).signing;
        const draft = await findDraft(db, signing.id);
        if (!draft) throw AppError.notFound('协议草稿');
        res.json(presentDraft(draft, signing));
      },
  }),

  defineRoute({
    operationId: 'draft_save',
    method: 'put',
    path: '/api/signings/{id}/agreement/draft',
    tag: TAGS.drafts,
    summary: '分节保存协议草稿（仅待单位确认时）',
    description: '发送的各节替换草稿中的同名节；null 清空一节；空白文本视为未填。',
    roles: ['employer'],
    schemas: { params: signingParam, body: draftPatchSchema },
    blanksAsUnset: true,
    success: [json(200, '保存后的草稿')],
    errors: ['CONFLICT'],
    owns: ownSigning,
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'employer');
        const patch = parseInput(draftPatchSchema, blanksAsUnset(req.body));
        const signing = (await loadOwnSigning(db, req.params.id, caller)).signing;
        requireDraftEditable(signing.status);
        const row = await updateDraft(db, signing.id, caller.accountId, (current) => applyDraftPatch(current, patch));
        res.json(presentDraft(row, signing));
      },
  }),

  defineRoute({
    operationId: 'draft_fromTemplate',
    method: 'post',
    path: '/api/signings/{id}/agreement/draft/from-template',
    tag: TAGS.drafts,
    summary: '以协议模板填充草稿',
    roles: ['employer'],
    schemas: { params: signingParam, body: fromTemplateSchema },
    success: [json(200, '填充后的草稿')],
    errors: ['CONFLICT'],
    owns: ownSigning,
    handle: ({ db }) =>
      async (req, res) => {
        const caller = requireRole(req, 'employer');
        const { templateId } = parseInput(fromTemplateSchema, req.body);
        const signing = (await loadOwnSigning(db, req.params.id, caller)).signing;
        const template = await findTemplate(db, templateId, caller.partyId);
        if (!template) throw AppError.notFound('协议模板');
        requireDraftEditable(signing.status);
        const row = await updateDraft(db, signing.id, caller.accountId, (current) =>
          applyDraftPatch(current, {
            unitNature: template.unitNature ?? undefined,
            contact: template.contact ?? undefined,
            agreement: template.agreement,
            archive: template.archive ?? undefined,
          }),
        );
        res.json(presentDraft(row, signing));
      },
  }),
]);
