import { AppError } from '../../../shared/errors';
import { audit, listAudit } from '../../auth/audit';
import { changePassword, checkPassword, createUser, getUser, hasUsers, listUsers, login, resetPassword, toSessionUser, updateUser } from '../../auth/users';
import { idleMinutes } from '../../services/settings';
import type { HandlerDeps, Handlers } from './deps';

type AuthOps =
  | 'auth.state'
  | 'auth.setupAdmin'
  | 'auth.login'
  | 'auth.logout'
  | 'auth.unlock'
  | 'auth.lock'
  | 'auth.changePassword'
  | 'users.list'
  | 'users.create'
  | 'users.update'
  | 'users.resetPassword'
  | 'audit.list'
  | 'security.recoveryKey';

export function authHandlers({ db, sessions, loginThrottle, key }: HandlerDeps): Pick<Handlers, AuthOps> {
  return {
    'auth.state': (_input, ctx) =>
      db.read((r) => {
        const minutes = idleMinutes(r);
        const s = sessions.resolve(ctx.token, ctx.now, minutes);
        const user = s.state === 'none' ? null : getUser(r, s.user.userId);
        return { hasUsers: hasUsers(r), user, locked: s.state === 'locked', idleMinutes: minutes };
      }),
    'auth.setupAdmin': (input, ctx) =>
      db.write('auth.setupAdmin', (w) => {
        // Only the very first start may create an account without logging in.
        if (hasUsers(w)) throw new AppError('FORBIDDEN', '已有管理员账号，请登录后在“设置 → 用户”中添加用户');
        const created = createUser(w, { ...ctx, actor: input.login, role: 'admin' }, { ...input, role: 'admin' });
        // Creating the first account signs its owner in: record it as a log-in like any other.
        w.run('UPDATE users SET last_login_at = ? WHERE id = ?', [ctx.now.toISOString(), created.id]);
        audit(w, { ...ctx, actor: created.login, role: 'admin' }, 'login', 'user', [created.id]);
        const user = getUser(w, created.id);
        return { user, token: sessions.create(toSessionUser(user), ctx.now) };
      }),
    'auth.login': (input, ctx) => {
      const source = ctx.source ?? 'local';
      // Refused before the password is looked at, and without a write: a held guesser learns nothing and costs little.
      const hold = loginThrottle.check(source, ctx.now);
      if (hold) throw new AppError('FORBIDDEN', hold.message);
      // The failure is recorded (and so slows the next attempt) even though the call reports an error.
      let failure: unknown;
      const user = db.write('auth.login', (w) => {
        try {
          return login(w, ctx, input.login, input.password);
        } catch (e) {
          failure = e;
          for (const scope of loginThrottle.fail(source, ctx.now)) {
            audit(w, { ...ctx, actor: input.login, role: null }, 'login.throttled', 'user', [], {
              login: input.login,
              scope: scope === 'source' ? '这台电脑' : '全部账号',
              source,
            });
          }
          return null;
        }
      });
      if (!user) throw failure;
      sessions.destroy(ctx.token);
      return { user, token: sessions.create(toSessionUser(user), ctx.now) };
    },
    'auth.logout': (_input, ctx) => {
      const s = sessions.peek(ctx.token);
      if (s) db.write('auth.logout', (w) => audit(w, { ...ctx, actor: s.login, role: s.role }, 'logout', 'user', [s.userId]));
      sessions.destroy(ctx.token);
      return { ok: true };
    },
    'auth.unlock': (input, ctx) => {
      const s = sessions.peek(ctx.token);
      if (!s || !ctx.token) throw new AppError('UNAUTHENTICATED', '请先登录');
      let failure: unknown;
      db.write('auth.unlock', (w) => {
        try {
          checkPassword(w, { ...ctx, actor: s.login, role: s.role }, s.userId, input.password);
        } catch (e) {
          failure = e;
        }
      });
      if (failure) {
        // The log-in wording ("登录名或密码不正确") would puzzle someone who only typed a password.
        if (failure instanceof AppError && failure.message === '登录名或密码不正确') throw new AppError('FORBIDDEN', '密码不正确');
        throw failure;
      }
      sessions.unlock(ctx.token, ctx.now);
      return db.read((r) => ({ hasUsers: true, user: getUser(r, s.userId), locked: false, idleMinutes: idleMinutes(r) }));
    },
    'auth.lock': (_input, ctx) => {
      if (ctx.token) sessions.lock(ctx.token);
      return { ok: true };
    },
    'auth.changePassword': (input, ctx) => {
      if (!ctx.userId) throw new AppError('UNAUTHENTICATED', '请先登录');
      db.write('auth.changePassword', (w) => changePassword(w, ctx, ctx.userId!, input.oldPassword, input.newPassword));
      return { ok: true };
    },
    'users.list': () => db.read(listUsers),
    'users.create': (input, ctx) => db.write('users.create', (w) => createUser(w, ctx, input)),
    'users.update': (input, ctx) => {
      const user = db.write('users.update', (w) => updateUser(w, ctx, input.id, input));
      // A changed role or a disabled account takes effect at once, not at the next log-in.
      if (input.role !== undefined || input.disabled) sessions.endUser(input.id);
      return user;
    },
    'users.resetPassword': (input, ctx) => {
      db.write('users.resetPassword', (w) => resetPassword(w, ctx, input.id, input.password));
      sessions.endUser(input.id);
      return { ok: true };
    },
    'audit.list': (input) => db.read((r) => listAudit(r, input)),
    'security.recoveryKey': (_input, ctx) =>
      db.write('security.recoveryKey', (w) => {
        audit(w, ctx, 'security.recoveryKey', 'security', []);
        return { key: key ? key.toString('base64') : null };
      }),
  };
}
