/**
 * Shape checks of a command's payload inside the workflow. The API validates bodies before it
 * sends an Update, but Signals arrive from the Temporal UI and CLI unchecked; a malformed one must
 * be refused rather than crash the handler or write a row PostgreSQL would reject. Pure (uses
 * only the sandbox-safe schema modules).
 */
import { z } from './zod';
import { employerSignSchema, reasonSchema } from './schemas/actions';
import { sha256HexSchema, storableText } from './schemas/common';
import { storedArchiveSchema, storedContactSchema } from './schemas/contact';
import { type FieldIssue, formatIssues } from './schemas/issues';
import { PARTIES } from './status';

const actorSchema = z
  .object({
    role: z.enum(PARTIES),
    id: storableText(z.string().min(1), '账号', { max: 100 }),
    partyId: storableText(z.string().min(1), '当事方', { max: 100 }),
  })
  .strict();

const payloadSchemas = {
  // Phones as stored (the API has normalised them), or as the old rule took them: see storedPhoneSchema.
  employerSign: employerSignSchema.omit({ previewed: true }).extend({ contact: storedContactSchema, archive: storedArchiveSchema.optional() }),
  studentConfirm: z.object({ agreementHash: sha256HexSchema }).strict(),
  return: reasonSchema,
  schoolConfirm: z.object({}).strict(),
  cancel: reasonSchema,
  updateArchive: z.object({ archive: storedArchiveSchema }).strict(),
} as const;

/** The problems of a command received as `type` with this raw input, or [] when it is well-formed. */
export function commandIssues(type: keyof typeof payloadSchemas, input: unknown): FieldIssue[] {
  if (typeof input !== 'object' || input === null) return [{ path: '', message: '应为对象' }];
  const { actor, type: _type, ...payload } = input as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const actorResult = actorSchema.safeParse(actor);
  if (!actorResult.success) issues.push(...formatIssues(actorResult.error).map((i) => ({ ...i, path: i.path ? `actor.${i.path}` : 'actor' })));
  const payloadResult = payloadSchemas[type].safeParse(payload);
  if (!payloadResult.success) issues.push(...formatIssues(payloadResult.error));
  return issues;
}
