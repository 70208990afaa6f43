/**
 * The signing workflow's messages. The API imports these definitions (never string names). Each
 * party action of domain/actions.ts is an Update (the caller learns at once whether it was
 * accepted) and also a Signal of the same name (for the Temporal UI and CLI), handled by the same
 * code; both carry `ActionMessage<A>` (the actor and the action's input).
 */
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { PARTY_ACTIONS, type PartyAction } from '../domain/actions';
import type { DeadlinePolicy } from '../domain/deadline-policy';
import type { ActionMessage, SigningEvent, SigningParties, SubmitInput } from '../domain/signing-machine';
import type { SigningProjection } from '../domain/signing-projection';
import type { Party, SigningStatus } from '../domain/status';

export interface SigningWorkflowInput extends SubmitInput {
  /** The deadline policy in force when the signing started; it stays with the signing. */
  policy?: DeadlinePolicy | undefined;
  /**
   * Set by the API on every start since the submission's notice moved into its reservation
   * (docs/design.md §4): the start request set every search attribute, and the notice's rows were
   * written with the signing's — `deliver` says whether they hold e-mails or webhook calls, whose
   * delivery this run then starts. Absent on older runs, which publish and record the notice themselves.
   */
  submissionNotice?: { deliver: boolean } | undefined;
}

// The messages of particular actions, by the names the API's load tools and tests use.
export type EmployerSignInput = ActionMessage<'employerSign'>;
export type StudentConfirmInput = ActionMessage<'studentConfirm'>;
export type ReasonInput = ActionMessage<'return' | 'cancel'>;
export type SchoolConfirmInput = ActionMessage<'schoolConfirm'>;
export type UpdateArchiveInput = ActionMessage<'updateArchive'>;

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
  /**
   * The signing row as this state makes it (domain/signing-projection.ts): the API answers an
   * action from it. Absent from the answers of runs built before it existed.
   */
  row?: SigningProjection | undefined;
}

/** Action `A`'s Update: answers with the signing once the step is persisted. */
export type ActionUpdate<A extends PartyAction> = UpdateDefinition<SigningView, [ActionMessage<A>], A>;
/** Action `A`'s Signal: the same action, unanswered (for the Temporal UI and CLI). */
export type ActionSignal<A extends PartyAction> = SignalDefinition<[ActionMessage<A>], A>;

/** Update definitions by action, one per action of domain/actions.ts (the API routes an action name to its Update). */
export const ACTION_UPDATES = Object.fromEntries(PARTY_ACTIONS.map((action) => [action, defineUpdate(action)])) as {
  readonly [A in PartyAction]: ActionUpdate<A>;
};
/** Signal definitions by action, of the same names. */
export const ACTION_SIGNALS = Object.fromEntries(PARTY_ACTIONS.map((action) => [action, defineSignal(action)])) as {
  readonly [A in PartyAction]: ActionSignal<A>;
};

// By name, for the tests, scripts and the recorder that send one particular action.
export const employerSignUpdate = ACTION_UPDATES.employerSign;
export const studentConfirmUpdate = ACTION_UPDATES.studentConfirm;
export const returnUpdate = ACTION_UPDATES.return;
export const schoolConfirmUpdate = ACTION_UPDATES.schoolConfirm;
export const cancelUpdate = ACTION_UPDATES.cancel;
export const updateArchiveUpdate = ACTION_UPDATES.updateArchive;

export const employerSignSignal = ACTION_SIGNALS.employerSign;
export const studentConfirmSignal = ACTION_SIGNALS.studentConfirm;
export const returnSignal = ACTION_SIGNALS.return;
export const schoolConfirmSignal = ACTION_SIGNALS.schoolConfirm;
export const cancelSignal = ACTION_SIGNALS.cancel;
export const updateArchiveSignal = ACTION_SIGNALS.updateArchive;

export const statusQuery = defineQuery<SigningView>('status');

/** Temporal workflow id of a signing: opaque, no personal data (docs/design.md §6). */
export function signingWorkflowId(signingId: string): string {
  return `signing-${signingId}`;
}

/** ApplicationFailure types the workflow uses for refusals (= API error codes). */
export const REFUSAL_TYPES = ['CONFLICT', 'FORBIDDEN', 'NOT_FOUND'] as const;
