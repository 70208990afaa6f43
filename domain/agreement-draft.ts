/**
 * The employer's agreement draft (and its named templates): what may be saved, how a save merges
 * into what is already there, how complete it is, and whether it can be sent.
 *
 * Semantics of a save (PUT …/agreement/draft, and the template bodies):
 * - The body is any subset of `{unitNature, contact, agreement, archive}`; `agreement` is any subset
 *   of the eight sections. Whatever is present is checked on its own (a section may be partly
 *   filled, but each field present must be valid, and the terms' cross-field rules hold when both
 *   of their fields are present); absent keys leave the saved draft as it is.
 * - Merge is per section: a section that is sent replaces the saved one as a whole (the UI's
 *   保存并进入下一条 sends the section's form). `unitNature`, `contact` and `archive` are sections of
 *   their own in this sense.
 * - `null` clears a section (`{"agreement":{"supplementaryClauses":null}}`, `{"archive":null}`);
 *   `"agreement": null` clears all eight.
 * - Blank strings (empty or only spaces) count as not filled in (`blanksAsUnset`): a blank field
 *   is dropped from its section and a blank section is cleared, so a half-filled form can be saved
 *   as it stands. A section left with nothing in it is removed.
 *
 * Completeness: a section is complete when it would pass the send's full schema; the draft can be
 * sent when every section is (the same check the send runs, cross-field rules included).
 *
 * Pure (workflow-sandbox safe).
 */
import { z } from './zod';
import { AGREEMENT_SECTIONS, type AgreementSectionKey } from './agreement-diff';
import { unitNatureSchema } from './codes/unit-nature';
import { type Agreement, type AgreementDraft, agreementDraftSchema, agreementSchema } from './schemas/agreement';
import { employerSignSchema } from './schemas/actions';
import { type Archive, type Contact, archiveSchema, contactSchema } from './schemas/contact';
import { requiredText } from './schemas/common';
import { type FieldIssue, formatIssues } from './schemas/issues';

/** A saved draft or template's content. Absent sections are null (agreement sections: missing keys). */
export interface DraftContent {
  unitNature: string | null;
  contact: Partial<Contact> | null;
  agreement: AgreementDraft;
  archive: Partial<Archive> | null;
}

export const EMPTY_DRAFT: DraftContent = { unitNature: null, contact: null, agreement: {}, archive: null };

/** What the send needs: the employer-sign body without its `previewed` tick. */
export const employerSignContentSchema = employerSignSchema.omit({ previewed: true });
export type EmployerSignContent = z.infer<typeof employerSignContentSchema>;

function nullableShape<S extends Record<string, z.ZodType>>(shape: S): { [K in keyof S]: z.ZodNullable<S[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.nullable()])) as {
    [K in keyof S]: z.ZodNullable<S[K]>;
  };
}

const agreementPatchSchema = z.object(nullableShape(agreementDraftSchema.shape)).strict();

const draftPatchShape = {
  unitNature: unitNatureSchema.nullable().optional(),
  contact: contactSchema.partial().nullable().optional(),
  agreement: agreementPatchSchema.nullable().optional(),
  archive: archiveSchema.partial().nullable().optional(),
};

/** A save: any subset of the sections; `null` clears one. */
export const draftPatchSchema = z.object(draftPatchShape).strict();
export type DraftPatch = z.infer<typeof draftPatchSchema>;

/** Some of a section's fields; a parsed save may carry the others as undefined. */
type SomeFields<T> = { [K in keyof T]?: T[K] | undefined };

/** What `applyDraftPatch` takes: a parsed save, or a template's sections (already checked when saved). */
export interface DraftPatchInput {
  unitNature?: string | null | undefined;
  contact?: SomeFields<Contact> | null | undefined;
  agreement?: { [K in keyof AgreementDraft]?: AgreementDraft[K] | null | undefined } | null | undefined;
  archive?: SomeFields<Archive> | null | undefined;
}

export const TEMPLATE_NAME_MAX = 50;
const templateNameSchema = requiredText('模板名称', TEMPLATE_NAME_MAX);

/** POST /api/employer/templates: a name and any subset of the sections. */
export const templateCreateSchema = z.object({ name: templateNameSchema, ...draftPatchShape }).strict();
/** PUT /api/employer/templates/:id: a new name and/or sections, merged like a draft save. */
export const templateUpdateSchema = z.object({ name: templateNameSchema.optional(), ...draftPatchShape }).strict();

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutBlankFields(section: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(section).filter(([, v]) => !(typeof v === 'string' && v.trim() === '')));
}

function blankSection(value: unknown): unknown {
  if (typeof value === 'string' && value.trim() === '') return null;
  return isPlainObject(value) ? withoutBlankFields(value) : value;
}

/**
 * A save's body with blank strings read as "not filled in": a blank field inside a section is
 * dropped, a blank section (单位性质, a text section) is `null` (cleared). Anything that is not
 * an object is returned as it is, for the schema to refuse.
 */
export function blanksAsUnset(body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  const out: Record<string, unknown> = { ...body };
  for (const key of ['unitNature', 'contact', 'archive'] as const) {
    if (key in out) out[key] = blankSection(out[key]);
  }
  if (isPlainObject(out.agreement)) {
    out.agreement = Object.fromEntries(Object.entries(out.agreement).map(([key, v]) => [key, blankSection(v)]));
  }
  return out;
}

function isEmptySection(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (isPlainObject(value)) return Object.values(value).every((v) => v === undefined);
  return false;
}

