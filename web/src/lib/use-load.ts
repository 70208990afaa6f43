/** Loads what a screen shows, with the loading and error states every screen needs, and a reload. */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Loads again (after an action); resolves once the new data or error is in. */
  reload(): Promise<void>;
}

interface State<T> {
  data?: T;
  error?: Error;
  loading: boolean;
}

const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<State<T>>({ loading: true });
  // Only the newest load may write: an older answer arriving late is dropped.
  const generation = useRef(0);
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });

  const settle = useCallback((mine: number, promise: Promise<T>) =>
    promise.then(
      (data) => {
        if (mine === generation.current) setState({ data, loading: false });
      },
      (err: unknown) => {
        if (mine === generation.current) setState((s) => ({ data: s.data, error: asError(err), loading: false }));
      },
    ), []);

  useEffect(() => {
    const mine = ++generation.current;
    void settle(mine, load());
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the load depends on
  }, deps);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    return settle(mine, latestLoad.current());
  }, [settle]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}
