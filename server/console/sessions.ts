/**
 * Console sessions, kept in PostgreSQL so any hub process behind the proxy knows them; only a SHA-256 of the
 * cookie's token is stored, so a copy of the database opens no session. A session idle longer than the hub's
 * idle minutes is locked until the password is given again; none lives longer than a working day.
 */
import crypto from 'node:crypto';
import type { HubRole } from '../../shared/hubConsole';
import type { Queryable } from '../db';
import type { SignedIn } from './accounts';

/** Sign in again after this long, however busy the session. */
const MAX_AGE_MS = 12 * 3600_000;
/** last_seen_at is rewritten at most this often: an idle limit of minutes needs no finer clock. */
const TOUCH_MS = 15_000;

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

export type Resolved = { state: 'ok'; user: SignedIn; key: string } | { state: 'locked'; user: SignedIn; key: string } | { state: 'none' };

export async function createSession(q: Queryable, userId: string, now: Date): Promise<string> {
  await q.query('DELETE FROM hub_sessions WHERE created_at < $1', [new Date(now.getTime() - MAX_AGE_MS)]);
  const token = crypto.randomBytes(32).toString('base64url');
  await q.query('INSERT INTO hub_sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [hashToken(token), userId, now]);
  return token;
}

/** Resolves a cookie's token and, while the session is active, refreshes its idle timer. */
export async function resolveSession(q: Queryable, token: string | null, now: Date, idleMinutes: number): Promise<Resolved> {
  if (!token || token.length > 200) return { state: 'none' };
  const key = hashToken(token);
  const s = (
    await q.query<{
      user_id: string;
      created_at: Date | string;
      last_seen_at: Date | string;
      locked: boolean;
      login: string;
      display_name: string;
      role: HubRole;
      disabled_at: unknown;
    }>(
      `SELECT s.user_id, s.created_at, s.last_seen_at, s.locked, u.login, u.display_name, u.role, u.disabled_at
       FROM hub_sessions s JOIN hub_users u ON u.id = s.user_id WHERE s.token_hash = $1`,
      [key],
    )
  )[0];
  if (!s || s.disabled_at !== null || now.getTime() - new Date(s.created_at).getTime() > MAX_AGE_MS) {
    if (s) await q.query('DELETE FROM hub_sessions WHERE token_hash = $1', [key]);
    return { state: 'none' };
  }
  const user: SignedIn = { id: s.user_id, login: s.login, displayName: s.display_name, role: s.role };
  const idle = now.getTime() - new Date(s.last_seen_at).getTime();
  if (s.locked || idle > idleMinutes * 60_000) {
    if (!s.locked) await q.query('UPDATE hub_sessions SET locked = true WHERE token_hash = $1', [key]);
    return { state: 'locked', user, key };
  }
  if (idle > TOUCH_MS) await q.query('UPDATE hub_sessions SET last_seen_at = $2 WHERE token_hash = $1 AND NOT locked', [key, now]);
  return { state: 'ok', user, key };
}

export async function lockSession(q: Queryable, key: string): Promise<void> {
  await q.query('UPDATE hub_sessions SET locked = true WHERE token_hash = $1', [key]);
}

export async function unlockSession(q: Queryable, key: string, now: Date): Promise<void> {
  await q.query('UPDATE hub_sessions SET locked = false, last_seen_at = $2 WHERE token_hash = $1', [key, now]);
}

export async function endSession(q: Queryable, key: string): Promise<void> {
  await q.query('DELETE FROM hub_sessions WHERE token_hash = $1', [key]);
}

export async function endSessionsOf(q: Queryable, userId: string): Promise<void> {
  await q.query('DELETE FROM hub_sessions WHERE user_id = $1', [userId]);
}
