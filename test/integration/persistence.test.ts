import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { LocalDatabase } from '../../backend/db/localDatabase';
import { listGenerations, logName, snapshotName } from '../../backend/db/snapshotFile';
import { Backend } from '../../backend/host/backend';
import { AppError } from '../../shared/errors';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

async function seedOne(dir: string) {
  const b = await Backend.open({ dir, create: true });
  const v = await call(b, 'villages.create', { name: '东风村' });
  const c = await call(b, 'customers.create', { name: '张三', phone: '138 0013 8000', villageId: v.id });
  return { b, v, c };
}

describe('durable local database', () => {
  it('keeps an acknowledged write after a crash with no snapshot since (replays the change log)', async () => {
    const dir = tmpDir();
    const { b, c } = await seedOne(dir);
    b.db.abandon();
    const again = await Backend.open({ dir });
    expect(again.db.report.replayedRecords).toBe(2);
    const got = await call(again, 'customers.get', { id: c.id });
    expect(got.phone).toBe('13800138000');
    expect(got.villageName).toBe('东风村');
    await again.close();
  });

  it('replays a big write that changed the same rows many times to the state it left, not an earlier one', async () => {
    const dir = tmpDir();
    const db = await LocalDatabase.open({ dir, create: true });
    const at = '2026-01-01T00:00:00.000Z';
    // 30,000 changes: the log record is built in pieces, and each row's last change must still come last.
    db.write('many', (w) => {
      for (let i = 0; i < 3; i++) w.run('INSERT INTO villages (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)', [`v${i}`, '起', at, at]);
      for (let n = 0; n < 30_000; n++) w.run('UPDATE villages SET name = ? WHERE id = ?', [`名${n}`, `v${n % 3}`]);
      w.run('DELETE FROM villages WHERE id = ?', ['v1']);
      w.run('INSERT INTO villages (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)', ['v1', '重建', at, at]);
    });
    const names = () => db.read((r) => r.all<{ id: string; name: string }>('SELECT id, name FROM villages ORDER BY id'));
    expect(names()).toEqual([
      { id: 'v0', name: '名29997' },
      { id: 'v1', name: '重建' },
      { id: 'v2', name: '名29999' },
    ]);
    db.abandon();
    const again = await LocalDatabase.open({ dir });
    expect(again.read((r) => r.all('SELECT id, name FROM villages ORDER BY id'))).toEqual([
      { id: 'v0', name: '名29997' },
      { id: 'v1', name: '重建' },
      { id: 'v2', name: '名29999' },
    ]);
    await again.close();
  });

  it('drops a torn final log record and keeps everything before it', async () => {
    const dir = tmpDir();
    const { b, c } = await seedOne(dir);
    const gen = b.db.generation;
    b.db.abandon();
    const log = path.join(dir, logName(gen));
    const before = fs.statSync(log).size;
    fs.appendFileSync(log, Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 9, 9])); // a frame cut short by power loss
    const again = await Backend.open({ dir });
    expect(again.db.report.droppedTornBytes).toBe(10);
    expect(fs.statSync(log).size).toBe(before);
    expect((await call(again, 'customers.get', { id: c.id })).name).toBe('张三');
    await again.close();
  });

  it('a save cut short by a full disk is refused and does not hide the saves after it at the next open', async () => {
    const dir = tmpDir();
    const { b, v } = await seedOne(dir);
    // The disk fills after the record's first bytes are written: the clerk is told it was not saved.
    const realWrite = fs.writeSync;
    let writes = 0;
    const spy = vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buf: Uint8Array, off?: number, len?: number) => {
      if (++writes === 2) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return realWrite(fd, buf, off, Math.min(len ?? buf.length, 5));
    }) as typeof fs.writeSync);
    const refused = await b.call('customers.create', { name: '李四', villageId: v.id }, { actor: 'admin', role: 'admin' });
    spy.mockRestore();
    expect(refused.ok).toBe(false);
    // Space is back: the next saves succeed, and a crash before any snapshot must keep them.
    const later = await call(b, 'customers.create', { name: '王五', villageId: v.id });
    b.db.abandon();
    const again = await Backend.open({ dir });
    expect(again.db.report.droppedTornBytes).toBe(0);
    expect((await call(again, 'customers.get', { id: later.id })).name).toBe('王五');
    expect((await call(again, 'customers.list', { query: '李四' })).total).toBe(0);
    await again.close();
  });

  it('falls back to the previous snapshot when the newest is damaged, losing nothing', async () => {
    const dir = tmpDir();
    const { b, c } = await seedOne(dir);
    await b.db.snapshot();
    const c2 = await call(b, 'customers.create', { name: '李四' });
    b.db.abandon();
    const { snapshots } = listGenerations(dir);
    const newest = path.join(dir, snapshotName(snapshots.at(-1)!));
    const bytes = fs.readFileSync(newest);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    fs.writeFileSync(newest, bytes);

    const again = await Backend.open({ dir });
    expect(again.db.report.quarantined).toHaveLength(1);
    expect(fs.readdirSync(dir).some((f) => f.includes('.damaged-'))).toBe(true);
    expect((await call(again, 'customers.get', { id: c.id })).name).toBe('张三');
    expect((await call(again, 'customers.get', { id: c2.id })).name).toBe('李四');
    await again.close();
  });

  it('keeps a fallback after a damaged snapshot was moved aside: the next damaged one still opens, losing nothing', async () => {
    const dir = tmpDir();
    const damageNewest = () => {
      const newest = path.join(dir, snapshotName(listGenerations(dir).snapshots.at(-1)!));
      const bytes = fs.readFileSync(newest);
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
      fs.writeFileSync(newest, bytes);
    };
    const { b, c } = await seedOne(dir);
    await b.db.snapshot();
    const c2 = await call(b, 'customers.create', { name: '李四' });
    await b.close();
    damageNewest();
    const second = await Backend.open({ dir });
    expect(second.db.report.quarantined).toHaveLength(1);
    const c3 = await call(second, 'customers.create', { name: '王五' });
    second.db.abandon();
    damageNewest();
    const third = await Backend.open({ dir });
    for (const [id, name] of [
      [c.id, '张三'],
      [c2.id, '李四'],
      [c3.id, '王五'],
    ] as const)
      expect((await call(third, 'customers.get', { id })).name).toBe(name);
    await third.close();
  });

  it('refuses to open (and keeps the files) when every snapshot is damaged, instead of starting empty', async () => {
    const dir = tmpDir();
    const { b } = await seedOne(dir);
    await b.close();
    for (const g of listGenerations(dir).snapshots) fs.writeFileSync(path.join(dir, snapshotName(g)), 'garbage');
    const err = await Backend.open({ dir, create: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DAMAGED');
    expect((err as AppError).message).toContain('损坏');
    // Still refuses on a second attempt: the quarantined files are not mistaken for "no database yet".
    const err2 = await Backend.open({ dir, create: true }).catch((e: unknown) => e);
    expect((err2 as AppError).code).toBe('DAMAGED');
    expect(fs.readdirSync(dir).filter((f) => f.includes('.damaged-')).length).toBeGreaterThan(0);
  });

  it('snapshots in the background and prunes old generations but keeps the previous one', async () => {
    const dir = tmpDir();
    const b = await Backend.open({ dir, create: true, snapshotDelayMs: 10 });
    for (let i = 0; i < 3; i++) {
      await call(b, 'customers.create', { name: `客户${i}` });
      await new Promise((r) => setTimeout(r, 60));
    }
    const { snapshots, logs } = listGenerations(dir);
    expect(snapshots.length).toBe(2);
    expect(logs.length).toBeLessThanOrEqual(2);
    await b.close();
    const again = await Backend.open({ dir });
    expect((await call(again, 'stats.counts', {})).customers).toBe(3);
    await again.close();
  });

  it('a write that fills the log answers first, and the snapshot it calls for follows at once, not after the usual delay', async () => {
    const dir = tmpDir();
    const db = await LocalDatabase.open({ dir, create: true, snapshotDelayMs: 3_600_000, snapshotLogBytes: 64 * 1024 });
    const gen = db.generation;
    const at = '2026-01-01T00:00:00.000Z';
    db.write('big', (w) => {
      for (let i = 0; i < 2000; i++) w.run('INSERT INTO villages (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)', [`v${i}`, `村${i}`, at, at]);
    });
    // The image is not copied out inside the write (which the clerk waits for)...
    expect(db.generation).toBe(gen);
    // ...but right after it, without waiting the hour the delay would.
    await vi.waitFor(() => expect(listGenerations(dir).snapshots.at(-1)).toBe(gen + 1), { timeout: 5000 });
    await db.snapshot(); // lets the one under way finish writing
    db.abandon();
    const again = await LocalDatabase.open({ dir });
    expect(again.report.replayedRecords).toBe(0);
    expect(again.read((r) => r.value('SELECT count(*) FROM villages'))).toBe(2000);
    await again.close();
  });

  it('gives a clear error for a missing folder without create', async () => {
    const err = await LocalDatabase.open({ dir: path.join(tmpDir(), 'nope') }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('NOT_FOUND');
    expect((err as AppError).message).toContain('数据目录不存在');
  });
});
