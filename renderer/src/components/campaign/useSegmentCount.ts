import { useEffect, useMemo, useRef, useState } from 'react';
import type { SegmentCount } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { useDebounced } from '../../lib/hooks';
import { cleanFilter, type SegmentFilter } from './segmentFilter';

export interface LiveCount {
  count: SegmentCount | null;
  /** A newer filter is waiting to be counted, or the count is on its way. */
  pending: boolean;
  error: string | null;
}

/**
 * Counts the filter as the clerk builds it: one request once the filter has been still for 300 ms; an answer
 * to an older filter never replaces a newer one.
 */
export function useSegmentCount(filter: SegmentFilter, enabled = true): LiveCount {
  const key = useMemo(() => JSON.stringify(cleanFilter(filter)), [filter]);
  const settled = useDebounced(key, 300);
  const [count, setCount] = useState<SegmentCount | null>(null);
  const [countedKey, setCountedKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const gen = ++generation.current;
    api['segments.count']({ filter: JSON.parse(settled) as SegmentFilter })
      .then((c) => {
        if (gen !== generation.current) return;
        setCount(c);
        setError(null);
        setCountedKey(settled);
      })
      .catch((e: unknown) => {
        if (gen !== generation.current) return;
        setError(errorText(e));
        setCountedKey(settled);
      });
  }, [settled, enabled]);

  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  return { count, pending: enabled && countedKey !== key, error };
}