/** The object without its undefined members (JSON columns and equality stay clean). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function objectSection<T extends object>(value: SomeFields<T> | null | undefined): Partial<T> | null {
  if (value === undefined || value === null) return null;
  const c = compact(value) as Partial<T>;
  return isEmptySection(c) ? null : c;
}

/** The saved content after a save of `patch` (see the module comment for the semantics). */
export function applyDraftPatch(current: DraftContent, patch: DraftPatchInput): DraftContent {
  const next: DraftContent = { ...current, agreement: { ...current.agreement } };
  if (patch.unitNature !== undefined) next.unitNature = patch.unitNature;
  if (patch.contact !== undefined) next.contact = objectSection(patch.contact);
  if (patch.archive !== undefined) next.archive = objectSection(patch.archive);
  if (patch.agreement === null) next.agreement = {};
  else if (patch.agreement !== undefined) {
    const sections = next.agreement as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch.agreement)) {
      if (value === undefined) continue;
      const section = isPlainObject(value) ? compact(value) : value;
      if (isEmptySection(section)) delete sections[key];
      else sections[key] = section;
    }
  }
  return next;
}

export interface DraftSection {
  /** `unitNature`, `contact`, `agreement.subject` … `agreement.text`, `archive`. */
  key: string;
  /** The agreement's section number (1–8); null for 单位性质, 联系方式 and 档案接收. */
  no: number | null;
  label: string;
  /** Whether the send needs it (sections 5 补充条款 and 8 协议文本, and 档案接收, are optional). */
  required: boolean;
  /** Something is saved in it. */
  filled: boolean;
  /** It would pass the send's full schema (an optional section: absent, or valid). */
  complete: boolean;
  /** What keeps it from being complete, by field path. */
  issues: FieldIssue[];
}

export interface DraftCompleteness {
  /** Every section is complete: `employer-sign` with `{useDraft:true}` would be accepted. */
  complete: boolean;
  completedSections: number;
  totalSections: number;
  /** The first section that is not complete, for 保存并进入下一条; null when complete. */
  next: string | null;
  sections: DraftSection[];
}

/**
 * The send's candidate: missing object sections become `{}` so that each missing field is named
 * (`contact.phone`, `agreement.subject.position`) rather than only the section.
 */
function sendCandidate(content: DraftContent): Record<string, unknown> {
  const a = content.agreement;
  return {
    unitNature: content.unitNature ?? undefined,
    contact: content.contact ?? {},
    agreement: {
      ...a,
      subject: a.subject ?? {},
      employmentTerms: a.employmentTerms ?? {},
      breachLiability: a.breachLiability ?? {},
    },
    archive: content.archive ?? undefined,
  };
}

/** The content as the send would accept it, or each missing or invalid field with its path. */
export function draftForSend(
  content: DraftContent,
): { success: true; data: EmployerSignContent } | { success: false; issues: FieldIssue[] } {
  const result = employerSignContentSchema.safeParse(sendCandidate(content));
  return result.success ? { success: true, data: result.data } : { success: false, issues: formatIssues(result.error) };
}

const OPTIONAL_SECTIONS = new Set<AgreementSectionKey>(['supplementaryClauses', 'text']);

/** Which sections are complete, in the order the employer walks them (docs/design.md §1, step 2). */
export function draftCompleteness(content: DraftContent): DraftCompleteness {
  const candidate = sendCandidate(content);
  const candidateAgreement = candidate.agreement as Record<string, unknown>;
  const check = (key: string, schema: z.ZodType, value: unknown): Pick<DraftSection, 'complete' | 'issues'> => {
    const result = schema.safeParse(value);
    if (result.success) return { complete: true, issues: [] };
    return {
      complete: false,
      issues: formatIssues(result.error).map((i) => ({ ...i, path: i.path ? `${key}.${i.path}` : key })),
    };
  };
  const sections: DraftSection[] = [
    {
      key: 'unitNature',
      no: null,
      label: '单位性质',
      required: true,
      filled: content.unitNature !== null,
      ...check('unitNature', unitNatureSchema, candidate.unitNature),
    },
    {
      key: 'contact',
      no: null,
      label: '联系方式',
      required: true,
      filled: content.contact !== null,
      ...check('contact', contactSchema, candidate.contact),
    },
    ...AGREEMENT_SECTIONS.map((s): DraftSection => {
      const key = `agreement.${s.key}`;
      return {
        key,
        no: s.no,
        label: s.label,
        required: !OPTIONAL_SECTIONS.has(s.key),
        filled: !isEmptySection(content.agreement[s.key]),
        ...check(key, agreementSchema.shape[s.key], candidateAgreement[s.key]),
      };
    }),
    {
      key: 'archive',
      no: null,
      label: '档案接收',
      required: false,
      filled: content.archive !== null,
      ...check('archive', archiveSchema.optional(), candidate.archive),
    },
  ];
  const completed = sections.filter((s) => s.complete).length;
  return {
    complete: completed === sections.length && draftForSend(content).success,
    completedSections: completed,
    totalSections: sections.length,
    next: sections.find((s) => !s.complete)?.key ?? null,
    sections,
  };
}

/** The content of a sent version, as a draft (so a returned agreement is edited from what was sent). */
export function draftFromSent(sent: { unitNature: string; contact: Contact; agreement: Agreement; archive?: Archive | undefined }): DraftContent {
  return {
    unitNature: sent.unitNature,
    contact: sent.contact,
    agreement: compact(sent.agreement),
    archive: sent.archive ?? null,
  };
}
