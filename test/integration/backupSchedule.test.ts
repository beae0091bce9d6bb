/**
 * Where backups go and when: rotation, the schedule on an injected clock and timer, destinations that are
 * missing, read-only or full, and the CLI's backup/restore round trip.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseKept } from '../../backend/backup/files';
import type { Timer } from '../../backend/backup/scheduler';
import { nodeBackupFs, type BackupFs } from '../../backend/backup/write';
import { restoreCommand } from '../../backend/cli/commands/backup';
import { Backend } from '../../backend/host/backend';
import { readKeyFile } from '../../backend/db/cipher';
import { AppError } from '../../shared/errors';
import { call } from '../helpers/backend';
import { ADMIN, ADMIN_LOGIN, backupNow, configure, openBranch, waitForJob } from '../helpers/backup';
import { cli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const open: Backend[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.close().catch(() => undefined);
});
const track = (b: Backend) => (open.push(b), b);
const DAY = 24 * 60 * 60 * 1000;
const pbbak = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.pbbak'))
    .sort();

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('rotation', () => {
  it('keeps the newest backup of the last N days and of the last M weeks', () => {
    const base = new Date(2026, 0, 5, 10, 0).getTime(); // a Monday
    const files = Array.from({ length: 10 }, (_, d) => ({ path: `d${d}`, createdAt: new Date(base + d * DAY).toISOString() }));
    files.push({ path: 'd9-early', createdAt: new Date(base + 9 * DAY - 3600_000).toISOString() });
    expect([...chooseKept(files, 3, 2)].sort()).toEqual(['d6', 'd7', 'd8', 'd9']);
    expect([...chooseKept(files, 1, 0)]).toEqual(['d9']);
  });

  it("removes only this branch's surplus backups at the destination", async () => {
    let now = new Date(2026, 0, 5, 10, 0).getTime();
    const b = track(await openBranch({ now: () => new Date(now) }));
    const dest = tmpDir('pbbak-rot-');
    fs.writeFileSync(path.join(dest, '说明.txt'), '别删我');
    // Temp files of backups cut off by a power cut: a day-old one goes, a fresh one (being written?) stays.
    const stale = path.join(dest, '备份_黄河涯支局_20251201-1000.pbbak.part-deadbeef');
    const fresh = path.join(dest, '备份_黄河涯支局_20260105-0959.pbbak.part-0badf00d');
    fs.writeFileSync(stale, 'x');
    fs.writeFileSync(fresh, 'x');
    fs.utimesSync(stale, new Date(Date.now() - 2 * DAY), new Date(Date.now() - 2 * DAY));
    const other = track(await openBranch({ branch: '另一支局' }));
    await configure(other, dest);
    expect((await backupNow(other)).state).toBe('done');
    const othersFile = pbbak(dest)[0]!;
    await configure(b, dest, { keepDaily: 3, keepWeekly: 2 });
    for (let d = 0; d < 10; d++, now += DAY) expect((await backupNow(b)).state).toBe('done');
    const ours = pbbak(dest).filter((f) => f.includes('黄河涯支局'));
    expect(ours).toEqual([
      '备份_黄河涯支局_20260111-1000.pbbak',
      '备份_黄河涯支局_20260112-1000.pbbak',
      '备份_黄河涯支局_20260113-1000.pbbak',
      '备份_黄河涯支局_20260114-1000.pbbak',
    ]);
    expect(fs.existsSync(path.join(dest, othersFile))).toBe(true);
    expect(fs.existsSync(path.join(dest, '说明.txt'))).toBe(true);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    const made = b.db.read((r) => r.value<number>("SELECT count(*) FROM audit_log WHERE action = 'backup.create'"));
    expect(made).toBe(10);
  });
});

describe('scheduled backups', () => {
  it('fire when due, not before, and retry within the hour after a failure', async () => {
    let now = new Date(2026, 2, 2, 9, 0).getTime();
    const ticks: (() => void)[] = [];
    const timer: Timer = { every: (fn) => (ticks.push(fn), () => ticks.splice(0)) };
    const b = track(await openBranch({ now: () => new Date(now), autoBackup: true, backupTimer: timer }));
    const tick = async () => {
      for (const t of ticks) t();
      const id = b.backups.runningJobId;
      return id ? (await waitForJob(b, id)).state : 'idle';
    };
    expect(ticks).toHaveLength(1);
    expect(await tick()).toBe('idle'); // no destination yet
    const dest = tmpDir('pbbak-sched-');
    await configure(b, dest, { intervalHours: 24 });
    expect(await tick()).toBe('done'); // never backed up: due at once
    expect(pbbak(dest)).toHaveLength(1);
    now += 23 * 3600_000;
    expect(await tick()).toBe('idle');
    now += 2 * 3600_000;
    expect(await tick()).toBe('done');
    expect(pbbak(dest)).toHaveLength(2);
    expect((await call(b, 'backup.status', {}, ADMIN)).last).toMatchObject({ ok: true, trigger: 'scheduled' });

    // The USB stick is pulled: the backup fails, says why, and is tried again an hour later, not a day.
    fs.rmSync(dest, { recursive: true });
    now += 25 * 3600_000;
    expect(await tick()).toBe('failed');
    const failed = await call(b, 'backup.status', {}, ADMIN);
    expect(failed.last).toMatchObject({ ok: false, trigger: 'scheduled' });
    expect(failed.last?.message).toContain('备份位置不存在');
    expect(failed.filesError).toContain('备份位置不存在');
    fs.mkdirSync(dest);
    now += 30 * 60_000;
    expect(await tick()).toBe('idle');
    now += 31 * 60_000;
    expect(await tick()).toBe('done');
  });
});

/** The real file system, but writes fail with `code` once `after` bytes are on disk. */
function failingFs(code: string, after: number): BackupFs {
  return {
    ...nodeBackupFs,
    create: async (p) => {
      const h = await nodeBackupFs.create(p);
      let written = 0;
      return {
        ...h,
        write: async (data) => {
          if (written + data.length > after) throw Object.assign(new Error(code), { code });
          written += data.length;
          return h.write(data);
        },
      };
    },
  };
}

