/**
 * One party action as one Temporal Update, for every workflow the API drives (the signing's and
 * the 解约 request's): sent with one update id for every attempt (an Idempotency-Key's, so a repeat
 * returns the first outcome), retried while the run's workflow task is failing, and its refusals
 * — ApplicationFailures whose type is one of our error codes — turned into AppErrors with the
 * workflow's Chinese message. A run that has ended answers what `onClosed` says.
 */
import { randomUUID } from 'node:crypto';
import { type WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { decodeFromPayloadsAtIndex, decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import { UNSTORABLE_WRITE } from '../../domain/failure-types';
import { AppError, type ErrorCode } from './errors';

const REFUSAL_CODES: readonly ErrorCode[] = ['CONFLICT', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'];

/** Waits between Update attempts while the workflow task is failing (about 10 s in all). */
const WORKFLOW_TASK_RETRY_DELAYS_MS = [200, 400, 800, 1600, 3200, 3200];

export async function executeWorkflowUpdate<Ret, Arg>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, [Arg]>,
  message: Arg,
  updateIdOrNone: string | undefined,
  onClosed: () => Promise<AppError>,
): Promise<Ret> {
  // One id for every attempt below, so a retry can never act twice.
  const updateId = updateIdOrNone ?? randomUUID();
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await handle.executeUpdate(update, { args: [message], updateId });
      } catch (err) {
        // The server refuses (does not admit) Updates while the run's workflow task is failing —
        // on an overloaded machine, a task that timed out and is being retried (tests/races saw
        // these as 500s). That passes once the retried task completes: wait and send again.
        if (!isWorkflowTaskFailing(err)) throw err;
        const delay = WORKFLOW_TASK_RETRY_DELAYS_MS[attempt];
        if (delay === undefined) throw new AppError('UNAVAILABLE', '办理流程暂时繁忙，请稍后重试');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  } catch (caught) {
    let err = caught;
    if (updateIdOrNone !== undefined && isClosedWorkflowError(err)) {
      // A repeat of an Update the run completed before it closed: its outcome is that one (the
      // server answers it from the run's memory, but not always once it has restarted).
      const recorded = await recordedOutcome<Ret>(handle, updateId);
      if (recorded?.ok) return recorded.value;
      if (recorded) err = recorded.error;
    }
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const type = err.cause.type as ErrorCode | null;
      // Accepted, but the database refused the step's data (the workflow holds the run):
      // our fault, answered at once and plainly.
      if (err.cause.type === UNSTORABLE_WRITE) throw new AppError('INTERNAL', err.cause.message, { reason: UNSTORABLE_WRITE });
      if (type && REFUSAL_CODES.includes(type)) {
        const details = err.cause.details?.[0] as { issues?: unknown } | undefined;
        throw new AppError(type, err.cause.message, type === 'VALIDATION_FAILED' ? details?.issues : details);
      }
    }
    if (err instanceof WorkflowNotFoundError || isClosedWorkflowError(err)) throw await onClosed();
    throw err;
  }
}

/**
 * The outcome the run's history holds for `updateId`, decoded as the client decodes an Update's
 * answer; undefined when the history has none (the Update never completed in this run).
 */
async function recordedOutcome<Ret>(handle: WorkflowHandle, updateId: string): Promise<{ ok: true; value: Ret } | { ok: false; error: Error } | undefined> {
  const history = await handle.fetchHistory();
  const completed = history.events?.find((e) => e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === updateId);
  const outcome = completed?.workflowExecutionUpdateCompletedEventAttributes?.outcome;
  if (!outcome) return undefined;
  const converter = handle.client.options.loadedDataConverter;
  if (outcome.failure) {
    const cause = await decodeOptionalFailureToOptionalError(converter, outcome.failure);
    return { ok: false, error: new WorkflowUpdateFailedError('Workflow Update failed', cause) };
  }
  return { ok: true, value: await decodeFromPayloadsAtIndex<Ret>(converter, 0, outcome.success?.payloads) };
}

/** gRPC FAILED_PRECONDITION "Unable to perform workflow execution update due to Workflow Task in failed state". */
function isWorkflowTaskFailing(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth += 1) {
    if (/workflow task in failed state/i.test(e.message)) return true;
  }
  return false;
}

function isClosedWorkflowError(err: unknown): boolean {
  const message = err instanceof Error ? `${err.message} ${String((err as { cause?: Error }).cause?.message ?? '')}` : '';
  return /workflow execution already completed|already completed/i.test(message);
}
