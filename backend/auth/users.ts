/** Users, log-in with slow-down after failures, and password changes. */
import type { Role, UserInfo } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { newId } from '../services/ids';
import { audit } from './audit';
import { loginDelaySeconds } from '../../shared/loginRules';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import type { SessionUser } from './sessions';

interface UserRow {
  id: string;
  login: string;
  display_name: string;
  role: Role;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  failed_logins: number;
  last_failed_at: string | null;
  last_login_at: string | null;
}

const toInfo = (u: UserRow): UserInfo => ({
  id: u.id,
  login: u.login,
  displayName: u.display_name,
  role: u.role,
  disabled: u.disabled_at !== null,
  lastLoginAt: u.last_login_at,
  createdAt: u.created_at,
});

export const toSessionUser = (u: UserInfo): SessionUser => ({ userId: u.id, login: u.login, displayName: u.displayName, role: u.role });

export function hasUsers(r: Reader): boolean {
  return Boolean(r.value('SELECT 1 FROM users LIMIT 1'));
}

export function listUsers(r: Reader): UserInfo[] {
  return r.all<UserRow>('SELECT * FROM users ORDER BY login').map(toInfo);
}

export function getUser(r: Reader, id: string): UserInfo {
  const u = r.get<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
  if (!u) throw new AppError('NOT_FOUND', '该用户不存在');
  return toInfo(u);
}

export function createUser(w: Writer, ctx: CallContext, input: { login: string; displayName: string; role: Role; password: string }): UserInfo {
  const problem = passwordProblem(input.password, input.login);
  if (problem) throw new AppError('VALIDATION', `密码不够安全：${problem}`, [{ field: 'password', message: problem }]);
  if (w.value('SELECT 1 FROM users WHERE login = ?', [input.login])) {
    throw new AppError('CONFLICT', `登录名“${input.login}”已被使用`, [{ field: 'login', message: '登录名已存在' }]);
  }
  const id = newId();
  const at = ctx.now.toISOString();
  w.run('INSERT INTO users (id, login, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    id,
    input.login,
    input.displayName,
    input.role,
    hashPassword(input.password),
    at,
    at,
  ]);
  audit(w, ctx, 'user.create', 'user', [id], { login: input.login, role: input.role });
  return getUser(w, id);
}

// The rule is shared with the city hub's accounts.
export { loginDelaySeconds };

export function login(w: Writer, ctx: CallContext, loginName: string, password: string): UserInfo {
  const u = w.get<UserRow>('SELECT * FROM users WHERE login = ?', [loginName]);
  const fail = (message: string) => {
    // The login as typed is recorded, but no role: nothing was proven (ctx.role is only the anonymous caller's).
    audit(w, { ...ctx, actor: loginName, role: null }, 'login.failed', 'user', u ? [u.id] : [], { login: loginName, reason: message });
    return new AppError('FORBIDDEN', message);
  };
  if (!u) throw fail('登录名或密码不正确');
  if (u.disabled_at) throw fail('该账号已停用，请联系管理员');
  const wait = loginDelaySeconds(u.failed_logins);
  if (wait > 0 && u.last_failed_at && ctx.now.getTime() - new Date(u.last_failed_at).getTime() < wait * 1000) {
    const left = Math.ceil((wait * 1000 - (ctx.now.getTime() - new Date(u.last_failed_at).getTime())) / 1000);
    throw fail(`密码错误次数过多，请 ${left} 秒后再试`);
  }
  if (!verifyPassword(password, u.password_hash)) {
    w.run('UPDATE users SET failed_logins = failed_logins + 1, last_failed_at = ? WHERE id = ?', [ctx.now.toISOString(), u.id]);
    throw fail('登录名或密码不正确');
  }
  w.run('UPDATE users SET failed_logins = 0, last_failed_at = NULL, last_login_at = ? WHERE id = ?', [ctx.now.toISOString(), u.id]);
  audit(w, { ...ctx, actor: u.login, role: u.role }, 'login', 'user', [u.id]);
  return getUser(w, u.id);
}

/** Checks a password without logging in (unlocking an idle session). Failures count like log-in failures. */
export function checkPassword(w: Writer, ctx: CallContext, userId: string, password: string): void {
  const u = getUser(w, userId);
  login(w, ctx, u.login, password);
}

export function changePassword(w: Writer, ctx: CallContext, userId: string, oldPassword: string, newPassword: string): void {
  const u = w.get<UserRow>('SELECT * FROM users WHERE id = ?', [userId]);
  if (!u || !verifyPassword(oldPassword, u.password_hash)) throw new AppError('FORBIDDEN', '原密码不正确');
  setPassword(w, ctx, u, newPassword);
}

export function resetPassword(w: Writer, ctx: CallContext, userId: string, newPassword: string): void {
  const u = w.get<UserRow>('SELECT * FROM users WHERE id = ?', [userId]);
  if (!u) throw new AppError('NOT_FOUND', '该用户不存在');
  setPassword(w, ctx, u, newPassword);
}

function setPassword(w: Writer, ctx: CallContext, u: UserRow, password: string): void {
  const problem = passwordProblem(password, u.login);
  if (problem) throw new AppError('VALIDATION', `密码不够安全：${problem}`, [{ field: 'password', message: problem }]);
  w.run('UPDATE users SET password_hash = ?, failed_logins = 0, last_failed_at = NULL, updated_at = ? WHERE id = ?', [
    hashPassword(password),
    ctx.now.toISOString(),
    u.id,
  ]);
  audit(w, ctx, 'user.password', 'user', [u.id]);
}

export function updateUser(
  w: Writer,
  ctx: CallContext,
  id: string,
  patch: { displayName?: string | undefined; role?: Role | undefined; disabled?: boolean | undefined },
): UserInfo {
  const before = getUser(w, id);
  const sets: string[] = [];
  const params: (string | null)[] = [];
  if (patch.displayName !== undefined) {
    sets.push('display_name = ?');
    params.push(patch.displayName);
  }
  if (patch.role !== undefined) {
    sets.push('role = ?');
    params.push(patch.role);
  }
  if (patch.disabled !== undefined) {
    sets.push('disabled_at = ?');
    params.push(patch.disabled ? ctx.now.toISOString() : null);
  }
  if (sets.length === 0) return before;
  const demotesLastAdmin = before.role === 'admin' && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
  if (demotesLastAdmin && Number(w.value("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL") ?? 0) <= 1) {
    throw new AppError('CONFLICT', '至少要保留一个可用的管理员账号');
  }
  w.run(`UPDATE users SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`, [...params, ctx.now.toISOString(), id]);
  const after = getUser(w, id);
  audit(w, ctx, 'user.edit', 'user', [id], {
    old: { displayName: before.displayName, role: before.role, disabled: before.disabled },
    new: { displayName: after.displayName, role: after.role, disabled: after.disabled },
  });
  return after;
}
