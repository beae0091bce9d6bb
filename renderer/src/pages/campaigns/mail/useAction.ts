import { App } from 'antd';
import { useRef, useState } from 'react';
import { errorText } from '../../../lib/errors';

/**
 * One button's call at a time: `busy` names the action under way (for its spinner), a second click while it runs
 * is ignored, and the outcome is a toast — the returned text on success, the Chinese error otherwise.
 */
export function useAction() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const inFlight = useRef(false);
  const run = async (key: string, fn: () => Promise<string | null>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(key);
    try {
      const text = await fn();
      if (text) message.success(text);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  };
  return { busy, run, message };
}
