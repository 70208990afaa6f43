/**
 * Shape checks of a command's payload inside the workflow. The API validates bodies before it
 * sends an Update, but Signals arrive from the Temporal UI and CLI unchecked; a malformed one must
 * be refused rather than crash the handler or write a row PostgreSQL would reject: the actor here,
 * the input by its action's schema (./actions.ts). Pure (uses only the sandbox-safe schema modules).
 */
import { z } from './zod';
import { ACTIONS, type PartyAction } from './actions';
import { storableText } from './schemas/common';
import { type FieldIssue, formatIssues } from './schemas/issues';
import { PARTIES } from './status';

const actorSchema = z
  .object({
    role: z.enum(PARTIES),
    id: storableText(z.string().min(1), '账号', { max: 100 }),
    partyId: storableText(z.string().min(1), '当事方', { max: 100 }),
  })
  .strict();

/**
 * The problems of a message `{actor, type?, …payload}` whose payload must match `payloadSchema`,
 * or [] when it is well-formed. Shared by the signing's and the rescission's commands.
 */
export function messageIssues(payloadSchema: z.ZodType, input: unknown): FieldIssue[] {
  if (typeof input !== 'object' || input === null) return [{ path: '', message: '应为对象' }];
  const { actor, type: _type, ...payload } = input as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const actorResult = actorSchema.safeParse(actor);
  if (!actorResult.success) issues.push(...formatIssues(actorResult.error).map((i) => ({ ...i, path: i.path ? `actor.${i.path}` : 'actor' })));
  const payloadResult = payloadSchema.safeParse(payload);
  if (!payloadResult.success) issues.push(...formatIssues(payloadResult.error));
  return issues;
}

/** The problems of a command received as `type` with this raw input, or [] when it is well-formed. */
export function commandIssues(type: PartyAction, input: unknown): FieldIssue[] {
  return messageIssues(ACTIONS[type].input, input);
}
