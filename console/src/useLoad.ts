import { useCallback, useEffect, useState } from 'react';
import { ApiError, UNLOCKED_EVENT } from './api';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Loads once per change of `key`, on reload() and after an unlock; a slower earlier answer never overwrites a later one. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) => live && setState((s) => ({ data: s.data, error: e instanceof ApiError || e instanceof Error ? e.message : String(e), loading: false })),
    );
    return () => {
      live = false;
    };
    // `load` is recreated every render; `key` says when it asks for something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  useEffect(() => {
    const again = () => setTick((t) => t + 1);
    window.addEventListener(UNLOCKED_EVENT, again);
    return () => window.removeEventListener(UNLOCKED_EVENT, again);
  }, []);
  return { ...state, reload: useCallback(() => setTick((t) => t + 1), []) };
}
