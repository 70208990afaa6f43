/**
 * Inside one workflow run: the request id of the message being handled. The inbound interceptors
 * (workflows/request-id-interceptors.ts) enter it for the run itself and for each Update and Signal;
 * asynchronous work started from there (promise chains, activities, child workflows) keeps it, so
 * a transition is persisted and announced under the id of the request that caused it.
 */
import { AsyncLocalStorage } from '@temporalio/workflow';

interface RequestScope {
  requestId: string | undefined;
}

// One instance per workflow run (the sandbox keeps module state per run); the SDK disables it
// when the run leaves the worker's cache.
const storage = new AsyncLocalStorage<RequestScope>();

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `fn` (and what it starts) on behalf of `requestId`; undefined: on behalf of no request. */
export function withRequestId<T>(requestId: string | undefined, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

/**
 * Runs `fn` on behalf of no request: for what a timer does (reminders, expiry), which would
 * otherwise inherit the id of the request that started the run, days earlier.
 */
export function outsideAnyRequest<T>(fn: () => T): T {
  return storage.run({ requestId: undefined }, fn);
}
