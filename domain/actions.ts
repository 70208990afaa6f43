/**
 * The party actions, each declared once: its name (= the workflow's Update and Signal name), who
 * may take it in which statuses and where it leads (docs/design.md §2, the actions table), its Chinese
 * labels, how it is announced, its HTTP request body, and its input — the message's payload besides
 * the actor, with the schema the workflow checks it against (Signals arrive unchecked from the
 * Temporal UI and CLI).
 *
 * Everything else is derived from this table: the rules in ./status.ts, the `Command` union in
 * ./signing-machine.ts, the payload checks in ./command-checks.ts, the announcements in
 * ./notification-event.ts, and the Updates, Signals and handlers in workflows/. What an action
 * does to the state is the one thing declared elsewhere: its case in `decide` (signing-machine.ts).
 *
 * Pure (workflow-sandbox safe, shared between runs: see SHARED_WORKFLOW_MODULES in worker.ts), so
 * it imports only the pure schema modules, and only types from ./status.
 */
import { z } from './zod';
import type { NotificationType } from './notification-event';
import type { Agreement } from './schemas/agreement';
import { employerSignSchema, reasonSchema, studentConfirmSchema } from './schemas/actions';
import { sha256HexSchema } from './schemas/common';
import { type Archive, type Contact, archiveSchema, storedArchiveSchema, storedContactSchema } from './schemas/contact';
import type { Party, PendingStatus, SigningStatus } from './status';

/** One party action. `Input` is what its Update and Signal carry besides the actor. */
export interface ActionSpec<Input extends object = object> {
  /** The parties whose role may ever take it (separates 403 from 409). */
  parties: readonly Party[];
  /** The statuses it fits. */
  from: readonly PendingStatus[];
  /** The status it leads to; null: it changes the signing's data, not its status. */
  to: SigningStatus | null;
  /** Only the party awaited in the current status may take it (of `parties`). */
  awaitedOnly: boolean;
  /** In the audit trail, the UI and the persistence step's summary. */
  label: string;
  /** In a refusal: 不能执行「…」. */
  shortLabel: string;
  /** The notification an accepted one is announced as; null: not announced. */
  announcedAs: NotificationType | null;
  /** The HTTP request body of its route (api/signings/routes.ts). */
  body: z.ZodType;
  /** Its input as the workflow checks it (phones in stored form: common.ts storedPhoneSchema). */
  input: z.ZodType<Input>;
}

/** Declares an action whose input is `Input`: the type the messages and commands carry. */
function partyAction<Input extends object>(spec: ActionSpec<Input>): ActionSpec<Input> {
  return spec;
}

const ALL_PENDING = ['PENDING_EMPLOYER', 'PENDING_STUDENT', 'PENDING_SCHOOL'] as const;
const ALL_PARTIES = ['student', 'employer', 'school'] as const;

/** The party actions, in the order a UI would offer them. */
export const ACTIONS = {
  employerSign: partyAction<{ unitNature: string; contact: Contact; agreement: Agreement; archive?: Archive | undefined }>({
    parties: ['employer'],
    from: ['PENDING_EMPLOYER'],
    to: 'PENDING_STUDENT',
    awaitedOnly: false,
    label: '单位签约并发送协议',
    shortLabel: '单位签约',
    announcedAs: 'signing.employer_signed',
    // The full agreement; the route also takes {useDraft:true, previewed:true} (api/drafts/drafts.ts).
    body: employerSignSchema,
    input: employerSignSchema.omit({ previewed: true }).extend({ contact: storedContactSchema, archive: storedArchiveSchema.optional() }),
  }),
  studentConfirm: partyAction<{ agreementHash: string }>({
    parties: ['student'],
    from: ['PENDING_STUDENT'],
    to: 'PENDING_SCHOOL',
    awaitedOnly: false,
    label: '学生确认签约',
    shortLabel: '学生确认签约',
    announcedAs: 'signing.student_confirmed',
    body: studentConfirmSchema,
    input: z.object({ agreementHash: sha256HexSchema }).strict(),
  }),
  // The student returns what it was asked to confirm, the school what it was asked to sync.
  return: partyAction<{ reason: string }>({
    parties: ['student', 'school'],
    from: ['PENDING_STUDENT', 'PENDING_SCHOOL'],
    to: 'PENDING_EMPLOYER',
    awaitedOnly: true,
    label: '退回单位',
    shortLabel: '退回',
    announcedAs: 'signing.returned',
    body: reasonSchema,
    input: reasonSchema,
  }),
  schoolConfirm: partyAction<Record<never, never>>({
    parties: ['school'],
    from: ['PENDING_SCHOOL'],
    to: 'COMPLETED',
    awaitedOnly: false,
    label: '学校确认并同步至就业方案库',
    shortLabel: '学校确认',
    announcedAs: 'signing.completed',
    // No body: an empty or absent one.
    body: z.object({}).strict().optional(),
    input: z.object({}).strict(),
  }),
  cancel: partyAction<{ reason: string }>({
    parties: ALL_PARTIES,
    from: ALL_PENDING,
    to: 'CANCELLED',
    awaitedOnly: false,
    label: '取消网上签约',
    shortLabel: '取消网上签约',
    announcedAs: 'signing.cancelled',
    body: reasonSchema,
    input: reasonSchema,
  }),
  // 档案接收: the employer while filling in, the student while confirming. Not a new stage.
  updateArchive: partyAction<{ archive: Archive }>({
    parties: ['employer', 'student'],
    from: ['PENDING_EMPLOYER', 'PENDING_STUDENT'],
    to: null,
    awaitedOnly: true,
    label: '保存档案接收信息',
    shortLabel: '保存档案接收信息',
    announcedAs: null,
    // The body is the archive itself; the input carries it as `archive`.
    body: archiveSchema,
    input: z.object({ archive: storedArchiveSchema }).strict(),
  }),
};

/** Party actions, each one Update and one Signal of the same name on the workflow. */
export type PartyAction = keyof typeof ACTIONS;
export const PARTY_ACTIONS = Object.keys(ACTIONS) as readonly PartyAction[];

/** What action `A`'s Update and Signal carry besides the actor. */
export type ActionInput<A extends PartyAction> = (typeof ACTIONS)[A] extends ActionSpec<infer I> ? I : never;

/** A record with one entry per party action, built from the table. */
export function byAction<V>(value: (action: PartyAction) => V): Record<PartyAction, V> {
  return Object.fromEntries(PARTY_ACTIONS.map((action) => [action, value(action)])) as Record<PartyAction, V>;
}
