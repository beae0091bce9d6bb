/**
 * Who is using the console decides what it shows: nothing yet (asking the hub), the log-in screen, the lock
 * screen over an idle session, or the frame. The hub is the judge (its 401 answers are announced by api.ts); a
 * timer here only spares a screen full of figures staying up after the idle minutes.
 */
import { Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ConsoleMe } from '../../shared/hubConsole';
import { log } from '../../shared/log';
import { ApiError, AUTH_EVENT, get, post, UNLOCKED_EVENT, type AuthSignal } from './api';
import { Frame } from './Frame';
import { LockScreen } from './LockScreen';
import { LoginScreen } from './LoginScreen';

type State = { kind: 'loading' } | { kind: 'out' } | { kind: 'in'; me: ConsoleMe };

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    get<ConsoleMe>('/me').then(
      (me) => setState({ kind: 'in', me }),
      (e: unknown) => {
        if (!(e instanceof ApiError) || e.status !== 401) log.error('hub console: /me failed', e);
        setState({ kind: 'out' });
      },
    );
  }, []);

  useEffect(() => {
    const onAuth = (e: Event) => {
      const signal = (e as CustomEvent<AuthSignal>).detail;
      setState((s) => (signal === 'signed-out' ? { kind: 'out' } : s.kind === 'in' ? { kind: 'in', me: { ...s.me, locked: true } } : s));
    };
    window.addEventListener(AUTH_EVENT, onAuth);
    return () => window.removeEventListener(AUTH_EVENT, onAuth);
  }, []);

  const me = state.kind === 'in' ? state.me : null;
  useIdleLock(me && !me.locked ? me.idleMinutes : null, () => {
    void post<ConsoleMe>('/lock').then(
      (m) => setState({ kind: 'in', me: m }),
      () => undefined,
    );
  });

  const logout = useCallback(() => {
    void post('/logout').finally(() => setState({ kind: 'out' }));
  }, []);

  if (state.kind === 'loading') return <Spin fullscreen tip="正在连接市局服务器…" />;
  if (state.kind === 'out') return <LoginScreen onIn={(m) => setState({ kind: 'in', me: m })} />;
  return (
    <>
      <Frame me={state.me} onLogout={logout} />
      {state.me.locked && (
        <LockScreen
          me={state.me}
          onUnlocked={(m) => {
            setState({ kind: 'in', me: m });
            window.dispatchEvent(new Event(UNLOCKED_EVENT));
          }}
          onLogout={logout}
        />
      )}
    </>
  );
}

/** Calls `lock` after `minutes` without a key press, click or scroll (null: not watching). */
function useIdleLock(minutes: number | null, lock: () => void): void {
  useEffect(() => {
    if (minutes === null) return;
    let timer = window.setTimeout(lock, minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lock, minutes * 60_000);
    };
    const events = ['keydown', 'mousedown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, reset, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, reset);
    };
    // `lock` is a fresh closure each render and does the same thing; the timer follows `minutes` only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [minutes]);
}
