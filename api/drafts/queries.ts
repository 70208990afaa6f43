/**
 * PostgreSQL reads and writes of the employer's agreement drafts and templates, and the reads of
 * sent versions for the versions list. Drafts are not transitions (docs/design.md §4): the API writes them
 * directly; only the send goes through the workflow.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/unique-violation';
import { accounts, agreementDrafts, agreementTemplates, agreementVersions } from '../../db/schema';
import { type DraftContent, EMPTY_DRAFT } from '../../domain/agreement-draft';
import { AppError } from '../http/errors';

export type DraftRow = typeof agreementDrafts.$inferSelect;
export type TemplateRow = typeof agreementTemplates.$inferSelect;

/** An employer keeps at most this many templates (each is a full agreement; more is a mistake). */
export const MAX_TEMPLATES_PER_EMPLOYER = 100;

export function contentOf(row: Pick<DraftRow, 'unitNature' | 'contact' | 'agreement' | 'archive'>): DraftContent {
  return { unitNature: row.unitNature, contact: row.contact, agreement: row.agreement ?? {}, archive: row.archive };
}

/** Millisecond precision, so `updatedAt` round-trips exactly through JSON (see draftUpdatedAt). */
const now = () => new Date();

export async function findDraft(db: Db, signingId: string): Promise<DraftRow | null> {
  const [row] = await db.select().from(agreementDrafts).where(eq(agreementDrafts.signingId, signingId));
  return row ?? null;
}

/**
 * Read-modify-write of a signing's draft under a row lock, so two concurrent saves of different
 * sections both land. Creates the draft on the first save.
 */
export async function updateDraft(
  db: Db,
  signingId: string,
  accountId: string,
  update: (current: DraftContent) => DraftContent,
): Promise<DraftRow> {
  return db.transaction(async (tx) => {
    await tx
      .insert(agreementDrafts)
      .values({ signingId, agreement: {}, updatedBy: accountId, updatedAt: now() })
      .onConflictDoNothing();
    const [current] = await tx.select().from(agreementDrafts).where(eq(agreementDrafts.signingId, signingId)).for('update');
    const next = update(current ? contentOf(current) : EMPTY_DRAFT);
    const [row] = await tx
      .update(agreementDrafts)
      .set({ ...next, updatedBy: accountId, updatedAt: now() })
      .where(eq(agreementDrafts.signingId, signingId))
      .returning();
    return row!;
  });
}

// ---- templates -------------------------------------------------------------------------------

const isTemplateNameConflict = (err: unknown) => isUniqueViolation(err, 'agreement_templates_name_uq');

function nameConflict(name: string): AppError {
  return new AppError('CONFLICT', `已有名为「${name}」的协议模板，请换一个名称`, { reason: 'TEMPLATE_NAME_TAKEN', name });
}

const byOwner = (id: string, creditCode: string) =>
  and(eq(agreementTemplates.id, id), eq(agreementTemplates.employerCreditCode, creditCode))!;

export async function listTemplates(db: Db, creditCode: string): Promise<TemplateRow[]> {
  return db
    .select()
    .from(agreementTemplates)
    .where(eq(agreementTemplates.employerCreditCode, creditCode))
    .orderBy(asc(agreementTemplates.name), asc(agreementTemplates.id));
}

/** The employer's template; null for another employer's (existence is not revealed). */
export async function findTemplate(db: Db, id: string, creditCode: string): Promise<TemplateRow | null> {
  const [row] = await db.select().from(agreementTemplates).where(byOwner(id, creditCode));
  return row ?? null;
}

export async function createTemplate(db: Db, creditCode: string, name: string, content: DraftContent): Promise<TemplateRow> {
  try {
    return await db.transaction(async (tx) => {
      // Serialises one employer's creations, so two concurrent POSTs cannot both pass the limit.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`templates:${creditCode}`}))`);
      const [{ count } = { count: 0 }] = await tx
        .select({ count: sql<number>`count(*)`.mapWith(Number) })
        .from(agreementTemplates)
        .where(eq(agreementTemplates.employerCreditCode, creditCode));
      if (count >= MAX_TEMPLATES_PER_EMPLOYER) {
        throw new AppError('CONFLICT', `每个单位最多保存 ${MAX_TEMPLATES_PER_EMPLOYER} 个协议模板，请先删除不用的`, {
          reason: 'TEMPLATE_LIMIT',
          limit: MAX_TEMPLATES_PER_EMPLOYER,
        });
      }
      const at = now();
      const [row] = await tx
        .insert(agreementTemplates)
        .values({ employerCreditCode: creditCode, name, ...content, createdAt: at, updatedAt: at })
        .returning();
      return row!;
    });
  } catch (err) {
    if (isTemplateNameConflict(err)) throw nameConflict(name);
    throw err;
  }
}

/** Renames and/or merges sections into the employer's template; null when it has none by that id. */
export async function updateTemplate(
  db: Db,
  id: string,
  creditCode: string,
  change: { name?: string | undefined; update: (current: DraftContent) => DraftContent },
): Promise<TemplateRow | null> {
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx.select().from(agreementTemplates).where(byOwner(id, creditCode)).for('update');
      if (!current) return null;
      const [row] = await tx
        .update(agreementTemplates)
        .set({ ...change.update(contentOf(current)), ...(change.name === undefined ? {} : { name: change.name }), updatedAt: now() })
        .where(byOwner(id, creditCode))
        .returning();
      return row!;
    });
  } catch (err) {
    if (isTemplateNameConflict(err) && change.name !== undefined) throw nameConflict(change.name);
    throw err;
  }
}

export async function deleteTemplate(db: Db, id: string, creditCode: string): Promise<boolean> {
  const deleted = await db.delete(agreementTemplates).where(byOwner(id, creditCode)).returning({ id: agreementTemplates.id });
  return deleted.length > 0;
}

// ---- versions --------------------------------------------------------------------------------

/** Every sent version of a signing's agreement, oldest first, with the sender's display name. */
export async function listAgreementVersions(db: Db, signingId: string) {
  return db
    .select({ version: agreementVersions, sentByName: accounts.displayName })
    .from(agreementVersions)
    .leftJoin(accounts, eq(accounts.id, agreementVersions.sentBy))
    .where(eq(agreementVersions.signingId, signingId))
    .orderBy(asc(agreementVersions.version));
}
