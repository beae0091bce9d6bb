/**
 * 数据备份/恢复: a backup restores to exactly its moment, a restore announces what it will lose and loses exactly
 * that, and every bad file or bad credential is refused with the data left as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/host/backend';
import type { BackupInspection, BackupStatus } from '../../shared/backup';
import { AppError } from '../../shared/errors';
import { call } from '../helpers/backend';
import { ADMIN, ADMIN_LOGIN, backupNow, configure, disappeared, openBranch, recordVisits, rowsById, waitForJob } from '../helpers/backup';
import { tmpDir } from '../helpers/tmp';

const open: Backend[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.close().catch(() => undefined);
});
const track = (b: Backend) => (open.push(b), b);

async function branchWithBackup(opts: Parameters<typeof openBranch>[0] = {}) {
  const b = track(await openBranch(opts));
  const dest = tmpDir('pbbak-dest-');
  await configure(b, dest);
  expect((await backupNow(b)).state).toBe('done');
  const status = await call(b, 'backup.status', {}, ADMIN);
  expect(status.files).toHaveLength(1);
  return { b, dest, file: status.files[0]!.path, status };
}

const ready = (i: BackupInspection) => {
  if (i.state !== 'ready') throw new Error(`inspection ${i.state}`);
  return i;
};

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('backup and restore', () => {
  it('names the file after branch and time, lists it and records the outcome', async () => {
    const { file, status } = await branchWithBackup();
    expect(path.basename(file)).toMatch(/^备份_黄河涯支局_\d{8}-\d{4}\.pbbak$/);
    expect(status.last).toMatchObject({ ok: true, trigger: 'manual', file });
    expect(status.files[0]).toMatchObject({ state: 'ok', sameBranch: true, branchName: '黄河涯支局', opens: { password: 'admin', key: false } });
    expect(status.nextDueAt).not.toBeNull();
    // Nothing readable of the customers is in the file.
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from('customers'))).toBe(false);
  });

  it('restores to the moment of the backup, losing exactly what it announced, and keeps a safety copy that undoes it', async () => {
    const { b, file } = await branchWithBackup();
    const customersAtBackup = rowsById(b, 'customers');
    const villageId = b.db.read((r) => r.value<string>('SELECT id FROM villages LIMIT 1'))!;
    for (const name of ['新客户甲', '新客户乙', '新客户丙']) await call(b, 'customers.create', { name, villageId }, ADMIN);
    const someone = [...customersAtBackup.keys()][0]!;
    await call(b, 'customers.update', { id: someone, fields: { name: '改过的名字', villageId } }, ADMIN);
    await recordVisits(b, 2);

    const inspected = ready(await call(b, 'backup.inspect', { source: { path: file } }, ADMIN));
    expect(inspected.refusal).toBeNull();
    expect(inspected.loss.visits).toBe(2);
    expect(inspected.loss.customers).toBeGreaterThanOrEqual(4);
    expect(inspected.loss.text).toContain(`本机在备份之后新增/修改了 ${inspected.loss.customers} 位客户、2 条走访记录，恢复后这些将丢失`);

    const beforeCustomers = rowsById(b, 'customers');
    const beforeVisits = rowsById(b, 'visits');
    const restored = await call(b, 'backup.restore', { source: { path: file }, confirmToken: inspected.confirmToken }, ADMIN);
    const afterCustomers = rowsById(b, 'customers');
    expect(disappeared(beforeCustomers, afterCustomers)).toBe(inspected.loss.customers);
    expect(disappeared(beforeVisits, rowsById(b, 'visits'))).toBe(inspected.loss.visits);
    expect(afterCustomers).toEqual(customersAtBackup);
    expect(restored.safetyCopy).toMatch(/恢复前_黄河涯支局_.*\.pbbak$/);

    // The old administrator still logs in; the restore is in the audit log.
    await call(b, 'auth.login', { login: ADMIN_LOGIN.login, password: ADMIN_LOGIN.password }, ADMIN);
    const audit = b.db.read((r) => r.all<{ action: string }>("SELECT action FROM audit_log WHERE action = 'backup.restore'"));
    expect(audit).toHaveLength(1);

    // The safety copy brings the replaced data back.
    const undo = ready(await call(b, 'backup.inspect', { source: { path: restored.safetyCopy! } }, ADMIN));
    await call(b, 'backup.restore', { source: { path: restored.safetyCopy! }, confirmToken: undo.confirmToken }, ADMIN);
    expect(rowsById(b, 'customers')).toEqual(beforeCustomers);
    expect(rowsById(b, 'visits')).toEqual(beforeVisits);
  });

  it('survives closing and reopening after a restore (the restored generation is durable)', async () => {
    const { b, file } = await branchWithBackup();
    const atBackup = rowsById(b, 'customers');
    await call(b, 'customers.create', { name: '备份后的客户' }, ADMIN);
    const i = ready(await call(b, 'backup.inspect', { source: { path: file } }, ADMIN));
    await call(b, 'backup.restore', { source: { path: file }, confirmToken: i.confirmToken }, ADMIN);
    await call(b, 'customers.create', { name: '恢复后的客户' }, ADMIN);
    const dir = b.db.dir;
    open.splice(open.indexOf(b), 1);
    b.db.abandon();
    const again = track(await openBranch({ dir, customers: 0 }));
    const names = again.db.read((r) => r.all<{ name: string }>('SELECT name FROM customers')).map((c) => c.name);
    expect(names).toContain('恢复后的客户');
    expect(names).not.toContain('备份后的客户');
    expect(names.length).toBe(atBackup.size + 1);
  });

  it('refuses a restore confirmed for data that has changed since', async () => {
    const { b, file } = await branchWithBackup();
    const i = ready(await call(b, 'backup.inspect', { source: { path: file } }, ADMIN));
    await call(b, 'customers.create', { name: '确认之后新增' }, ADMIN);
    const e = await refusal(call(b, 'backup.restore', { source: { path: file }, confirmToken: i.confirmToken }, ADMIN));
    expect(e.message).toContain('请重新检查');
    expect(b.db.read((r) => r.value('SELECT count(*) FROM customers WHERE name = ?', ['确认之后新增']))).toBe(1);
  });

  it('refuses a truncated backup, a flipped byte, a re-checksummed tampering and a file that is not a backup', async () => {
    const { b, file, dest } = await branchWithBackup();
    const bytes = fs.readFileSync(file);
    const variant = (name: string, data: Buffer) => {
      const p = path.join(dest, name);
      fs.writeFileSync(p, data);
      return p;
    };
    const inspect = (p: string) => call(b, 'backup.inspect', { source: { path: p } }, ADMIN);

    const cut = await refusal(inspect(variant('cut.pbbak', bytes.subarray(0, bytes.length - 1000))));
    expect(cut.code).toBe('DAMAGED');
    expect(cut.message).toContain('不完整');

    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    expect((await refusal(inspect(variant('flip.pbbak', flipped)))).message).toContain('校验和不符');

    // Someone who also recomputes the trailing digest is caught by the chunk's authentication.
    const crypto = await import('node:crypto');
    const forged = Buffer.from(flipped);
    crypto
      .createHash('sha256')
      .update(forged.subarray(0, forged.length - 36))
      .digest()
      .copy(forged, forged.length - 32);
    expect((await refusal(inspect(variant('forged.pbbak', forged)))).message).toContain('解密校验失败');

    const header = Buffer.from(bytes);
    header[20]! ^= 0x01;
    expect((await refusal(inspect(variant('header.pbbak', header)))).code).toBe('DAMAGED');

    const notBackup = await refusal(inspect(variant('notes.pbbak', Buffer.from('这不是备份文件，只是一段文字。'))));
    expect(notBackup.code).toBe('VALIDATION');
    expect(notBackup.message).toContain('不是本程序的备份文件');
    expect((await refusal(inspect(path.join(dest, 'missing.pbbak')))).message).toContain('找不到备份文件');

    const status = await call(b, 'backup.status', {}, ADMIN);
    const byName = new Map(status.files.map((f) => [f.name, f]));
    expect(byName.get('cut.pbbak')?.state).toBe('incomplete');
    expect(byName.get('notes.pbbak')?.state).toBe('unreadable');
  });

  it('asks for the password on another computer and refuses a wrong one', async () => {
    const { file } = await branchWithBackup();
    const fresh = track(await openBranch({ customers: 0 }));
    const locked = await call(fresh, 'backup.inspect', { source: { path: file } }, ADMIN);
    expect(locked).toMatchObject({ state: 'locked', needs: { password: 'admin', key: false }, wrong: null, branchName: '黄河涯支局' });
    expect(await call(fresh, 'backup.inspect', { source: { path: file }, password: 'Wrong-pass-1' }, ADMIN)).toMatchObject({
      state: 'locked',
      wrong: 'password',
    });
    const wrong = await refusal(call(fresh, 'backup.restore', { source: { path: file }, password: 'Wrong-pass-1', confirmToken: 'x' }, ADMIN));
    expect(wrong.message).toContain('密码不正确');
    const i = ready(await call(fresh, 'backup.inspect', { source: { path: file }, password: ADMIN_LOGIN.password }, ADMIN));
    expect(i.contents).toMatchObject({ branchName: '黄河涯支局', customers: 60, admins: ['admin'] });
    expect(i.refusal).toBeNull();
    const r = await call(fresh, 'backup.restore', { source: { path: file }, password: ADMIN_LOGIN.password, confirmToken: i.confirmToken }, ADMIN);
    expect(r).toMatchObject({ branchName: '黄河涯支局', customers: 60, safetyCopy: null });
    expect(fresh.db.read((r2) => r2.value('SELECT count(*) FROM customers'))).toBe(60);
  });

  it("refuses another branch's backup once the installation belongs to a branch", async () => {
    const { file } = await branchWithBackup();
    const other = track(await openBranch({ branch: '另一支局' }));
    const i = ready(await call(other, 'backup.inspect', { source: { path: file }, password: ADMIN_LOGIN.password }, ADMIN));
    expect(i.refusal).toContain('该备份属于网点“黄河涯支局”，本机是网点“另一支局”的数据');
    const e = await refusal(call(other, 'backup.restore', { source: { path: file }, password: ADMIN_LOGIN.password, confirmToken: i.confirmToken }, ADMIN));
    expect(e.code).toBe('FORBIDDEN');
    expect(other.db.read((r) => r.value('SELECT value FROM settings WHERE key = ?', ['branch.name']))).toBe('另一支局');
  });

  it('refuses a backup written by a newer version of the program', async () => {
    const b = await openBranch();
    const dest = tmpDir('pbbak-dest-');
    await configure(b, dest);
    // Bookkeeping tables are not captured, so this row lives only in memory: the backup sees it, the folder never does.
    b.db.write('test.future', (w) => w.run("INSERT INTO _migrations (id, applied_at) VALUES ('9999_future', '2030-01-01')"));
    expect((await backupNow(b)).state).toBe('done');
    const file = (await call(b, 'backup.status', {}, ADMIN)).files[0]!.path;
    b.db.abandon();
    const fresh = track(await openBranch({ customers: 0 }));
    const e = await refusal(call(fresh, 'backup.inspect', { source: { path: file }, password: ADMIN_LOGIN.password }, ADMIN));
    expect(e.message).toContain('更新版本的程序');
  });

  it('lets only a signed-in administrator restore once accounts exist', async () => {
    const { b, file } = await branchWithBackup();
    const e = await refusal(call(b, 'backup.inspect', { source: { path: file } }, { actor: '营业员', role: 'clerk' }));
    expect(e.code).toBe('FORBIDDEN');
    const anon = await b.call('backup.inspect', { source: { path: file } }, { token: null });
    expect(anon.ok).toBe(false);
  });

  it('a backup of an encrypted installation opens with its key on the same PC and with the recovery key elsewhere', async () => {
    const key = Buffer.alloc(32, 7);
    const { b, file } = await branchWithBackup({ key });
    expect((await call(b, 'backup.status', {}, ADMIN)).files[0]!.opens).toEqual({ password: 'admin', key: true });
    ready(await call(b, 'backup.inspect', { source: { path: file } }, ADMIN));
    const elsewhere = track(await openBranch({ customers: 0 }));
    expect(await call(elsewhere, 'backup.inspect', { source: { path: file }, key: Buffer.alloc(32, 8).toString('base64') }, ADMIN)).toMatchObject({
      state: 'locked',
      wrong: 'key',
    });
    const i = ready(await call(elsewhere, 'backup.inspect', { source: { path: file }, key: key.toString('base64') }, ADMIN));
    expect(i.contents.customers).toBe(60);
  });

  it('立即备份 can be cancelled: no file, no temp file, the outcome says so', async () => {
    const b = track(await openBranch());
    const dest = tmpDir('pbbak-dest-');
    await configure(b, dest);
    const { jobId } = await call(b, 'backup.start', {}, ADMIN);
    await call(b, 'jobs.cancel', { id: jobId }, ADMIN);
    expect((await waitForJob(b, jobId)).state).toBe('cancelled');
    expect(fs.readdirSync(dest)).toEqual([]);
    expect((await call(b, 'backup.status', {}, ADMIN)).last).toMatchObject({ ok: false, message: '已取消' });
    // And the next one goes through.
    expect((await backupNow(b)).state).toBe('done');
  });

  it('backing up does not lose a write made while it runs', async () => {
    const b = track(await openBranch());
    await configure(b, tmpDir('pbbak-dest-'));
    const { jobId } = await call(b, 'backup.start', {}, ADMIN);
    const names = Array.from({ length: 20 }, (_, i) => `写入中${i}`);
    const phases = new Set<string>();
    for (const name of names) {
      await call(b, 'customers.create', { name }, ADMIN);
      const s = await call(b, 'jobs.get', { id: jobId }, ADMIN);
      phases.add(s.phase);
      await new Promise((r) => setImmediate(r));
    }
    expect((await waitForJob(b, jobId)).state).toBe('done');
    // The job was answering while it ran, and it said what it was doing.
    expect([...phases].some((p) => ['导出数据库', '写入备份', '校验备份', '检查数据库'].includes(p))).toBe(true);
    expect(b.db.read((r) => r.value<number>("SELECT count(*) FROM customers WHERE name LIKE '写入中%'"))).toBe(20);
    const status: BackupStatus = await call(b, 'backup.status', {}, ADMIN);
    expect(status.last?.ok).toBe(true);
  });
});
