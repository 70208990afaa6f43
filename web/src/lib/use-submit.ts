/**
 * One submit of a form or an action button: a flag that disables the control while the request is
 * out, and an Idempotency-Key kept across retries of the same submit, so a double click, or a retry
 * after a lost answer, is acted on once (the API returns the first outcome for a repeated key). A
 * definite answer (success or a 4xx) ends the submit: the next click is a new one with a new key.
 */
import { useCallback, useRef, useState } from 'react';
import { ApiError, newIdempotencyKey } from '../api/client';

export function useSubmit<A extends unknown[], R>(action: (idempotencyKey: string, ...args: A) => Promise<R>) {
  const [submitting, setSubmitting] = useState(false);
  const inFlight = useRef(false);
  const key = useRef<string | undefined>(undefined);

  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setSubmitting(true);
      key.current ??= newIdempotencyKey();
      try {
        const result = await action(key.current, ...args);
        key.current = undefined;
        return result;
      } catch (err) {
        // Only an answer that may not have reached us (network, 5xx, 409 still in progress) keeps the key.
        const definite = err instanceof ApiError && err.status >= 400 && err.status < 500 && err.reason !== 'IDEMPOTENCY_KEY_IN_PROGRESS';
        if (definite) key.current = undefined;
        throw err;
      } finally {
        inFlight.current = false;
        setSubmitting(false);
      }
    },
    [action],
  );

  return { run, submitting };
}
