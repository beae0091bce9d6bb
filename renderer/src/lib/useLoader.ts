import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './errors';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  /** Chinese reason the last load failed, or null. */
  error: string | null;
  reload: () => Promise<void>;
}

/**
 * Loads something once on mount and again on reload(). A slower, older answer never overwrites a newer one,
 * and nothing is set after the component is gone.
 */
export function useLoader<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const gen = ++generation.current;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (gen !== generation.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (gen === generation.current) setError(errorText(e));
    } finally {
      if (gen === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
    return () => {
      // eslint-disable-next-line react-hooks/exhaustive-deps -- a request counter, not a DOM node: bumping the current value at clean-up is the point (late answers are dropped).
      generation.current++;
    };
  }, [reload]);

  return { data, loading, error, reload };
}
