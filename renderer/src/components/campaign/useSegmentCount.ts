import { useEffect, useMemo, useState } from 'react';
import type { SegmentCount } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { useLatestOnly } from '../../lib/latestOnly';
import { cleanFilter, type SegmentFilter } from './segmentFilter';

export interface LiveCount {
  count: SegmentCount | null;
  /** A newer filter is waiting to be counted, or the count is on its way. */
  pending: boolean;
  error: string | null;
}

/**
 * Counts the filter as the clerk builds it: each change is counted at once, one request at a time, and changes
 * made while a count is on its way collapse into the newest; an answer to an older filter never replaces it.
 */
export function useSegmentCount(filter: SegmentFilter, enabled = true): LiveCount {
  const key = useMemo(() => JSON.stringify(cleanFilter(filter)), [filter]);
  const [count, setCount] = useState<SegmentCount | null>(null);
  const [countedKey, setCountedKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const counter = useLatestOnly<string, SegmentCount>(
    (k) => api['segments.count']({ filter: JSON.parse(k) as SegmentFilter }),
    (k, outcome) => {
      if (outcome.ok) {
        setCount(outcome.value);
        setError(null);
      } else setError(errorText(outcome.error));
      setCountedKey(k);
    },
  );

  useEffect(() => {
    if (enabled) counter.ask(key);
  }, [counter, key, enabled]);

  return { count, pending: enabled && countedKey !== key, error };
}
