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
 * (`PUT …/archive`); `archiveSource` says which (api/drafts.ts).
 *
 * The draft is the employer's own work: students and school admins get 403 (wrong role), another
 * employer 404 (it is not a party). Order of checks as for the actions: role, body, ownership, status.
 */
import { Router, type Request } from 'express';
import type { Db } from '../../db/client';
import { applyDraftPatch, blanksAsUnset, draftPatchSchema } from '../../domain/agreement-draft';
import { z } from '../../domain/zod';
import { type AuthContext, requireRole } from '../auth';
import { findDraft, findTemplate, updateDraft } from '../draft-queries';
import { presentDraft, requireDraftEditable } from '../drafts';
import { AppError } from '../errors';
import { findSigning } from '../signing-queries';
import { parseInput, uuidParamSchema } from '../validate';

const idSchema = uuidParamSchema;

export const fromTemplateSchema = z
  .object({
    templateId: z.string({ error: (issue) => (issue.input === undefined ? '请选择协议模板' : '模板编号应为文本') }).uuid('模板编号格式错误'),
  })
  .strict();

export function draftsRouter({ db }: { db: Db }): Router {
  const router = Router();

  async function loadOwn(req: Request, caller: AuthContext) {
    const id = idSchema.safeParse(req.params.id);
    const row = id.success ? await findSigning(db, id.data, caller) : null;
    if (!row) throw AppError.notFound();
    return row.signing;
  }

  router.get('/:id/agreement/draft', async (req, res) => {
    const caller = requireRole(req, 'employer');
    const signing = await loadOwn(req, caller);
    const draft = await findDraft(db, signing.id);
    if (!draft) throw AppError.notFound('协议草稿');
    res.json(presentDraft(draft, signing));
  });

  router.put('/:id/agreement/draft', async (req, res) => {
    const caller = requireRole(req, 'employer');
    const patch = parseInput(draftPatchSchema, blanksAsUnset(req.body));
    const signing = await loadOwn(req, caller);
    requireDraftEditable(signing.status);
    const row = await updateDraft(db, signing.id, caller.accountId, (current) => applyDraftPatch(current, patch));
    res.json(presentDraft(row, signing));
  });

  router.post('/:id/agreement/draft/from-template', async (req, res) => {
    const caller = requireRole(req, 'employer');
    const { templateId } = parseInput(fromTemplateSchema, req.body);
    const signing = await loadOwn(req, caller);
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
  });

  return router;
}
