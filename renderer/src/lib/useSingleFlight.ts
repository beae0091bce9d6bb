import { App } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { errorText } from './errors';

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

/**
 * useSingleFlight for a handler with no error handling of its own: whatever the action throws becomes one toast,
 * `failure + errorText(e)` ("保存失败：" → "保存失败：出错了…"; no prefix shows errorText alone). An action that
 * catches some errors itself (field problems under the form, say) rethrows only the ones left for the toast.
 */
export function useReportedFlight(): {
  busy: boolean;
  run: (action: () => Promise<void>, failure?: string) => Promise<void>;
} {
  const { busy, run: single } = useSingleFlight();
  const { message } = App.useApp();
  const run = useCallback(
    (action: () => Promise<void>, failure = '') =>
      single(async () => {
        try {
          await action();
        } catch (e) {
          message.error(failure + errorText(e));
        }
      }),
    [single, message],
  );
  return { busy, run };
}