describe('bad destinations', () => {
  it('refuses a missing, relative or non-folder destination and a wrong password with a clear message', async () => {
    const b = track(await openBranch());
    const dest = tmpDir('pbbak-bad-');
    const configureWith = (destination: string, password?: string) =>
      call(b, 'backup.configure', { destination, intervalHours: 24, keepDaily: 7, keepWeekly: 4, ...(password !== undefined ? { password } : {}) }, ADMIN);
    expect((await refusal(configureWith(path.join(dest, '没有这个文件夹'), ADMIN_LOGIN.password))).message).toContain('备份位置不存在');
    fs.writeFileSync(path.join(dest, 'a-file'), 'x');
    expect((await refusal(configureWith(path.join(dest, 'a-file'), ADMIN_LOGIN.password))).message).toContain('不是文件夹');
    expect((await refusal(configureWith('备份', ADMIN_LOGIN.password))).message).toContain('完整路径');
    expect((await refusal(configureWith(dest))).problems?.[0]?.field).toBe('password');
    expect((await refusal(configureWith(dest, 'Not-the-pass-1'))).problems?.[0]).toMatchObject({ field: 'password' });
    await configureWith(dest, ADMIN_LOGIN.password);
    // Later saves may leave the password out: the one set stays.
    const kept = await configureWith(dest);
    expect(kept.config.password?.login).toBe('admin');
  });

  it('refuses a read-only destination when it is chosen', async () => {
    const b = track(
      await openBranch({ backupFs: { ...nodeBackupFs, create: async () => Promise.reject(Object.assign(new Error('EROFS'), { code: 'EROFS' })) } }),
    );
    const e = await refusal(configure(b, tmpDir('pbbak-ro-')));
    expect(e.message).toContain('备份位置是只读的');
  });

  it('a full USB stick fails the backup cleanly: no partial file, earlier backups kept, the reason recorded', async () => {
    const dest = tmpDir('pbbak-full-');
    const first = track(await openBranch());
    await configure(first, dest);
    expect((await backupNow(first)).state).toBe('done');
    const dir = first.db.dir;
    await first.close();
    open.splice(open.indexOf(first), 1);
    const b = track(await openBranch({ dir, customers: 0, backupFs: failingFs('ENOSPC', 100_000) }));
    const r = await backupNow(b);
    expect(r.state).toBe('failed');
    expect(r.error?.message).toContain('备份位置空间不足');
    expect(fs.readdirSync(dest)).toHaveLength(1);
    expect((await call(b, 'backup.status', {}, ADMIN)).last).toMatchObject({ ok: false, message: expect.stringContaining('空间不足') });
  });

  it('reports too little free space before writing anything', async () => {
    const b = track(await openBranch({ backupFs: { ...nodeBackupFs, free: async () => 1000 } }));
    await configure(b, tmpDir('pbbak-small-'));
    const r = await backupNow(b);
    expect(r.error?.message).toMatch(/只剩 1000 B，本次备份约需/);
  });
});

