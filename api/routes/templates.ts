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
import { Router, type Request } from 'express';
import type { Db } from '../../db/client';
import { EMPTY_DRAFT, applyDraftPatch, blanksAsUnset, templateCreateSchema, templateUpdateSchema } from '../../domain/agreement-draft';
import { requireRole } from '../auth';
import { createTemplate, deleteTemplate, findTemplate, listTemplates, updateTemplate } from '../draft-queries';
import { presentTemplate, presentTemplateSummary } from '../drafts';
import { AppError } from '../errors';
import { parseInput, uuidParamSchema } from '../validate';

const idSchema = uuidParamSchema;

function templateIdOf(req: Request): string {
  const id = idSchema.safeParse(req.params.id);
  if (!id.success) throw AppError.notFound('协议模板');
  return id.data;
}

export function templatesRouter({ db }: { db: Db }): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const caller = requireRole(req, 'employer');
    const { name, ...patch } = parseInput(templateCreateSchema, blanksAsUnset(req.body));
    const row = await createTemplate(db, caller.partyId, name, applyDraftPatch(EMPTY_DRAFT, patch));
    res.status(201).location(`/api/employer/templates/${row.id}`).json(presentTemplate(row));
  });

  router.get('/', async (req, res) => {
    const caller = requireRole(req, 'employer');
    res.json({ items: (await listTemplates(db, caller.partyId)).map(presentTemplateSummary) });
  });

  router.get('/:id', async (req, res) => {
    const caller = requireRole(req, 'employer');
    const row = await findTemplate(db, templateIdOf(req), caller.partyId);
    if (!row) throw AppError.notFound('协议模板');
    res.json(presentTemplate(row));
  });

  router.put('/:id', async (req, res) => {
    const caller = requireRole(req, 'employer');
    const { name, ...patch } = parseInput(templateUpdateSchema, blanksAsUnset(req.body));
    const row = await updateTemplate(db, templateIdOf(req), caller.partyId, {
      name,
      update: (current) => applyDraftPatch(current, patch),
    });
    if (!row) throw AppError.notFound('协议模板');
    res.json(presentTemplate(row));
  });

  router.delete('/:id', async (req, res) => {
    const caller = requireRole(req, 'employer');
    if (!(await deleteTemplate(db, templateIdOf(req), caller.partyId))) throw AppError.notFound('协议模板');
    res.status(204).end();
  });

  return router;
}
