/**
 * People at the 市局 who use the console: 市局管理员 (registers branches, manages accounts) and 市局主管 (reads,
 * issues campaigns, downloads reports). Passwords follow the branch app's rule and hashing; failed log-ins slow
 * the account (per account), its source and everyone (throttle.ts), like the branch app.
 */
import crypto from 'node:crypto';
import { HUB_ROLE_LABELS, type CreateUserInput, type HubRole, type HubUserInfo } from '../../shared/hubConsole';
import { loginDelaySeconds } from '../../shared/loginRules';
import { passwordProblem } from '../../shared/password';
import type { Queryable } from '../db';
import { HubError } from '../errors';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwords';
import { endSessionsOf } from './sessions';
import { loginHold, recordLoginFailure } from './throttle';

interface UserRow {
  id: string;
  login: string;
  display_name: string;
  role: HubRole;
  password_hash: string;
  created_at: Date | string;
  disabled_at: Date | string | null;
  failed_logins: number;
  last_failed_at: Date | string | null;
  last_login_at: Date | string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

const toInfo = (u: UserRow): HubUserInfo => ({
  id: u.id,
  login: u.login,
  displayName: u.display_name,
  role: u.role,
  disabled: u.disabled_at !== null,
  createdAt: iso(u.created_at)!,
  lastLoginAt: iso(u.last_login_at),
});

/** 市局管理员 / 市局主管, or the codes themselves. */
export function roleFromText(text: string): HubRole | null {
  const t = text.trim();
  for (const [role, label] of Object.entries(HUB_ROLE_LABELS) as [HubRole, string][]) if (t === label || t === role) return role;
  return null;
}

export async function createHubUser(q: Queryable, input: CreateUserInput, now: Date): Promise<HubUserInfo> {
  const problem = passwordProblem(input.password, input.login);
  if (problem) throw new HubError(400, 'VALIDATION', `密码不够安全：${problem}`);
  if ((await q.query('SELECT 1 FROM hub_users WHERE lower(login) = lower($1)', [input.login])).length) {
    throw new HubError(409, 'CONFLICT', `登录名“${input.login}”已被使用`);
  }
  const id = `u${crypto.randomBytes(6).toString('hex')}`;
  try {
    const rows = await q.query<UserRow>(
      'INSERT INTO hub_users (id, login, display_name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
      [id, input.login, input.displayName, input.role, await hashPassword(input.password), now],
    );
    return toInfo(rows[0]!);
  } catch (e) {
    // Two people adding the same login at once: the second meets the unique index.
    if ((e as { code?: string }).code === '23505') throw new HubError(409, 'CONFLICT', `登录名“${input.login}”已被使用`);
    throw e;
  }
}

export async function listHubUsers(q: Queryable): Promise<HubUserInfo[]> {
  return (await q.query<UserRow>('SELECT * FROM hub_users ORDER BY login')).map(toInfo);
}

/** Disables an account and ends its sessions at once; the last usable 市局管理员 stays. */
export async function disableHubUser(q: Queryable, by: { login?: string; id?: string }, now: Date): Promise<HubUserInfo> {
  const u = (await q.query<UserRow>('SELECT * FROM hub_users WHERE id = $1 OR lower(login) = lower($2)', [by.id ?? '', by.login ?? '']))[0];
  if (!u) throw new HubError(404, 'NOT_FOUND', `没有登录名为“${by.login ?? by.id ?? ''}”的市局用户`);
  if (u.role === 'city_admin' && u.disabled_at === null) {
    const admins = (await q.query<{ n: unknown }>("SELECT count(*) AS n FROM hub_users WHERE role = 'city_admin' AND disabled_at IS NULL"))[0];
    if (Number(admins?.n ?? 0) <= 1) throw new HubError(409, 'CONFLICT', '至少要保留一个可用的市局管理员账号');
  }
  const rows = await q.query<UserRow>('UPDATE hub_users SET disabled_at = coalesce(disabled_at, $2) WHERE id = $1 RETURNING *', [u.id, now]);
  await endSessionsOf(q, u.id);
  return toInfo(rows[0]!);
}

export type SignedIn = Pick<HubUserInfo, 'id' | 'login' | 'displayName' | 'role'>;

/**
 * Checks a password as a log-in does (also for unlocking an idle session): throttled by source and overall,
 * then per account; the same answer for an unknown login as for a wrong password.
 */
export async function checkLogin(q: Queryable, login: string, password: string, source: string, now: Date): Promise<SignedIn> {
  const hold = await loginHold(q, source, now);
  if (hold) throw new HubError(429, 'THROTTLED', hold.message);
  const u = (await q.query<UserRow>('SELECT * FROM hub_users WHERE lower(login) = lower($1)', [login.trim()]))[0];
  const wrong = new HubError(401, 'BAD_LOGIN', '登录名或密码不正确');
  if (!u) {
    await verifyPassword(password, DECOY_HASH);
    await recordLoginFailure(q, source, now);
    throw wrong;
  }
  const wait = loginDelaySeconds(u.failed_logins);
  const since = u.last_failed_at ? now.getTime() - new Date(u.last_failed_at).getTime() : Infinity;
  if (wait > 0 && since < wait * 1000) {
    throw new HubError(429, 'THROTTLED', `密码错误次数过多，请 ${Math.ceil((wait * 1000 - since) / 1000)} 秒后再试`);
  }
  if (!(await verifyPassword(password, u.password_hash))) {
    await q.query('UPDATE hub_users SET failed_logins = failed_logins + 1, last_failed_at = $2 WHERE id = $1', [u.id, now]);
    await recordLoginFailure(q, source, now);
    throw wrong;
  }
  // Told only to someone who knows the password: a guesser learns nothing about which accounts exist.
  if (u.disabled_at) throw new HubError(403, 'DISABLED', '该账号已停用，请联系市局管理员');
  await q.query('UPDATE hub_users SET failed_logins = 0, last_failed_at = NULL, last_login_at = $2 WHERE id = $1', [u.id, now]);
  return { id: u.id, login: u.login, displayName: u.display_name, role: u.role };
}
