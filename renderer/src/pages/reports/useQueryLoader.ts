import { useEffect, useRef } from 'react';
import { useLoader, type Loaded } from '../../lib/useLoader';

/**
 * useLoader that also asks again whenever `load` changes (another period, report or date range). The figures on
 * screen stay until the new ones arrive, so switching a quarter does not blank the page.
 */
export function useQueryLoader<T>(load: () => Promise<T>): Loaded<T> {
  const res = useLoader(load);
  const { reload } = res;
  const mounted = useRef(false);
  useEffect(() => {
    // The first run is useLoader's own load on mount.
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    void reload();
  }, [load, reload]);
  return res;
}
