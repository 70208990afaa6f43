/**
 * Recognises "a backing service is down" among thrown errors: the Temporal frontend unreachable
 * (gRPC UNAVAILABLE, or DEADLINE_EXCEEDED after the client's own retries) or PostgreSQL unreachable
 * or shutting down. Such a request is not the client's fault and not a bug: the answer is
 * 503 UNAVAILABLE, and the client retries with the same Idempotency-Key (the Update id makes the
 * retry act once). Found by tests/faults: these were 500 INTERNAL before.
 */

/** gRPC status codes (@grpc/grpc-js `status`): the server cannot be reached or did not answer in time. */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** Node socket errors and postgres.js connection errors. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/** PostgreSQL SQLSTATEs: admin_shutdown, crash_shutdown, cannot_connect_now; class 08 = connection exception. */
function isPostgresUnavailable(code: string): boolean {
  return code === '57P01' || code === '57P02' || code === '57P03' || /^08[0-9A-Z]{3}$/.test(code);
}

function isGrpcError(err: object): boolean {
  return 'metadata' in err && 'details' in err;
}

/** True when `err`, or an error it wraps (`cause`, AggregateError `errors`), says a backing service is down. */
export function isDependencyUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 6) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'number' && isGrpcError(err) && (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED)) return true;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || isPostgresUnavailable(code))) return true;
  const nested = [(err as { cause?: unknown }).cause, ...((err as { errors?: unknown }).errors instanceof Array ? (err as { errors: unknown[] }).errors : [])];
  return nested.some((inner) => isDependencyUnavailable(inner, depth + 1));
}
