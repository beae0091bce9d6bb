/**
 * Attack: a stranger at the log-in screen (or anyone who reaches the browser-mode port) "restores" an
 * installed branch from a server of their own. Found as: the token only had to start with the branch id,
 * which every role reads on the 同步 page; the outbox then went to the stranger's server and its pull handed
 * down an administrator with a password the stranger knew.
 */
import http from 'node:http';
import type net from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { hashPassword } from '../../backend/auth/passwords';
import { seedBranch } from '../../backend/seed/generate';
import { getSyncState, SYNC_KEYS } from '../../backend/sync/state';
import { reissueToken } from '../../server/branches';
import { formatHlc } from '../../shared/hlc';
import { AppError } from '../../shared/errors';
import type { PulledRow } from '../../shared/syncProtocol';
import { call } from '../helpers/backend';
import { startHub, type TestHub } from '../helpers/hub';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: '测试管理员', role: 'admin' as const };
const STRANGER = { token: null };
const PASSWORD = 'Strong-pass-2026';

/** A hub the attacker runs: acknowledges every push (and keeps it), and hands down a new administrator. */
class EvilHub {
  readonly pushes: unknown[] = [];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  constructor(
    private readonly branchId: string,
    private readonly rows: PulledRow[],
  ) {}

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/v1/push')) {
        const raw = Buffer.concat(chunks);
        const body = JSON.parse((req.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw).toString()) as { changes: { id: string }[] };
        this.pushes.push(body);
        res.end(JSON.stringify({ applied: body.changes.length, duplicates: 0, rejected: [], conflicts: 0, hlc: null, acked: body.changes.map((c) => c.id) }));
        return;
      }
      res.end(JSON.stringify({ rows: this.rows, cursor: 1, more: false, branch: { id: this.branchId, name: '假网点' } }));
    });
  }
}

const h = formatHlc({ millis: Date.now() + 60_000, counter: 0, node: 'e0e0e0e0' });
function evilAdmin(id: string, login: string): PulledRow {
  const at = new Date().toISOString();
  return {
    tbl: 'users',
    pk: id,
    h,
    data: {
      id,
      login,
      display_name: '陌生人',
      role: 'admin',
      password_hash: hashPassword('Evil-pass-2026'),
      created_at: at,
      updated_at: at,
      disabled_at: null,
      failed_logins: 0,
      last_failed_at: null,
      last_login_at: null,
    },
  };
}

async function loginFails(b: Backend, login: string, password: string): Promise<boolean> {
  const env = await b.call('auth.login', { login, password }, STRANGER);
  return !env.ok;
}

