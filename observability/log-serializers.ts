/**
 * What an error looks like in a log line. pino's default serializer copies every enumerable
 * property, and some errors carry personal data there or in their text: drizzle's
 * DrizzleQueryError has the query's `params` (names, 考生号, salaries…) as a property and in its
 * message, postgres errors have `detail` ("Key (…)=(value) already exists"). So: an allowlist of
 * fields, with any `params:` section cut from the message and the stack.
 */
import { stdSerializers } from 'pino';

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
}

// drizzle formats `Failed query: <sql>\nparams: <values>`; the values run up to the stack frames.
const QUERY_PARAMS = /\nparams: [\s\S]*?(?=\n\s+at |\ncaused by: |$)/g;

function scrub(text: string): string {
  return text.replace(QUERY_PARAMS, '\nparams: [已隐藏]');
}

function codeOf(err: { code?: unknown; cause?: unknown }, depth = 0): string | undefined {
  if (typeof err.code === 'string') return err.code;
  if (depth < 3 && typeof err.cause === 'object' && err.cause !== null) return codeOf(err.cause as { code?: unknown; cause?: unknown }, depth + 1);
  return undefined;
}

export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const full = stdSerializers.err(err);
  const code = codeOf(err as { code?: unknown; cause?: unknown });
  return {
    type: full.type,
    message: scrub(full.message),
    ...(full.stack ? { stack: scrub(full.stack) } : {}),
    ...(code ? { code } : {}),
  } satisfies SerializedError;
}
