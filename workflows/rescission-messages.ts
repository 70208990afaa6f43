/**
 * The 解约 workflow's messages (workflows/rescission.ts), beside it; the API imports these
 * definitions, never string names. Each action of domain/rescission.ts is an Update (the caller
 * learns at once whether it was accepted) and a Signal of the same name (for the Temporal UI and
 * CLI), handled by the same code; `status` is a Query.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { DeadlinePolicy } from '../domain/deadline-policy';
import {
  RESCISSION_ACTION_NAMES,
  type RescissionAction,
  type RescissionEvent,
  type RescissionRequest,
  type RescissionState,
  type RescissionStatus,
} from '../domain/rescission';
import type { Actor } from '../domain/signing-machine';
import type { Party } from '../domain/status';

export interface RescissionWorkflowInput extends RescissionRequest {
  /** The deadline policy of the signing's stages when the request was made; it stays with the request. */
  policy: DeadlinePolicy;
}

/** What each action's Update and Signal carry: who acts, and a reason for a rejection. */
export type RescissionMessage<A extends RescissionAction = RescissionAction> = A extends 'reject' ? { actor: Actor; reason: string } : { actor: Actor };

/** What a Query or an accepted Update returns: the request as the workflow sees it now. */
export interface RescissionView {
  rescissionId: string;
  signingId: string;
  status: RescissionStatus;
  statusLabel: string;
  awaiting: Party | null;
  /** When the current stage expires (null once ended). */
  deadlineAt: string | null;
  seq: number;
  requestedBy: RescissionState['requestedBy'];
  lastEvent: RescissionEvent;
  updatedAt: string;
}

export const RESCISSION_UPDATES = Object.fromEntries(RESCISSION_ACTION_NAMES.map((action) => [action, defineUpdate(action)])) as {
  [A in RescissionAction]: UpdateDefinition<RescissionView, [RescissionMessage<A>], A>;
};
export const RESCISSION_SIGNALS = Object.fromEntries(RESCISSION_ACTION_NAMES.map((action) => [action, defineSignal(action)])) as {
  [A in RescissionAction]: SignalDefinition<[RescissionMessage<A>], A>;
};

export const rescissionStatusQuery = defineQuery<RescissionView>('status');

/** Temporal workflow id of a rescission request: opaque, no personal data (docs/design.md §6). */
export function rescissionWorkflowId(rescissionId: string): string {
  return `rescission-${rescissionId}`;
}

/** One accepted step after the request, for the persistence activity. */
export interface RescissionStepRecord {
  state: RescissionState;
  event: RescissionEvent;
  deadlineAt: string | null;
}


