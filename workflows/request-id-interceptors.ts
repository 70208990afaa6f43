/**
 * Workflow interceptors (registered through the worker's `interceptors.workflowModules`): the
 * request id of each inbound message — the start, an Update, a Signal, a Query — is entered for
 * its handling, added to the workflow's log lines, and passed on in the headers of the activities
 * and child workflows scheduled meanwhile. Headers change no command's kind or order, so replay
 * of histories recorded without them is unaffected.
 */
import type {
  ActivityInput,
  GetLogAttributesInput,
  LocalActivityInput,
  Next,
  QueryInput,
  SignalInput,
  StartChildWorkflowExecutionInput,
  UpdateInput,
  WorkflowExecuteInput,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptorsFactory,
  WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { currentRequestId, withRequestId } from './request-context';
import { requestIdOf, withRequestIdHeader } from '../domain/request-id';

// Each message is handled under its own id only: an Update or Signal without one (sent from the
// Temporal UI or the CLI) must not borrow the id of the request that started the run.
const inbound: WorkflowInboundCallsInterceptor = {
  execute: (input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) =>
    withRequestId(requestIdOf(input.headers), () => next(input)),
  handleUpdate: (input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>) =>
    withRequestId(requestIdOf(input.headers), () => next(input)),
  validateUpdate: (input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>) =>
    withRequestId(requestIdOf(input.headers), () => next(input)),
  handleSignal: (input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>) =>
    withRequestId(requestIdOf(input.headers), () => next(input)),
  handleQuery: (input: QueryInput, next: Next<WorkflowInboundCallsInterceptor, 'handleQuery'>) =>
    withRequestId(requestIdOf(input.headers), () => next(input)),
};

const outbound: WorkflowOutboundCallsInterceptor = {
  scheduleActivity: (input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) =>
    next({ ...input, headers: withRequestIdHeader(input.headers, currentRequestId()) }),
  scheduleLocalActivity: (input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>) =>
    next({ ...input, headers: withRequestIdHeader(input.headers, currentRequestId()) }),
  startChildWorkflowExecution: (
    input: StartChildWorkflowExecutionInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'startChildWorkflowExecution'>,
  ) => next({ ...input, headers: withRequestIdHeader(input.headers, currentRequestId()) }),
  getLogAttributes: (input: GetLogAttributesInput, next: Next<WorkflowOutboundCallsInterceptor, 'getLogAttributes'>) => {
    const requestId = currentRequestId();
    return next(requestId ? { ...input, requestId } : input);
  },
};

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [inbound], outbound: [outbound] });
