/**
 * The 市局 console's accounts and sessions: people added from the command line (password on stdin, the branch
 * app's password rule), log-in with an HttpOnly SameSite=Strict cookie and same-origin checks, throttling per
 * account, source and overall, the idle lock, disabling, and sessions kept in the database so a second hub
 * process honours them — on the embedded database and on PostgreSQL.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openHubDb, type HubDb } from '../../../server/db';
import { createHub, type Hub } from '../../../server/http';
import { runHubCli } from '../../../server/main';
import { hubUserCommand } from '../../../server/console/userCli';
import { HubError } from '../../../server/errors';
import { HUB_KINDS, startHub, type TestHub } from '../../helpers/hub';
import { consoleClient } from './consoleClient';

const ADMIN_PW = 'City-admin-2027';
const SUP_PW = 'Zhu-guan-2027!';

for (const kind of HUB_KINDS) {
  describe(`hub console accounts (${kind === 'postgres' ? 'PostgreSQL' : 'embedded'})`, () => {
    let hub: TestHub;
    let timed: Hub;
    let timedUrl = '';
    let t = new Date();
    const extra: { db: HubDb; hub: Hub }[] = [];

    beforeAll(async () => {
      hub = await startHub(kind);
      // A second service on the same database with a clock the tests move, behind a (pretend) proxy.
      timed = createHub({ db: hub.db, now: () => t, console: { trustProxy: true, idleMinutes: 15 } });
      timedUrl = `http://127.0.0.1:${await timed.listen(0)}`;
    }, 60_000);
    afterAll(async () => {
      for (const e of extra) {
        await e.hub.close();
        if (e.db !== hub.db) await e.db.close();
      }
      await timed.close();
      await hub.stop();
    }, 60_000);

    /** The hub CLI's `user` command with `stdin`; on the embedded database through the running hub's connection. */
    async function userCli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
      const out: string[] = [];
      const err: string[] = [];
      const input = Readable.from([stdin]);
      if (kind === 'postgres') {
        const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
        try {
          const code = await runHubCli(['user', ...args, '--database-url', hub.databaseUrl!], input, (l) => out.push(l));
          return { code, out: out.join('\n'), err: err.join('\n') };
        } finally {
          spy.mockRestore();
        }
      }
      // The embedded database belongs to one process (the test's hub), so the command gets its connection.
      try {
        await hubUserCommand(args, { withDb: (_f, fn) => fn(hub.db), stdin: input, out: (l) => out.push(l) });
        return { code: 0, out: out.join('\n'), err: '' };
      } catch (e) {
        return { code: e instanceof HubError && e.code === 'USAGE' ? 2 : 1, out: out.join('\n'), err: e instanceof Error ? e.message : String(e) };
      }
    }

    it('adds people from the command line with the password on stdin, and refuses weak passwords', async () => {
      const admin = await userCli(['add', '--login', 'wang', '--role', '市局管理员', '--name', '王管理'], `${ADMIN_PW}\n`);
      expect(admin.code, admin.err).toBe(0);
      expect(admin.out).toContain('市局管理员');
      const sup = await userCli(['add', '--login', 'zhang', '--role', '市局主管', '--name', '张主管'], `${SUP_PW}\n`);
      expect(sup.code, sup.err).toBe(0);

      const weak = await userCli(['add', '--login', 'li', '--role', '市局主管'], 'abcdefgh\n');
      expect(weak.code).toBe(1);
      expect(weak.err).toMatch(/密码不够安全：密码需包含字母、数字、符号中的至少两类/);
      const hasLogin = await userCli(['add', '--login', 'li', '--role', '市局主管'], 'li-2027-pass\n');
      expect(hasLogin.err).toMatch(/密码不能包含登录名/);
      expect((await userCli(['add', '--login', 'li', '--role', '市局主管', '--password', 'x'])).code).toBe(2);
      expect((await userCli(['add', '--login', 'li', '--role', '网点主管'], `${SUP_PW}\n`)).code).toBe(2);
      expect((await userCli(['add', '--login', 'li', '--role', '市局主管'], '')).err).toMatch(/没有从标准输入读到密码/);
      expect((await userCli(['add', '--login', 'ZHANG', '--role', '市局主管'], `${SUP_PW}\n`)).err).toMatch(/已被使用/);

      const list = await userCli(['list']);
      expect(list.out).toMatch(/wang\t王管理\t市局管理员\t可用/);
      expect(list.out).toMatch(/zhang\t张主管\t市局主管\t可用/);
      expect(list.out).not.toMatch(/\bli\b/);
      const stored = await hub.db.query<{ password_hash: string }>('SELECT password_hash FROM hub_users ORDER BY login');
      for (const r of stored) expect(r.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    });

    it('logs in with an HttpOnly SameSite=Strict cookie whose token is stored only as a hash, and refuses other origins', async () => {
      const c = consoleClient(hub.url);
      expect((await c.get('/branches')).status).toBe(401);
      expect((await c.post('/login', { login: 'zhang', password: SUP_PW }, { origin: 'http://evil.example' })).status).toBe(403);
      const noOrigin = await fetch(`${hub.url}/console/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'zhang', password: SUP_PW }),
      });
      expect(noOrigin.status).toBe(403);
      expect(((await noOrigin.json()) as { error: { message: string } }).error.message).toBe('拒绝来自其他网站的请求');
      expect((await c.post('/login', {}, { 'content-type': 'text/plain' })).status).toBe(415);
      // Not behind a proxy: an https origin claimed through X-Forwarded-Proto is not this hub's.
      expect(
        (await c.post('/login', { login: 'zhang', password: SUP_PW }, { origin: hub.url.replace('http:', 'https:'), 'x-forwarded-proto': 'https' })).status,
      ).toBe(403);

      const ok = await c.login('zhang', SUP_PW);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ user: { login: 'zhang', displayName: '张主管', role: 'city_supervisor' }, locked: false, idleMinutes: 15 });
      const cookie = ok.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/console\/api/);
      expect(cookie).not.toMatch(/Secure/);
      const token = decodeURIComponent(c.cookie!.split('=')[1]!);
      const rows = await hub.db.query<{ token_hash: string }>('SELECT token_hash FROM hub_sessions');
      expect(rows.map((r) => r.token_hash)).toContain(crypto.createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(token);
      expect((await c.get('/branches')).status).toBe(200);

      // Behind the proxy it was told about, https from the proxy makes the cookie Secure.
      const viaProxy = consoleClient(timedUrl);
      const secure = await viaProxy.post(
        '/login',
        { login: 'zhang', password: SUP_PW },
        { origin: 'https://hub.city.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hub.city.example' },
      );
      expect(secure.status).toBe(200);
      expect(secure.headers.get('set-cookie')).toMatch(/; Secure/);

      expect((await c.post('/logout')).status).toBe(200);
      expect(c.cookie).toBeNull();
      const after = await consoleClient(hub.url).get('/me', { cookie: `hubsid=${encodeURIComponent(token)}` });
      expect(after.status).toBe(401);
      expect(after.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
    });

    it('locks a session idle for 15 minutes until the password is given again', async () => {
      t = new Date();
      const c = consoleClient(timedUrl);
      expect((await c.login('zhang', SUP_PW)).status).toBe(200);
      // Activity keeps it open…
      for (let i = 0; i < 3; i++) {
        t = new Date(t.getTime() + 10 * 60_000);
        expect((await c.get('/branches')).status).toBe(200);
      }
      // …a quarter of an hour of nothing locks it.
      t = new Date(t.getTime() + 16 * 60_000);
      const locked = await c.get('/branches');
      expect(locked.status).toBe(401);
      expect(locked.body.error.code).toBe('LOCKED');
      expect((await c.get('/me')).body).toMatchObject({ locked: true, user: { login: 'zhang' } });
      const wrong = await c.post('/unlock', { password: 'not-it-2027' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toBe('登录名或密码不正确');
      expect((await c.get('/branches')).status).toBe(401);
      const open = await c.post('/unlock', { password: SUP_PW });
      expect(open.status).toBe(200);
      expect(open.body.locked).toBe(false);
      expect((await c.get('/branches')).status).toBe(200);
      // The page's own idle timer can lock it at once.
      expect((await c.post('/lock')).body.locked).toBe(true);
      expect((await c.get('/branches')).body.error.code).toBe('LOCKED');
    });

    it('throttles failed log-ins per account, per source address and over all accounts', async () => {
      // Failures from the tests before (at their moved clocks) must not count here.
      await hub.db.query('DELETE FROM hub_login_failures');
      t = new Date();
      const from = (ip: string) => ({ 'x-forwarded-for': `203.0.113.77, ${ip}`, origin: timedUrl });
      const c = consoleClient(timedUrl);
      try {
        // Per account: three wrong passwords (from three places), then even the right one waits.
        for (const ip of ['10.1.0.1', '10.1.0.2', '10.1.0.3'])
          expect((await c.post('/login', { login: 'wang', password: 'Wrong-pass-1' }, from(ip))).status).toBe(401);
        const held = await c.post('/login', { login: 'wang', password: ADMIN_PW }, from('10.1.0.4'));
        expect(held.status).toBe(429);
        expect(held.body.error.message).toMatch(/^密码错误次数过多，请 5 秒后再试$/);
        t = new Date(t.getTime() + 6_000);
        expect((await c.post('/login', { login: 'wang', password: ADMIN_PW }, from('10.1.0.4'))).status).toBe(200);

        // Per source: one password tried on many accounts from one address.
        for (let i = 0; i < 5; i++) expect((await c.post('/login', { login: `nobody${i}`, password: 'Guess-2027' }, from('10.2.0.9'))).status).toBe(401);
        const source = await c.post('/login', { login: 'wang', password: ADMIN_PW }, from('10.2.0.9'));
        expect(source.status).toBe(429);
        expect(source.body.error.message).toMatch(/这台电脑登录失败次数过多/);
        expect((await c.post('/login', { login: 'wang', password: ADMIN_PW }, from('10.2.0.10'))).status).toBe(200);

        // Overall: after the window has passed, twenty failures from twenty addresses slow everyone a little.
        t = new Date(t.getTime() + 16 * 60_000);
        for (let i = 0; i < 20; i++) expect((await c.post('/login', { login: `nobody${i}`, password: 'Guess-2027' }, from(`10.3.0.${i}`))).status).toBe(401);
        const overall = await c.post('/login', { login: 'zhang', password: SUP_PW }, from('10.4.0.1'));
        expect(overall.status).toBe(429);
        expect(overall.body.error.message).toMatch(/近期各账号登录失败次数过多.*请 10 秒后再试/);
        t = new Date(t.getTime() + 11_000);
        expect((await c.post('/login', { login: 'zhang', password: SUP_PW }, from('10.4.0.1'))).status).toBe(200);
      } finally {
        await hub.db.query('DELETE FROM hub_login_failures');
        await hub.db.query('UPDATE hub_users SET failed_logins = 0, last_failed_at = NULL');
      }
    });

    it('honours a session made by one hub process in another on the same database', async () => {
      // On PostgreSQL a second process has its own connection pool; the embedded database has one owner, so
      // there the second service shares its connection — either way nothing about the session is in memory.
      const db = kind === 'postgres' ? await openHubDb({ databaseUrl: hub.databaseUrl }) : hub.db;
      const second = createHub({ db });
      extra.push({ db, hub: second });
      const a = consoleClient(hub.url);
      const b = consoleClient(`http://127.0.0.1:${await second.listen(0)}`);
      expect((await a.login('zhang', SUP_PW)).status).toBe(200);
      b.cookie = a.cookie;
      const me = await b.get('/me');
      expect(me.status).toBe(200);
      expect(me.body.user.displayName).toBe('张主管');
      expect((await b.get('/branches')).status).toBe(200);
      expect((await b.post('/logout')).status).toBe(200);
      expect((await a.get('/branches')).status).toBe(401);
    });

    it('disabling a person ends their sessions at once; the last 市局管理员 stays', async () => {
      const c = consoleClient(hub.url);
      expect((await c.login('zhang', SUP_PW)).status).toBe(200);
      const off = await userCli(['disable', '--login', 'zhang']);
      expect(off.code, off.err).toBe(0);
      expect(off.out).toContain('已停用 zhang');
      expect((await c.get('/branches')).status).toBe(401);
      const again = await c.login('zhang', SUP_PW);
      expect(again.status).toBe(403);
      expect(again.body.error.message).toBe('该账号已停用，请联系市局管理员');
      // A wrong password for a disabled account says only that the password is wrong.
      expect((await c.login('zhang', 'Wrong-pass-9')).body.error.message).toBe('登录名或密码不正确');
      const last = await userCli(['disable', '--login', 'wang']);
      expect(last.code).toBe(1);
      expect(last.err).toMatch(/至少要保留一个可用的市局管理员/);
      expect((await userCli(['list'])).out).toMatch(/zhang\t张主管\t市局主管\t已停用/);
    });
  });
}
