/**
 * For the API's Temporal client: what an HTTP request sends to a workflow — the start, an Update,
 * a Signal, a Query — carries the request's id in a Temporal header, where the workflow
 * interceptors (workflows/request-id-interceptors.ts) pick it up. Calls made outside a request
 * (scripts, tests) send none.
 */
import type {
  Next,
  WorkflowClientInterceptor,
  WorkflowQueryInput,
  WorkflowSignalInput,
  WorkflowSignalWithStartInput,
  WorkflowStartInput,
  WorkflowStartOutput,
  WorkflowStartUpdateInput,
  WorkflowStartUpdateOutput,
  WorkflowStartUpdateWithStartInput,
  WorkflowStartUpdateWithStartOutput,
} from '@temporalio/client';
import { withRequestIdHeader } from '../domain/request-id';
import { currentRequestId } from './request-context';

export class RequestIdClientInterceptor implements WorkflowClientInterceptor {
  startWithDetails(input: WorkflowStartInput, next: Next<WorkflowClientInterceptor, 'startWithDetails'>): Promise<WorkflowStartOutput> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, currentRequestId()) });
  }

  signalWithStart(input: WorkflowSignalWithStartInput, next: Next<WorkflowClientInterceptor, 'signalWithStart'>): Promise<string> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, currentRequestId()) });
  }

  startUpdate(input: WorkflowStartUpdateInput, next: Next<WorkflowClientInterceptor, 'startUpdate'>): Promise<WorkflowStartUpdateOutput> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, currentRequestId()) });
  }

  startUpdateWithStart(
    input: WorkflowStartUpdateWithStartInput,
    next: Next<WorkflowClientInterceptor, 'startUpdateWithStart'>,
  ): Promise<WorkflowStartUpdateWithStartOutput> {
    const requestId = currentRequestId();
    return next({
      ...input,
      workflowStartHeaders: withRequestIdHeader(input.workflowStartHeaders, requestId),
      updateHeaders: withRequestIdHeader(input.updateHeaders, requestId),
    });
  }

  signal(input: WorkflowSignalInput, next: Next<WorkflowClientInterceptor, 'signal'>): Promise<void> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, currentRequestId()) });
  }

  query(input: WorkflowQueryInput, next: Next<WorkflowClientInterceptor, 'query'>): Promise<unknown> {
    return next({ ...input, headers: withRequestIdHeader(input.headers, currentRequestId()) });
  }
}

/** The `interceptors` option of the API's `new Client(…)`. */
export function clientInterceptors(): { workflow: WorkflowClientInterceptor[] } {
  return { workflow: [new RequestIdClientInterceptor()] };
}
