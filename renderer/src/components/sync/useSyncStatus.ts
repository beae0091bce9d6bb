import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../../../shared/sync';
import { api } from '../../api';
import { errorText } from '../../lib/errors';

/** A window event rather than shared module state: any screen that changed sync tells every status holder. */
const SYNC_CHANGED = 'pbdb:sync-changed';

/** Call after anything that changes the sync state (立即同步, settings, files, resolving a conflict). */
export function announceSyncChange(): void {
  window.dispatchEvent(new Event(SYNC_CHANGED));
}

export interface SyncStatusState {
  status: SyncStatus | null;
  error: string | null;
  reload: () => void;
}

/** While a run is under way the status is asked for more often, so its end shows promptly. */
const RUNNING_POLL_MS = 2_000;

/**
 * The sync status, kept current: every `pollMs`, after every announced change, and quickly while a run is under
 * way. An answer that arrives after a newer one was asked for is dropped.
 */
export function useSyncStatus(pollMs = 15_000): SyncStatusState {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const reload = useCallback(() => {
    const gen = ++generation.current;
    api['sync.status']({})
      .then((s) => {
        if (gen !== generation.current) return;
        setStatus(s);
        setError(null);
      })
      .catch((e: unknown) => {
        if (gen === generation.current) setError(errorText(e));
      });
  }, []);

  const running = status?.running ?? false;
  useEffect(() => {
    reload();
    const timer = setInterval(reload, running ? Math.min(pollMs, RUNNING_POLL_MS) : pollMs);
    window.addEventListener(SYNC_CHANGED, reload);
    return () => {
      clearInterval(timer);
      window.removeEventListener(SYNC_CHANGED, reload);
      // eslint-disable-next-line react-hooks/exhaustive-deps -- a request counter, not a DOM node: bumping the current value at clean-up is the point (late answers are dropped).
      generation.current++;
    };
  }, [reload, pollMs, running]);

  return { status, error, reload };
}
