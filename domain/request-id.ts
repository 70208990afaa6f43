/**
 * The request id as it travels through Temporal: one header (`request-id`) on workflow starts,
 * Updates, Signals and Queries sent by the API, and on the activities and child workflows a
 * workflow schedules on behalf of that message. Shared by the API's client interceptor, the
 * workflow interceptors (sandbox: no Node built-ins here) and the worker's activity interceptor.
 */
import { type Payload, defaultPayloadConverter } from '@temporalio/common';

export const REQUEST_ID_HEADER = 'request-id';

/**
 * What we accept as a request id from outside: a short token of letters, digits and `._:-`
 * (UUIDs, ULIDs, `test-<uuid>`, most gateways' ids), so a client cannot inject line breaks, markup
 * or kilobytes into every log line of its request.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function isSaneRequestId(value: unknown): value is string {
  return typeof value === 'string' && SANE_REQUEST_ID.test(value);
}

/** `headers` plus the request id (unchanged when there is none). */
export function withRequestIdHeader<H extends Record<string, Payload>>(headers: H, requestId: string | undefined): H {
  if (!requestId) return headers;
  return { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}

/** The request id carried by `headers`, if any (anything malformed counts as none). */
export function requestIdOf(headers: Record<string, Payload> | undefined): string | undefined {
  const payload = headers?.[REQUEST_ID_HEADER];
  if (!payload) return undefined;
  try {
    const value: unknown = defaultPayloadConverter.fromPayload(payload);
    return isSaneRequestId(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