describe('taking over an installed branch through restore', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const x of open.splice(0)) await x.close();
  });

  async function installedBranch(): Promise<{ b: Backend; hub: TestHub; token: string; branchId: string }> {
    const hub = await startHub('embedded');
    open.push({ close: () => hub.stop() });
    const { id: branchId, token } = await hub.addBranch('黄河涯支局');
    const b = await Backend.open({ dir: tmpDir('takeover-'), create: true });
    open.push(b);
    await call(b, 'auth.setupAdmin', { login: 'boss', displayName: '站长', password: PASSWORD }, ADMIN);
    await call(b, 'customers.create', { name: '张三', idNumber: '11010519491231002X', phone: '13800000001' });
    await call(b, 'sync.configure', { hubUrl: hub.url, token }, ADMIN);
    await call(b, 'sync.now', {}, ADMIN);
    // Something waiting for the hub: what the stranger would receive.
    await call(b, 'customers.create', { name: '李四', phone: '13800000002' });
    return { b, hub, token, branchId };
  }

  it('refuses a restore from the log-in screen on an installation with accounts, with the branch id and a made-up secret', async () => {
    const { b, hub, branchId } = await installedBranch();
    const evil = new EvilHub(branchId, [evilAdmin('evil-admin-1', 'mallory')]);
    const evilUrl = await evil.listen();
    open.push(evil);

    const env = await b.call('sync.restore', { hubUrl: evilUrl, token: `${branchId}.${'A'.repeat(43)}` }, STRANGER);
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.message).toMatch(/已有账号/);

    expect(evil.pushes).toHaveLength(0);
    expect(b.db.read((r) => getSyncState(r, SYNC_KEYS.hubUrl))).toBe(hub.url);
    expect(await loginFails(b, 'mallory', 'Evil-pass-2026')).toBe(true);
    expect(await loginFails(b, 'boss', PASSWORD)).toBe(false);
  });

  it('refuses it even with the right token: an installed branch changes its hub only through 设置 by an administrator', async () => {
    const { b, hub, token } = await installedBranch();
    const env = await b.call('sync.restore', { hubUrl: hub.url, token }, STRANGER);
    expect(env.ok).toBe(false);
  });

  it('never takes accounts from a pull, even from a hub an administrator set up', async () => {
    const { b, branchId } = await installedBranch();
    const bossId = b.db.read((r) => r.value<string>("SELECT id FROM users WHERE login = 'boss'"))!;
    const takeOverBoss = evilAdmin(bossId, 'boss');
    const evil = new EvilHub(branchId, [evilAdmin('evil-admin-2', 'mallory'), takeOverBoss]);
    const evilUrl = await evil.listen();
    open.push(evil);
    await call(b, 'sync.configure', { hubUrl: evilUrl, token: `${branchId}.${'B'.repeat(43)}` }, ADMIN);
    await call(b, 'sync.now', {}, ADMIN).catch((e: unknown) => expect(e).toBeInstanceOf(AppError));

    expect(await loginFails(b, 'mallory', 'Evil-pass-2026')).toBe(true);
    expect(await loginFails(b, 'boss', 'Evil-pass-2026')).toBe(true);
    expect(await loginFails(b, 'boss', PASSWORD)).toBe(false);
  });

  it('a hub dump holds no password hash to crack, and a new PC restored from the hub still logs in', async () => {
    const { b, hub, token } = await installedBranch();
    await call(b, 'sync.now', {}, ADMIN);
    const tables = (await hub.db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).map((t) => t.tablename);
    let dump = '';
    for (const t of tables) dump += JSON.stringify(await hub.db.query(`SELECT * FROM "${t}"`));
    expect(dump.includes('boss')).toBe(true);
    expect(/scrypt\$/.test(dump)).toBe(false);

    const fresh = await Backend.open({ dir: tmpDir('takeover-new-'), create: true });
    open.push(fresh);
    const restored = await fresh.call('sync.restore', { hubUrl: hub.url, token }, STRANGER);
    expect(restored.ok).toBe(true);
    expect(await loginFails(fresh, 'boss', PASSWORD)).toBe(false);
  });

  it('a restore cut off after the accounts arrived is finished with the same address and token, and only with them', async () => {
    const hub = await startHub('embedded');
    open.push({ close: () => hub.stop() });
    const { token } = await hub.addBranch('石桥支局');
    const other = await hub.addBranch('别处支局');
    const first = await Backend.open({ dir: tmpDir('takeover-first-'), create: true });
    open.push(first);
    await call(first, 'auth.setupAdmin', { login: 'boss', displayName: '站长', password: PASSWORD }, ADMIN);
    await call(first, 'sync.configure', { hubUrl: hub.url, token }, ADMIN);
    await call(first, 'sync.now', {}, ADMIN);
    // More than one page of rows after the account, so the line can drop between two pages of the restore.
    first.db.write('seed', (w) => seedBranch(w, { villages: 3, customers: 3000, seed: 7, now: new Date(), actor: '测试' }));
    await call(first, 'sync.now', {}, ADMIN);

    const line = new CuttingProxy(new URL(hub.url).port);
    const lineUrl = await line.listen();
    open.push(line);
    const fresh = await Backend.open({ dir: tmpDir('takeover-fresh-'), create: true });
    open.push(fresh);
    line.cutAtPull = 2;
    expect((await fresh.call('sync.restore', { hubUrl: lineUrl, token }, STRANGER)).ok).toBe(false);
    expect(fresh.db.read((r) => r.value<number>('SELECT count(*) FROM users'))).toBe(1);

    // Now an installation with an account: a stranger with the branch id, or another branch's token, gets nowhere…
    const branchId = token.split('.')[0]!;
    expect((await fresh.call('sync.restore', { hubUrl: lineUrl, token: `${branchId}.${'C'.repeat(43)}` }, STRANGER)).ok).toBe(false);
    expect((await fresh.call('sync.restore', { hubUrl: lineUrl, token: other.token }, STRANGER)).ok).toBe(false);
    // …the person who started it finishes it.
    line.cutAtPull = 0;
    const done = await fresh.call('sync.restore', { hubUrl: lineUrl, token }, STRANGER);
    expect(done.ok).toBe(true);
    expect(fresh.db.read((r) => r.value<number>('SELECT count(*) FROM customers'))).toBe(3000);
    expect(await loginFails(fresh, 'boss', PASSWORD)).toBe(false);
    // Finished: from here on it is an installation in use.
    expect((await fresh.call('sync.restore', { hubUrl: lineUrl, token }, STRANGER)).ok).toBe(false);
  });

  it('after the token is reissued the accounts are sealed again, so a restore with the new token logs in', async () => {
    const { b, hub, branchId } = await installedBranch();
    const { token: newToken } = await reissueToken(hub.db, branchId);
    await call(b, 'sync.configure', { hubUrl: hub.url, token: newToken }, ADMIN);
    await call(b, 'sync.now', {}, ADMIN);
    const fresh = await Backend.open({ dir: tmpDir('takeover-reissued-'), create: true });
    open.push(fresh);
    expect((await fresh.call('sync.restore', { hubUrl: hub.url, token: newToken }, STRANGER)).ok).toBe(true);
    expect(await loginFails(fresh, 'boss', PASSWORD)).toBe(false);
  });
});

/** The rural line as a proxy that drops the connection on the n-th pull. */
class CuttingProxy {
  cutAtPull = 0;
  private pulls = 0;
  private readonly server = http.createServer((req, res) => {
    if (req.url?.startsWith('/v1/pull') && ++this.pulls === this.cutAtPull) {
      req.socket.destroy();
      return;
    }
    const up = http.request({ host: '127.0.0.1', port: this.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  constructor(private readonly port: string) {}
  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
