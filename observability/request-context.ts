/**
 * The HTTP request being served, for code far from the request object: the logger's mixin puts
 * its id on every line, and the Temporal client interceptor puts it in the headers of what the
 * request sends to a workflow. Entered by the request-logging middleware.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestScope {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

export function runInRequest<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}
