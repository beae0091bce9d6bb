import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend, type Caller } from '../../backend/host/backend';
import { takeToken } from '../../backend/host/tokens';
import type { OpInput, OpName, OpOutput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { call } from '../helpers/backend';
import { readBack, validId } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: 'root', role: 'admin' as const };
const PASSWORD = 'Branch-2026!';
const ID = validId('37140219800101123');

/** Calls as a page would: with the token a host keeps after log-in. */
async function as<K extends OpName>(b: Backend, token: string | null, name: K, input: OpInput<K>): Promise<OpOutput<K>> {
  const env = await b.call(name, input, { token } satisfies Caller);
  if (!env.ok) throw AppError.fromPayload(env.error);
  return env.value as OpOutput<K>;
}

async function loginAs(b: Backend, login: string, password = PASSWORD): Promise<string> {
  const env = await b.call('auth.login', { login, password }, { token: null });
  const token = takeToken('auth.login', env);
  if (!env.ok || !token) throw AppError.fromPayload(env.ok ? { code: 'INTERNAL', message: 'no token' } : env.error);
  return token;
}

async function branch(now: () => Date = () => new Date()) {
  const dir = tmpDir();
  const b = await Backend.open({ dir, create: true, now });
  for (const [login, role] of [
    ['zhuguan', 'supervisor'],
    ['yingye', 'clerk'],
    ['toudi', 'carrier'],
  ] as const) {
    await call(b, 'users.create', { login, displayName: login, role, password: PASSWORD }, ADMIN);
  }
  const v = await call(b, 'villages.create', { name: '东风村' }, ADMIN);
  const c = await call(b, 'customers.create', { name: '张三', idNumber: ID, phone: '13800138000', villageId: v.id, consent: true }, ADMIN);
  return { dir, b, c };
}

