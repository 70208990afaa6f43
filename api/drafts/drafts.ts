/**
 * The API side of drafts and templates: their response shapes, the 409 for a draft that can no
 * longer be edited, and `employer-sign`'s two bodies — the full agreement, or
 * `{useDraft:true, previewed:true}` to send the saved draft.
 *
 * After any accepted send (either body) the draft is replaced by what was sent — by the worker, in
 * the transaction that records the new agreement version (activities/record-transition.ts). So the
 * draft stays, and when the student or the school returns the agreement, the employer edits the
 * version the student saw (e.g. only the salary) and sends it again with `useDraft`.
 *
 * 档案接收 is the one section with a second home: `PUT …/archive` saves it on the signing (the
 * employer while PENDING_EMPLOYER, the student while PENDING_STUDENT). The draft's own archive
 * section, when it has one, is what the employer is preparing; when it has none, the draft shows and
 * sends the signing's current archive (`archiveSource` says which). After a send the draft keeps no
 * archive of its own, so an archive the student saves before returning the agreement is the one
 * the next version carries, not silently replaced by the employer's earlier one.
 */
import type { signings } from '../../db/schema';
import {
  type DraftContent,
  EMPTY_DRAFT,
  type EmployerSignContent,
  draftCompleteness,
  draftForSend,
} from '../../domain/agreement-draft';
import { unitNatureLabel } from '../../domain/codes';
import { employerSignSchema, previewedSchema } from '../../domain/schemas';
import { STATUS_LABELS, type SigningStatus } from '../../domain/status';
import { z } from '../../domain/zod';
import { type DraftRow, type TemplateRow, contentOf, findDraft } from './queries';
import type { Db } from '../../db/client';
import { AppError } from '../http/errors';
import { parseInput } from '../http/validate';

type Signing = typeof signings.$inferSelect;

function presentContent(content: DraftContent) {
  return {
    unitNature: content.unitNature,
    contact: content.contact,
    agreement: content.agreement,
    archive: content.archive,
    labels: { unitNature: content.unitNature ? (unitNatureLabel(content.unitNature) ?? null) : null },
    completeness: draftCompleteness(content),
  };
}

/** The draft as the employer sees and sends it: its own 档案接收, else the one saved on the signing. */
export function effectiveDraft(row: DraftRow | null, signing: Pick<Signing, 'archive'>): DraftContent {
  const content = row ? contentOf(row) : EMPTY_DRAFT;
  return { ...content, archive: content.archive ?? signing.archive ?? null };
}

export function presentDraft(row: DraftRow, signing: Pick<Signing, 'archive'>) {
  return {
    signingId: row.signingId,
    ...presentContent(effectiveDraft(row, signing)),
    archiveSource: row.archive ? ('draft' as const) : signing.archive ? ('signing' as const) : null,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

export function presentTemplate(row: TemplateRow) {
  return {
    id: row.id,
    name: row.name,
    ...presentContent(contentOf(row)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A list entry: the template without its (possibly long) content. */
export function presentTemplateSummary(row: TemplateRow) {
  const { complete, completedSections, totalSections } = draftCompleteness(contentOf(row));
  return {
    id: row.id,
    name: row.name,
    complete,
    completedSections,
    totalSections,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A draft is the employer's work on a send to come: only while the signing awaits the employer. */
export function requireDraftEditable(status: SigningStatus): void {
  if (status === 'PENDING_EMPLOYER') return;
  throw new AppError(
    'CONFLICT',
    `当前状态为「${STATUS_LABELS[status]}」，只有待单位确认的网签才能编辑或发送协议草稿`,
    { status, statusLabel: STATUS_LABELS[status] },
  );
}

export const useDraftSchema = z
  .object({
    useDraft: z.literal(true, { error: 'useDraft 只能为 true；发送完整协议时请不要带 useDraft' }),
    previewed: previewedSchema,
    /** The draft's `updatedAt` as previewed: if it has changed since, the send is refused (409). */
    draftUpdatedAt: z.iso.datetime({ offset: true, error: 'draftUpdatedAt 应为草稿的 updatedAt（ISO 8601 时间）' }).optional(),
  })
  .strict();

export type EmployerSignRequest =
  | { useDraft: false; content: EmployerSignContent }
  | { useDraft: true; draftUpdatedAt?: string | undefined };

/**
 * `employer-sign`'s body: `{useDraft:true, previewed:true[, draftUpdatedAt]}`, or the full
 * `{unitNature, contact, agreement, archive?, previewed:true}`. The two are not mixed: what the
 * employer previewed is the saved draft, so a send from it takes no sections of its own.
 */
export function parseEmployerSignBody(body: unknown): EmployerSignRequest {
  if (typeof body === 'object' && body !== null && 'useDraft' in body) {
    const { draftUpdatedAt } = parseInput(useDraftSchema, body);
    return { useDraft: true, draftUpdatedAt };
  }
  const { unitNature, contact, agreement, archive } = parseInput(employerSignSchema, body);
  return { useDraft: false, content: { unitNature, contact, agreement, archive } };
}

/**
 * What to send. From the draft: only while PENDING_EMPLOYER (409), the draft as previewed (409
 * when `draftUpdatedAt` no longer matches), and complete under the full schema, cross-field rules
 * included (409 `DRAFT_INCOMPLETE` listing every missing or invalid field by path in
 * `details.issues`; nothing is sent). A 409, not a 400: the request itself is well formed, it is the
 * saved draft that is not ready, and the same request succeeds once the draft is completed.
 */
export async function employerSignContent(db: Db, signing: Signing, request: EmployerSignRequest): Promise<EmployerSignContent> {
  if (!request.useDraft) return request.content;
  requireDraftEditable(signing.status);
  const draft = await findDraft(db, signing.id);
  if (request.draftUpdatedAt !== undefined && draft?.updatedAt.getTime() !== new Date(request.draftUpdatedAt).getTime()) {
    throw new AppError('CONFLICT', '协议草稿在预览之后已被修改，请重新预览后再发送', {
      reason: 'DRAFT_CHANGED',
      status: signing.status,
      statusLabel: STATUS_LABELS[signing.status],
      draftUpdatedAt: draft?.updatedAt.toISOString() ?? null,
    });
  }
  const result = draftForSend(effectiveDraft(draft, signing));
  if (!result.success) {
    throw new AppError('CONFLICT', draft ? '协议草稿尚未填写完整，不能发送；请补全以下各项' : '尚未保存协议草稿，不能发送', {
      reason: 'DRAFT_INCOMPLETE',
      status: signing.status,
      statusLabel: STATUS_LABELS[signing.status],
      issues: result.issues,
    });
  }
  return result.data;
}
