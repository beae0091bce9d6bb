import { useCallback, useEffect, useRef, useState } from 'react';
import type { OpenTarget } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';

/** The open targets of one carrier (optionally one campaign); an older answer never replaces a newer one. */
export function useOpenTargets(carrierId: string | null, campaignId: string | null) {
  const [targets, setTargets] = useState<OpenTarget[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const gen = ++generation.current;
    if (!carrierId) {
      setTargets(null);
      return;
    }
    setLoading(true);
    try {
      const rows = await api['visits.targets']({ carrierId, ...(campaignId ? { campaignId } : {}) });
      if (gen !== generation.current) return;
      setTargets(rows);
      setError(null);
    } catch (e) {
      if (gen === generation.current) setError(errorText(e));
    } finally {
      if (gen === generation.current) setLoading(false);
    }
  }, [carrierId, campaignId]);

  useEffect(() => {
    void load();
    return () => {
      // eslint-disable-next-line react-hooks/exhaustive-deps -- a request counter, not a DOM node: bumping the current value at clean-up is the point (late answers are dropped).
      generation.current++;
    };
  }, [load]);

  return { targets, loading, error, reload: load };
}