describe('first start and log-in', () => {
  it('creates the administrator once, refusing a weak password, and logs in', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    expect(await as(b, null, 'auth.state', {})).toMatchObject({ hasUsers: false, user: null });
    await expect(as(b, null, 'auth.setupAdmin', { login: 'admin', displayName: '管理员', password: '12345678' })).rejects.toThrow('密码');
    const env = await b.call('auth.setupAdmin', { login: 'admin', displayName: '管理员', password: PASSWORD }, { token: null });
    const token = takeToken('auth.setupAdmin', env);
    expect(token).toBeTruthy();
    expect(env.ok && (env.value as { token?: string }).token).toBeUndefined();
    expect(await as(b, token!, 'auth.state', {})).toMatchObject({ hasUsers: true, user: { login: 'admin', role: 'admin' } });
    await expect(as(b, null, 'auth.setupAdmin', { login: 'evil', displayName: 'x', password: PASSWORD })).rejects.toThrow('已有管理员');
    await b.close();
  });

  it('refuses a wrong password, slows down after repeated failures, and audits both', async () => {
    let now = new Date(2026, 10, 23, 9);
    const { b } = await branch(() => now);
    for (let i = 0; i < 3; i++) await expect(loginAs(b, 'yingye', 'wrong-pass-1')).rejects.toThrow('登录名或密码不正确');
    await expect(loginAs(b, 'yingye')).rejects.toThrow(/请 \d+ 秒后再试/);
    now = new Date(now.getTime() + 6_000);
    expect(await loginAs(b, 'yingye')).toBeTruthy();
    await expect(loginAs(b, 'nobody')).rejects.toThrow('登录名或密码不正确');
    const log = await call(b, 'audit.list', { action: 'login' }, ADMIN);
    expect(log.rows.filter((r) => r.action === 'login.failed').length).toBeGreaterThanOrEqual(5);
    expect(log.rows.filter((r) => r.action === 'login' && r.actor === 'yingye')).toHaveLength(1);
    await b.close();
  });

  it('never stores or logs a password in clear', async () => {
    const { dir, b } = await branch();
    await loginAs(b, 'yingye');
    await b.close();
    for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, f)).includes(Buffer.from(PASSWORD))).toBe(false);
  });

  it('requires a session for everything but the log-in screen, and locks an idle one', async () => {
    let now = new Date(2026, 10, 23, 9);
    const { b } = await branch(() => now);
    await expect(as(b, null, 'customers.list', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(as(b, 'forged-token', 'customers.list', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await as(b, null, 'app.info', {})).branchName).toBeTruthy();
    const token = await loginAs(b, 'yingye');
    expect((await as(b, token, 'customers.list', {})).total).toBe(1);
    now = new Date(now.getTime() + 16 * 60_000);
    await expect(as(b, token, 'customers.list', {})).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await as(b, token, 'auth.state', {})).toMatchObject({ locked: true, user: { login: 'yingye' } });
    await expect(as(b, token, 'auth.unlock', { password: 'wrong-pass-1' })).rejects.toThrow('密码');
    await as(b, token, 'auth.unlock', { password: PASSWORD });
    expect((await as(b, token, 'customers.list', {})).total).toBe(1);
    await as(b, token, 'auth.logout', {});
    await expect(as(b, token, 'customers.list', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await b.close();
  });
});

describe('roles, masking and audit', () => {
  it('enforces roles in the backend: a carrier cannot call clerk operations, a clerk cannot manage users', async () => {
    const { b } = await branch();
    const carrier = await loginAs(b, 'toudi');
    await expect(as(b, carrier, 'customers.create', { name: '李四' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(b, carrier, 'customers.revealId', { id: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const clerk = await loginAs(b, 'yingye');
    await expect(as(b, clerk, 'users.create', { login: 'x1', displayName: 'x', role: 'admin', password: PASSWORD })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(as(b, clerk, 'customers.export', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as(b, clerk, 'audit.list', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await b.close();
  });

  it('masks ID numbers in every list a carrier or clerk can open, and audits a reveal', async () => {
    const now = new Date();
    const { b, c } = await branch(() => now);
    const masked = `${ID.slice(0, 4)}**********${ID.slice(-4)}`;
    // A carrier reads only the customers on their own round.
    const round = await call(b, 'campaigns.create', { name: '上门走访', channels: ['door'] }, ADMIN);
    await call(b, 'campaigns.freeze', { id: round.id, filter: {} }, ADMIN);
    const toudi = (await call(b, 'users.list', {}, ADMIN)).find((u) => u.login === 'toudi')!;
    await call(b, 'dispatch.auto', { id: round.id, carrierIds: [toudi.id] }, ADMIN);
    for (const login of ['toudi', 'yingye']) {
      const t = await loginAs(b, login);
      expect((await as(b, t, 'customers.list', {})).rows[0]!.idNumber).toBe(masked);
      expect((await as(b, t, 'customers.list', { query: ID })).rows[0]!.idNumber).toBe(masked);
      expect((await as(b, t, 'customers.get', { id: c.id })).idNumber).toBe(masked);
    }
    const clerk = await loginAs(b, 'yingye');
    expect(JSON.stringify(await as(b, clerk, 'customers.duplicates', {}))).not.toContain(ID);
    expect(JSON.stringify(await as(b, clerk, 'cleanup.list', {}))).not.toContain(ID);
    expect(await as(b, clerk, 'customers.revealId', { id: c.id })).toEqual({ idNumber: ID });
    const sup = await loginAs(b, 'zhuguan');
    expect((await as(b, sup, 'customers.get', { id: c.id })).idNumber).toBe(ID);
    const reveals = await as(b, sup, 'audit.list', { action: 'reveal' });
    expect(reveals.rows).toHaveLength(1);
    expect(reveals.rows[0]).toMatchObject({ actor: 'yingye', targetIds: [c.id] });

    // A clerk saving the form with the masked number keeps the stored one.
    const edited = await as(b, clerk, 'customers.update', {
      id: c.id,
      fields: { name: '张三', idNumber: masked, phone: '13900139000', villageId: c.villageId, consent: true },
    });
    expect(edited.phone).toBe('13900139000');
    expect((await call(b, 'customers.get', { id: c.id }, ADMIN)).idNumber).toBe(ID);
    await b.close();
  });

  it('records who did what, with old and new values, in an append-only audit log', async () => {
    const { b, c } = await branch();
    const clerk = await loginAs(b, 'yingye');
    await as(b, clerk, 'customers.update', { id: c.id, fields: { name: '张三丰', idNumber: ID, villageId: c.villageId, consent: true, phone: '13800138000' } });
    const other = await as(b, clerk, 'customers.create', { name: '张三峰' });
    await as(b, clerk, 'customers.merge', { keepId: c.id, mergeId: other.id });
    await as(b, clerk, 'customers.delete', { id: c.id });
    const sup = await loginAs(b, 'zhuguan');
    await as(b, sup, 'customers.export', {});
    const log = await as(b, sup, 'audit.list', { actor: 'yingye' });
    const actions = log.rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'customer.edit', 'customer.create', 'customer.merge', 'customer.delete']));
    const edit = log.rows.find((r) => r.action === 'customer.edit')!;
    expect(edit.details).toMatchObject({ old: { name: '张三' }, new: { name: '张三丰' } });
    expect((await as(b, sup, 'audit.list', { action: 'export' })).rows[0]).toMatchObject({ actor: 'zhuguan' });
    expect(() => b.db.write('tamper', (w) => w.run("UPDATE audit_log SET actor = 'nobody'"))).toThrow('只能追加');
    expect(() => b.db.write('tamper', (w) => w.run('DELETE FROM audit_log'))).toThrow('只能追加');
    await b.close();
  });
});

describe('consent and personal-information requests', () => {
  it('records consent changes with date and source, exports a full access copy and erases on request', async () => {
    const { b, c } = await branch();
    await call(
      b,
      'customers.update',
      { id: c.id, fields: { name: '张三', idNumber: ID, villageId: c.villageId, consent: false, consentSource: '电话撤回' } },
      ADMIN,
    );
    const consents = b.db.read((r) =>
      r.all<{ consent: number; source: string }>('SELECT consent, source FROM consent_events WHERE customer_id = ? ORDER BY at', [c.id]),
    );
    expect(consents.map((x) => [x.consent, x.source])).toEqual([
      [1, '建档'],
      [0, '电话撤回'],
    ]);
    const dl = await call(b, 'customers.accessExport', { id: c.id }, ADMIN);
    const sheet = readBack(Buffer.from(dl.dataBase64, 'base64'));
    expect(sheet.find((r) => r[0] === '身份证号')?.[1]).toBe(ID);

    await call(b, 'customers.erase', { id: c.id, reason: '本人书面申请' }, ADMIN);
    const row = b.db.read((r) => r.get<Record<string, unknown>>('SELECT * FROM customers WHERE id = ?', [c.id]))!;
    expect(row).toMatchObject({ name: '（已删除）', id_number: null, phone: null, address: null });
    expect(row['deleted_at']).toBeTruthy();
    expect((await call(b, 'audit.list', { action: 'customer.erase' }, ADMIN)).rows[0]!.details).toEqual({ reason: '本人书面申请' });
    await b.close();
  });
});

describe('cli user add', () => {
  const run = (args: string[], input: string) => spawnSync(process.execPath, ['--import', 'tsx', 'backend/cli/main.ts', ...args], { encoding: 'utf8', input });

  it('reads the password from standard input and refuses a weak one or one given as an argument', async () => {
    const db = path.join(tmpDir(), 'db');
    await (await Backend.open({ dir: db, create: true })).close();
    const ok = run(['user', 'add', '--db', db, '--login', 'wangwu', '--role', '投递员', '--json'], `${PASSWORD}\n`);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ login: 'wangwu', role: 'carrier' });
    const weak = run(['user', 'add', '--db', db, '--login', 'zhaoliu', '--role', '营业员'], 'abc\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('密码不够安全');
    const arg = run(['user', 'add', '--db', db, '--login', 'x', '--role', '营业员', '--password', PASSWORD], '');
    expect(arg.status).toBe(2);
    expect(arg.stderr).toContain('标准输入');
    const b = await Backend.open({ dir: db });
    expect(await loginAs(b, 'wangwu')).toBeTruthy();
    await b.close();
  });
});
