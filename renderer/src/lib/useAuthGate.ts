/**
 * Which screen the app shows: first start, log-in, branch set-up or the frame — and whether the lock overlay
 * covers it. Decided from auth.state and setup.status at start and after every log-in; LOCKED and
 * UNAUTHENTICATED answers of any call (see api.ts) move it on from there.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UserInfo } from '../../../shared/domain';
import { api, authEvents } from '../api';
import { errorText } from './errors';

export type GateView =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  /** No account yet: the wizard starts by creating the administrator. */
  | { kind: 'firstStart' }
  | { kind: 'login' }
  /** Signed in, but the branch has no name or villages yet: the wizard continues at its second step. */
  | { kind: 'setupBranch' }
  | { kind: 'app' };

export interface AuthGate {
  view: GateView;
  user: UserInfo | null;
  locked: boolean;
  /** Why the overlay is up, in Chinese, for its subtitle. */
  lockReason: string;
  idleMinutes: number;
  refresh(): Promise<void>;
  lock(reason?: string): void;
  unlocked(user: UserInfo | null): void;
  logout(): Promise<void>;
}

export function useAuthGate(): AuthGate {
  const [view, setView] = useState<GateView>({ kind: 'loading' });
  const [user, setUser] = useState<UserInfo | null>(null);
  const [locked, setLocked] = useState(false);
  const [lockReason, setLockReason] = useState('');
  const [idleMinutes, setIdleMinutes] = useState(15);
  const signedIn = useRef(false);

  const refresh = useCallback(async () => {
    try {
      const [auth, setup] = await Promise.all([api['auth.state']({}), api['setup.status']({})]);
      setIdleMinutes(auth.idleMinutes);
      setUser(auth.user);
      signedIn.current = auth.user !== null;
      if (!auth.hasUsers) return setView({ kind: 'firstStart' });
      if (!auth.user) return setView({ kind: 'login' });
      if (auth.locked) {
        setLocked(true);
        setLockReason(`已超过 ${auth.idleMinutes} 分钟未操作`);
      }
      setView({ kind: setup.configured ? 'app' : 'setupBranch' });
    } catch (e) {
      setView({ kind: 'error', message: errorText(e) });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const toLogin = useCallback(() => {
    signedIn.current = false;
    setLocked(false);
    setUser(null);
    authEvents.settle(false);
    setView({ kind: 'login' });
  }, []);

  useEffect(
    () =>
      authEvents.on((problem) => {
        if (!signedIn.current) return;
        if (problem === 'UNAUTHENTICATED') return toLogin();
        setLocked(true);
        setLockReason('会话已锁定');
      }),
    [toLogin],
  );

  const lock = useCallback((reason = '已手动锁定') => {
    setLocked(true);
    setLockReason(reason);
    api['auth.lock']({}).catch(() => undefined);
  }, []);

  const unlocked = useCallback((u: UserInfo | null) => {
    if (u) setUser(u);
    setLocked(false);
    authEvents.settle(true);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api['auth.logout']({});
    } finally {
      toLogin();
    }
  }, [toLogin]);

  return { view, user, locked, lockReason, idleMinutes, refresh, lock, unlocked, logout };
}
