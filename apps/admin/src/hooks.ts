import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from './api';

const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError
    ? error
    : new ApiError(0, 'CLIENT', error instanceof Error ? error.message : String(error));

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads data when `key` changes; a stale answer for an older key is dropped. */
export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  const [state, setState] = useState<{ key: string; data?: T; error: ApiError | null; loading: boolean }>({
    key,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let live = true;
    setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: null, loading: true }));
    loadRef.current().then(
      (data) => live && setState({ key, data, error: null, loading: false }),
      (error: unknown) => live && setState({ key, error: asApiError(error), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return {
    data: state.key === key ? state.data : undefined,
    error: state.error,
    loading: state.loading,
    reload,
  };
}

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  error: ApiError | null;
  /** The last successful result, until the next run. */
  result: R | undefined;
  reset: () => void;
}

/** A form submission: pending while it runs, the API error next to the form if it fails. */
export function useAction<A extends unknown[], R>(perform: (...args: A) => Promise<R>): Action<A, R> {
  const [state, setState] = useState<{ pending: boolean; error: ApiError | null; result?: R }>({
    pending: false,
    error: null,
  });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const performRef = useRef(perform);
  useLayoutEffect(() => {
    performRef.current = perform;
  });

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setState({ pending: true, error: null });
    try {
      const result = await performRef.current(...args);
      if (mounted.current) setState({ pending: false, error: null, result });
      return result;
    } catch (error) {
      if (mounted.current) setState({ pending: false, error: asApiError(error) });
      return undefined;
    }
  }, []);
  const reset = useCallback(() => setState({ pending: false, error: null }), []);
  return { run, pending: state.pending, error: state.error, result: state.result, reset };
}
