import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;
/** How often a busy clerk tells the backend "still here", so typing a long note never locks the session. */
const HEARTBEAT_MS = 60_000;
const CHECK_MS = 5_000;

/**
 * Locks after `minutes` without mouse or keyboard. While the clerk is active, `onActive` runs at most once a
 * minute (the frame pings the backend with it: the backend's own idle timer only sees calls, not keystrokes).
 */
export function useIdleLock(enabled: boolean, minutes: number, onIdle: () => void, onActive: () => void): void {
  const last = useRef(Date.now());
  const lastBeat = useRef(Date.now());
  const handlers = useRef({ onIdle, onActive });
  handlers.current = { onIdle, onActive };

  useEffect(() => {
    if (!enabled) return;
    last.current = Date.now();
    const seen = () => {
      const now = Date.now();
      last.current = now;
      if (now - lastBeat.current >= HEARTBEAT_MS) {
        lastBeat.current = now;
        handlers.current.onActive();
      }
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, seen, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) handlers.current.onIdle();
    }, CHECK_MS);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, seen, { capture: true });
      window.clearInterval(timer);
    };
  }, [enabled, minutes]);
}
