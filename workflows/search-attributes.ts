/**
 * Typed search attributes the signing workflow upserts at each transition. They hold no personal
 * data: only the status, the party awaited, the school code, the employer's credit code and when
 * the current stage began, so operators can filter in the Temporal UI (e.g.
 * `SigningStatus = "PENDING_SCHOOL"`, or `StageStartedAt < "…"` for signings waiting too long).
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SigningStatusKey = defineSearchAttributeKey('SigningStatus', SearchAttributeType.KEYWORD);
export const AwaitingPartyKey = defineSearchAttributeKey('AwaitingParty', SearchAttributeType.KEYWORD);
export const SchoolCodeKey = defineSearchAttributeKey('SchoolCode', SearchAttributeType.KEYWORD);
export const EmployerCreditCodeKey = defineSearchAttributeKey('EmployerCreditCode', SearchAttributeType.KEYWORD);
/** The last transition (a stage starts at each one); "stalled for 7 days" is a filter on it. */
export const StageStartedAtKey = defineSearchAttributeKey('StageStartedAt', SearchAttributeType.DATETIME);
/** A 解约 request's status (domain/rescission.ts): `RescissionStatus = "PENDING_SCHOOL" AND SchoolCode = "…"`. */
export const RescissionStatusKey = defineSearchAttributeKey('RescissionStatus', SearchAttributeType.KEYWORD);

/**
 * The Temporal UI's / CLI's list query for signings only: the notification delivery workflows
 * (`notify-…`, retried webhooks included) are left out. README's filters start from it; the
 * launcher prints the UI link with it.
 */
export const SIGNINGS_LIST_QUERY = 'WorkflowType = "signingWorkflow"';

/** Name → CLI type, for `temporal server start-dev --search-attribute Name=Type` and test servers. */
export const SEARCH_ATTRIBUTE_REGISTRATIONS = {
  SigningStatus: 'Keyword',
  AwaitingParty: 'Keyword',
  SchoolCode: 'Keyword',
  EmployerCreditCode: 'Keyword',
  StageStartedAt: 'Datetime',
  RescissionStatus: 'Keyword',
} as const;
