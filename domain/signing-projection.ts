/**
 * The signing row's columns as a state determines them: what the persistence activity writes
 * (activities/record-transition.ts) and what the workflow's Update answers with, so the API can
 * answer an action from the Update's result without reading back the row it just caused to be
 * written (issue 16). One function, so the two never disagree. Pure: workflow-sandbox safe.
 */
import type { Archive, Contact } from './schemas';
import type { SigningState } from './signing-machine';
import { type SigningStatus, isTerminal } from './status';

export interface SigningProjection {
  status: SigningStatus;
  seq: number;
  unitNature: string | null;
  contact: Contact | null;
  archive: Archive | null;
  agreementVersion: number | null;
  agreementHash: string | null;
  /** ISO-8601. */
  updatedAt: string;
  endedAt: string | null;
}

export function signingProjection(state: SigningState): SigningProjection {
  const current = state.agreement;
  return {
    status: state.status,
    seq: state.seq,
    unitNature: current?.unitNature ?? null,
    contact: current?.contact ?? null,
    archive: state.archive ?? current?.archive ?? null,
    agreementVersion: current?.version ?? null,
    agreementHash: current?.hash ?? null,
    updatedAt: state.updatedAt,
    endedAt: isTerminal(state.status) ? state.updatedAt : null,
  };
}
