import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { parseIdNumber } from '../../shared/idNumber';
import { parsePhone } from '../../shared/phone';
import { Backend } from '../../backend/host/backend';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

describe('cli', () => {
  it('init, seed, customer add and stats work together on one database folder', async () => {
    const db = path.join(tmpDir(), 'branch');
    expect((await cli('init', '--db', db, '--branch', '黄河涯支局')).code).toBe(0);
    const seeded = await cli('seed', '--db', db, '--villages', '3', '--customers', '50', '--seed', '7', '--json');
    expect(JSON.parse(seeded.out)).toMatchObject({ villages: 3, customers: 50 });

    const b = await Backend.open({ dir: db });
    const village = (await call(b, 'villages.list', {}))[0]!;
    await b.close();
    const added = await cli('customer', 'add', '--db', db, '--village', village.name, '--name', '王五', '--phone', '+86 139-0000-1111', '--json');
    expect(added.code).toBe(0);
    const { id } = JSON.parse(added.out) as { id: string };

    const stats = JSON.parse((await cli('stats', '--db', db, '--json')).out) as Record<string, number>;
    expect(stats['customers']).toBe(51);
    expect(stats['villages']).toBe(3);

    const again = await Backend.open({ dir: db });
    const c = await call(again, 'customers.get', { id });
    expect(c.phone).toBe('13900001111');
    expect(c.villageName).toBe(village.name);
    expect((await call(again, 'app.info', {})).branchName).toBe('黄河涯支局');
    await again.close();
  });

  it('seeds realistic, valid and repeatable data', async () => {
    const a = path.join(tmpDir(), 'a');
    const b = path.join(tmpDir(), 'b');
    await cli('seed', '--db', a, '--villages', '4', '--customers', '300', '--seed', '42');
    await cli('seed', '--db', b, '--villages', '4', '--customers', '300', '--seed', '42');
    const names = async (dir: string) => {
      const be = await Backend.open({ dir });
      const rows = be.db.read((r) =>
        r.all<{ id: string; name: string; id_number: string | null; phone: string | null }>('SELECT id, name, id_number, phone FROM customers ORDER BY id'),
      );
      await be.close();
      return rows;
    };
    const ra = await names(a);
    expect(ra).toEqual(await names(b));
    expect(ra.every((r) => /^[\u4e00-\u9fff]{2,4}$/.test(r.name))).toBe(true);
    const ids = ra.flatMap((r) => (r.id_number ? [r.id_number] : []));
    expect(ids.length).toBeGreaterThan(150);
    expect(ids.every((x) => parseIdNumber(x).ok)).toBe(true);
    expect(ra.every((r) => r.phone === null || (parsePhone(r.phone).ok && r.phone.length === 11))).toBe(true);
  });

  it('refuses bad input with a clear message and a non-zero exit, never a stack trace', async () => {
    const db = path.join(tmpDir(), 'x');
    await cli('init', '--db', db);
    const badPhone = await cli('customer', 'add', '--db', db, '--name', '赵六', '--phone', '12345', '--json');
    expect(badPhone.code).toBe(1);
    expect(badPhone.err).toContain('电话号码位数不对');
    expect(badPhone.out).toBe('');
    const badId = await cli('customer', 'add', '--db', db, '--name', '赵六', '--id-number', '370101198001011234');
    expect(badId.err).toContain('校验位');

    const missing = await cli('stats', '--db', path.join(tmpDir(), 'nowhere'), '--json');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('数据库不存在');
    expect(missing.err).not.toMatch(/at .*\.ts:\d+/);

    const file = path.join(tmpDir(), 'file.txt');
    fs.writeFileSync(file, 'x');
    const notDir = await cli('stats', '--db', file);
    expect(notDir.code).toBe(1);
    expect(notDir.err).toContain('是一个文件');

    expect((await cli('stats')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('seed', '--db', db, '--customers', 'many')).err).toContain('整数');
  });
});

describe('cli entry point', () => {
  it('exits non-zero with the message on stderr when run as a process', async () => {
    const { spawnSync } = await import('node:child_process');
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'backend/cli/main.ts', 'stats', '--db', path.join(tmpDir(), 'none'), '--json'], {
      encoding: 'utf8',
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('数据库不存在');
    expect(res.stdout).toBe('');
  });
});
