import { useCallback, useRef, useState } from 'react';

/**
 * One action at a time: a second click (or Enter) while the first is under way does nothing, so a slow save is
 * never sent twice. The ref answers at once; the state only redraws the button.
 */
export function useSingleFlight(): { busy: boolean; run: (action: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const run = useCallback(async (action: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      await action();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
