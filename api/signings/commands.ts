/**
 * The API's writes: a new signing (a database reservation plus a workflow start, atomically) and
 * a party action (one Update). Workflow refusals come back as ApplicationFailures whose type is
 * one of our error codes; they become AppErrors with the workflow's Chinese message.
 */
import { randomUUID } from 'node:crypto';
import { type Client, WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import type { Db, Tx } from '../../db/client';
import { isUniqueViolation } from '../../db/unique-violation';
import type { DeadlinePolicy } from '../../domain/deadline-policy';
import { signingEvents, signings } from '../../db/schema';
import { eventRow } from '../../db/signing-rows';
import type { Application } from '../../domain/schemas';
import type { ActionInput, PartyAction } from '../../domain/actions';
import { type ActionMessage, type Actor, submit } from '../../domain/signing-machine';
import { SIGNING_STATUSES, STATUS_LABELS, type SigningStatus } from '../../domain/status';
import { ACTION_UPDATES, type SigningView, type SigningWorkflowInput, signingWorkflowId } from '../../workflows/messages';
import type { signingWorkflow } from '../../workflows/signing';
import { AwaitingPartyKey, EmployerCreditCodeKey, SchoolCodeKey, SigningStatusKey, StageStartedAtKey } from '../../workflows/search-attributes';
import { signingStaticDetails, signingStaticSummary } from '../../domain/workflow-metadata';
import { writeNotifications } from '../../activities/record-notifications';
import { transitionNotification } from '../../domain/notification-event';
import { drawAgreementNo } from './agreement-numbers';
import { AppError } from '../http/errors';
import { executeWorkflowUpdate } from '../http/workflow-update';
import { findBlockingSigning } from './queries';

export interface TemporalSettings {
  client: Client;
  taskQueue: string;
  /** Deadline policy for new signings; each signing keeps the one it started with. */
  deadlinePolicy: DeadlinePolicy;
  /**
   * Whether the worker sends e-mail (SMTP_URL set): the submission's notice, which the API writes,
   * queues e-mails only then, as the worker's steps do (activities/record-notifications.ts).
   */
  emailEnabled: boolean;
}

export interface CreateSigningInput {
  studentId: string;
  schoolCode: string;
  application: Application;
  submittedBy: Actor;
  /**
   * Written in the reservation's transaction, once the run has started (the Idempotency-Key's
   * answer, api/http/idempotency.ts `record`): committed with the signing or not at all.
   */
  alsoRecord?: (tx: Tx, inserted: typeof signings.$inferSelect) => Promise<void>;
}


/** Unique violation on the one-active-signing-per-student index (docs/design.md §5). */
const isActiveSigningConflict = (err: unknown) => isUniqueViolation(err, 'signings_one_active_per_student_uq');

/** 409 naming the student's active signing (`existing`, if it was found). */
function activeSigningConflict(existing: { id: string; status: SigningStatus } | null): AppError {
  const status = existing?.status ?? 'PENDING_EMPLOYER';
  return new AppError('CONFLICT', `已有一份「${STATUS_LABELS[status]}」的网签，不能重复提交`, {
    status,
    statusLabel: STATUS_LABELS[status],
    signingId: existing?.id,
  });
}

/**
 * Reserves the student's one active signing in PostgreSQL and starts its workflow inside the same
 * transaction: a racing second submission waits on the unique index and then fails, and a failed
 * start leaves no row behind. The transaction also holds the submission (seq 1) and its notice.
 * Answers the row as inserted.
 */
export async function createSigning(db: Db, temporal: TemporalSettings, input: CreateSigningInput): Promise<typeof signings.$inferSelect> {
  const signingId = randomUUID();
  const workflowId = signingWorkflowId(signingId);
  // Millisecond precision, so keyset cursors built from JS dates compare exactly.
  const submittedAt = new Date();
  const workflowInput: SigningWorkflowInput = {
    signingId,
    parties: {
      studentId: input.studentId,
      employerCreditCode: input.application.employer.creditCode,
      schoolCode: input.schoolCode,
    },
    application: input.application,
    submittedBy: input.submittedBy,
    submittedAt: submittedAt.toISOString(),
    policy: temporal.deadlinePolicy,
  };
  // The submission is recorded here, in the reservation's transaction, so the signing is never
  // seen without its first event; the workflow starts from the same state and persists from seq 2.
  const first = submit(workflowInput);
  const deadlineAt = new Date(submittedAt.getTime() + temporal.deadlinePolicy.stageDeadlineMs);
  // A student who already has an active signing is told so before a number is drawn for nothing
  // (the unique index below still decides a race; a number lost to one is a gap, which is allowed).
  const blocking = await findBlockingSigning(db, input.studentId);
  if (blocking) throw activeSigningConflict(blocking);
  // Drawn before the reservation, in its own statement (see api/signings/agreement-numbers.ts).
  const agreementNo = await drawAgreementNo(db, input.schoolCode, submittedAt);
  // Set before the start call: a start whose reply was lost may still have created the run.
  let startAttempted = false;
  let inserted: typeof signings.$inferSelect | undefined;
  try {
    await db.transaction(async (tx) => {
      [inserted] = await tx.insert(signings).values({
        id: signingId,
        workflowId,
        studentId: input.studentId,
        schoolCode: input.schoolCode,
        employerCreditCode: input.application.employer.creditCode,
        employerName: input.application.employer.name,
        agreementNo,
        status: first.state.status,
        seq: first.state.seq,
        application: input.application,
        deadlineAt,
        createdAt: submittedAt,
        updatedAt: submittedAt,
      }).returning();
      await tx.insert(signingEvents).values(eventRow(signingId, first.event));
      // The submission's notice with it (the employer's turn): the run then starts with no
      // activity, and starts its delivery only if these rows hold e-mails or webhook calls.
      const notice = transitionNotification(signingId, workflowInput.parties, first.event, 'employer', deadlineAt.toISOString());
      const { deliver } = await writeNotifications(tx, notice, { emailEnabled: temporal.emailEnabled });
      workflowInput.submissionNotice = { deliver };
      startAttempted = true;
      await temporal.client.workflow.start<typeof signingWorkflow>('signingWorkflow', {
        workflowId,
        taskQueue: temporal.taskQueue,
        args: [workflowInput],
        typedSearchAttributes: [
          { key: SigningStatusKey, value: 'PENDING_EMPLOYER' },
          { key: AwaitingPartyKey, value: 'employer' },
          { key: SchoolCodeKey, value: input.schoolCode },
          { key: EmployerCreditCodeKey, value: input.application.employer.creditCode },
          { key: StageStartedAtKey, value: submittedAt },
        ],
        staticSummary: signingStaticSummary({ ...workflowInput.parties, agreementNo }),
        staticDetails: signingStaticDetails({
          ...workflowInput.parties,
          signingId,
          agreementNo,
          submittedAt: workflowInput.submittedAt,
          policy: temporal.deadlinePolicy,
        }),
      });
      await input.alsoRecord?.(tx, inserted!);
    });
  } catch (err) {
    if (isActiveSigningConflict(err)) throw activeSigningConflict(await findBlockingSigning(db, input.studentId));
    // The counter behind the numbers already used (e.g. a database restored from an older backup
    // than its data): nothing was reserved, so the client may simply retry; the next draw is higher.
    if (isUniqueViolation(err, 'signings_agreement_no_unique')) {
      throw new AppError('UNAVAILABLE', '协议书编号分配冲突，请稍后重试');
    }
    if (startAttempted && !(err instanceof WorkflowExecutionAlreadyStartedError)) {
      // The reservation did not commit, but the run may exist (started, or its start reply lost):
      // end it, so no workflow waits for parties on a signing the database never had. Best effort;
      // a run that was never created answers not-found, which is ignored.
      await temporal.client.workflow
        .getHandle(workflowId)
        .terminate('signing reservation was not committed')
        .catch(() => undefined);
    }
    if (err instanceof WorkflowExecutionAlreadyStartedError) throw new AppError('CONFLICT', '网签已存在');
    throw err;
  }
  // The row as committed, for the answer (no read back).
  if (!inserted) throw new Error(`signing ${signingId} was reserved without its row`);
  return inserted;
}

/**
 * Sends one party action to the signing's workflow and waits for the accepted transition to be
 * persisted. `updateId` (from the Idempotency-Key) makes a repeat return the first outcome.
 */
export async function sendAction<A extends PartyAction>(
  temporal: TemporalSettings,
  signingId: string,
  actor: Actor,
  action: A,
  input: ActionInput<A>,
  options: { updateId?: string | undefined; currentStatus: SigningStatus },
): Promise<SigningView> {
  const handle = temporal.client.workflow.getHandle(signingWorkflowId(signingId));
  const message: ActionMessage<A> = { ...input, actor };
  return executeWorkflowUpdate(handle, ACTION_UPDATES[action], message, options.updateId, async () => {
    // The run has ended (completed, cancelled, expired): no action fits any more. The status the
    // caller read before sending can be stale — a racing action may have ended the run since
    // (tests/races) — so the refusal names the run's final status, not the one read earlier.
    // A 解约 moves a closed run's signing to 已解约, which the run itself never saw.
    const status = options.currentStatus === 'RESCINDED' ? 'RESCINDED' : ((await finalStatusOf(handle)) ?? options.currentStatus);
    return new AppError('CONFLICT', `当前状态为「${STATUS_LABELS[status]}」，网签已结束，不能再办理`, {
      status,
      statusLabel: STATUS_LABELS[status],
    });
  });
}

/**
 * A closed run's last status: the SigningStatus search attribute, which the workflow upserts at
 * every transition (one describe, no replay). Undefined if the run cannot be described.
 */
async function finalStatusOf(handle: WorkflowHandle): Promise<SigningStatus | undefined> {
  try {
    const status = (await handle.describe()).typedSearchAttributes.get(SigningStatusKey);
    return status !== undefined && (SIGNING_STATUSES as readonly string[]).includes(status) ? (status as SigningStatus) : undefined;
  } catch {
    return undefined;
  }
}
