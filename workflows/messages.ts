/**
 * The signing workflow's messages. The API imports these definitions (never string names). Each
 * party action is an Update (the caller learns at once whether it was accepted) and also a Signal
 * of the same name (for the Temporal UI and CLI), handled by the same code.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DeadlinePolicy } from '../domain/deadline-policy';
import type { Agreement, Archive, Contact } from '../domain/schemas';
import type { Actor, SigningEvent, SigningParties, SubmitInput } from '../domain/signing-machine';
import type { Party, PartyAction, SigningStatus } from '../domain/status';

export interface SigningWorkflowInput extends SubmitInput {
  /** The deadline policy in force when the signing started; it stays with the signing. */
  policy?: DeadlinePolicy | undefined;
}

export interface EmployerSignInput {
  actor: Actor;
  unitNature: string;
  contact: Contact;
  agreement: Agreement;
  archive?: Archive | undefined;
}
export interface StudentConfirmInput {
  actor: Actor;
  agreementHash: string;
}
export interface ReasonInput {
  actor: Actor;
  reason: string;
}
export interface SchoolConfirmInput {
  actor: Actor;
}
export interface UpdateArchiveInput {
  actor: Actor;
  archive: Archive;
}

/** What a Query or an accepted Update returns: the signing as the workflow sees it now. */
export interface SigningView {
  signingId: string;
  status: SigningStatus;
  statusLabel: string;
  awaiting: Party | null;
  /** When the current stage expires (null once ended). */
  deadlineAt: string | null;
  seq: number;
  parties: SigningParties;
  agreement: { version: number; hash: string } | null;
  lastEvent: SigningEvent;
  updatedAt: string;
}

export const employerSignUpdate = defineUpdate<SigningView, [EmployerSignInput]>('employerSign');
export const studentConfirmUpdate = defineUpdate<SigningView, [StudentConfirmInput]>('studentConfirm');
export const returnUpdate = defineUpdate<SigningView, [ReasonInput]>('return');
export const schoolConfirmUpdate = defineUpdate<SigningView, [SchoolConfirmInput]>('schoolConfirm');
export const cancelUpdate = defineUpdate<SigningView, [ReasonInput]>('cancel');
export const updateArchiveUpdate = defineUpdate<SigningView, [UpdateArchiveInput]>('updateArchive');

export const employerSignSignal = defineSignal<[EmployerSignInput]>('employerSign');
export const studentConfirmSignal = defineSignal<[StudentConfirmInput]>('studentConfirm');
export const returnSignal = defineSignal<[ReasonInput]>('return');
export const schoolConfirmSignal = defineSignal<[SchoolConfirmInput]>('schoolConfirm');
export const cancelSignal = defineSignal<[ReasonInput]>('cancel');
export const updateArchiveSignal = defineSignal<[UpdateArchiveInput]>('updateArchive');

export const statusQuery = defineQuery<SigningView>('status');

/** Update definitions by action, so the API can route one action name to its Update. */
export const ACTION_UPDATES = {
  employerSign: employerSignUpdate,
  studentConfirm: studentConfirmUpdate,
  return: returnUpdate,
  schoolConfirm: schoolConfirmUpdate,
  cancel: cancelUpdate,
  updateArchive: updateArchiveUpdate,
} as const satisfies Record<PartyAction, unknown>;

/** Temporal workflow id of a signing: opaque, no personal data (docs/design.md §6). */
export function signingWorkflowId(signingId: string): string {
  return `signing-${signingId}`;
}

/** ApplicationFailure types the workflow uses for refusals (= API error codes). */
export const REFUSAL_TYPES = ['CONFLICT', 'FORBIDDEN', 'NOT_FOUND'] as const;
