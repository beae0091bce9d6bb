/**
 * Log-in sessions of one backend. Tokens are random and live in memory only (a restart means logging in
 * again); hosts keep them out of page scripts (an HttpOnly cookie in the browser mode, the main process
 * in Electron). A session idle longer than the configured minutes is locked until the password is given.
 */
import crypto from 'node:crypto';
import type { Role } from '../../shared/domain';

export interface SessionUser {
  userId: string;
  login: string;
  displayName: string;
  role: Role;
}

interface Entry extends SessionUser {
  lastSeen: number;
  locked: boolean;
}

export type Resolved = { state: 'ok'; user: SessionUser } | { state: 'locked'; user: SessionUser } | { state: 'none' };

export class SessionStore {
  private readonly sessions = new Map<string, Entry>();

  create(user: SessionUser, now: Date): string {
    const token = crypto.randomBytes(32).toString('base64url');
    this.sessions.set(token, { ...user, lastSeen: now.getTime(), locked: false });
    return token;
  }

  /** Resolves and, when active, refreshes the idle timer. */
  resolve(token: string | null | undefined, now: Date, idleMinutes: number): Resolved {
    const s = token ? this.sessions.get(token) : undefined;
    if (!s) return { state: 'none' };
    if (s.locked || now.getTime() - s.lastSeen > idleMinutes * 60_000) {
      s.locked = true;
      return { state: 'locked', user: s };
    }
    s.lastSeen = now.getTime();
    return { state: 'ok', user: s };
  }

  peek(token: string | null | undefined): SessionUser | undefined {
    return token ? this.sessions.get(token) : undefined;
  }

  lock(token: string): void {
    const s = this.sessions.get(token);
    if (s) s.locked = true;
  }

  unlock(token: string, now: Date): void {
    const s = this.sessions.get(token);
    if (s) {
      s.locked = false;
      s.lastSeen = now.getTime();
    }
  }

  destroy(token: string | null | undefined): void {
    if (token) this.sessions.delete(token);
  }

  /** Ends every session of a user (disabled, role changed, password reset). */
  endUser(userId: string): void {
    for (const [t, s] of this.sessions) if (s.userId === userId) this.sessions.delete(t);
  }
}