describe('command line', () => {
  it('backs up and restores with a key file; restore shows what it would lose and needs --yes', async () => {
    const work = tmpDir('pbbak-cli-');
    const keyFile = path.join(work, 'key.txt');
    expect((await cli('key', 'create', '--out', keyFile)).code).toBe(0);
    const db = path.join(work, 'data');
    const b = await openBranch({ dir: db, key: readKeyFile(keyFile) });
    await b.close();
    const file = path.join(work, 'nightly.pbbak');
    const made = await cli('backup', '--db', db, '--key-file', keyFile, '--out', file);
    expect(made.code).toBe(0);
    expect(made.out).toContain('已备份并校验');
    expect((await cli('backup', '--db', db, '--key-file', keyFile, '--out', file)).err).toContain('已存在');

    expect((await cli('customer', 'add', '--db', db, '--key-file', keyFile, '--name', '备份后新增')).code).toBe(0);
    const dry = await cli('restore', '--db', db, '--key-file', keyFile, '--file', file);
    expect(dry.code).toBe(1);
    expect(dry.out).toContain('本机在备份之后新增/修改了 1 位客户、0 条走访记录，恢复后这些将丢失');
    expect(dry.err).toContain('加 --yes');
    const stats = async (dir: string) => JSON.parse((await cli('stats', '--db', dir, '--key-file', keyFile, '--json')).out) as Record<string, number>;
    expect((await stats(db))['customers']).toBe(61);

    const done = await cli('restore', '--db', db, '--key-file', keyFile, '--file', file, '--yes');
    expect(done.code).toBe(0);
    expect(done.out).toContain('恢复前的数据已另存为');
    expect((await stats(db))['customers']).toBe(60);

    // A new computer: a new folder, the same key file.
    const fresh = path.join(work, 'new-pc');
    expect((await cli('restore', '--db', fresh, '--key-file', keyFile, '--file', file, '--yes')).code).toBe(0);
    expect((await stats(fresh))['customers']).toBe(60);
  });

  it('an unencrypted database: backup needs the password, restore reads it from standard input', async () => {
    const work = tmpDir('pbbak-cli-');
    const db = path.join(work, 'data');
    await (await openBranch({ dir: db })).close();
    const file = path.join(work, 'b.pbbak');
    expect((await cli('backup', '--db', db, '--out', file)).err).toContain('--password-stdin');
    // In-process the CLI reads this process's stdin; hand the command a stream instead.
    const { backupCommand } = await import('../../backend/cli/commands/backup');
    const lines: string[] = [];
    await backupCommand(['--db', db, '--out', file, '--password-stdin'], (t) => lines.push(t), Readable.from([`${ADMIN_LOGIN.password}\n`]));
    expect(lines.join('\n')).toContain('已备份并校验');

    const fresh = path.join(work, 'new-pc');
    const out: string[] = [];
    const wrong = await refusal(restoreCommand(['--db', fresh, '--file', file, '--yes'], (t) => out.push(t), Readable.from(['Wrong-pass-9\n'])));
    expect(wrong.message).toContain('密码不正确');
    await restoreCommand(['--db', fresh, '--file', file, '--yes'], (t) => out.push(t), Readable.from([`${ADMIN_LOGIN.password}\n`]));
    expect(out.join('\n')).toContain('已恢复：60 位客户');
    const again = track(await Backend.open({ dir: fresh }));
    await call(again, 'auth.login', { login: ADMIN_LOGIN.login, password: ADMIN_LOGIN.password }, ADMIN);
  });
});
