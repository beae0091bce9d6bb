import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { Backend } from '../../backend/host/backend';
import { call } from '../helpers/backend';
import { readBack, validId, xlsOf, xlsxOf } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';

async function branchWithVillages(...names: string[]): Promise<string> {
  const db = path.join(tmpDir(), 'db');
  const b = await Backend.open({ dir: db, create: true });
  for (const name of names) await call(b, 'villages.create', { name });
  await b.close();
  return db;
}

const ID_A = validId('37140219800101123');
const ID_B = validId('37140219900215224');
const ID_C = validId('37142319751130001');

describe('customer import (CLI over the same job the UI uses)', () => {
  it('finds the header below a title row, imports good rows and reports each bad one by row and column', async () => {
    const db = await branchWithVillages('东风村', '红旗村');
    const file = path.join(tmpDir(), '客户名单.xlsx');
    fs.writeFileSync(
      file,
      xlsxOf([
        ['黄河涯镇东风村客户名单（2026年11月）'],
        [],
        ['序号', '户主姓名', '身份证号码', '联系电话', '所属村', '住址', '六大户', '营销授权'],
        [1, '张三', ID_A, '138 0013 8000', '东风村委会', '中心街1号', '种植大户', '是'],
        [2, '李四', 370101198001011000, '13900139000', '东风村', '中心街2号', null, '否'], // ID stored as a number
        [3, '王五', ID_B, '12345', '红旗村', '幸福路3号', null, null], // bad phone
        [4, '赵六', ID_C, '13700137000', '不存在村', '幸福路4号', null, null], // unknown village
        [5, '张三', ID_A, '13800138000', '东风村', '中心街1号', null, null], // same person again
        [6, '孙七', null, '0534-2345678', '红旗村民委员会', '建设路6号', '养殖大户', '同意'],
      ]),
    );
    const res = await cli('import', 'customers', file, '--db', db, '--json', '--error-report', path.join(path.dirname(file), 'err.xlsx'));
    expect(res.code).toBe(0);
    const out = JSON.parse(res.out) as { inserted: number; updated: number; skipped: number; errors: { row: number; column: string; message: string }[] };
    expect(out).toMatchObject({ inserted: 2, updated: 0, skipped: 0 });
    const byRow = new Map(out.errors.map((e) => [e.row, e]));
    expect(byRow.get(5)).toMatchObject({ column: '身份证号码', message: expect.stringContaining('存成了数字') });
    expect(byRow.get(6)).toMatchObject({ column: '联系电话', message: expect.stringContaining('位数不对') });
    expect(byRow.get(7)).toMatchObject({ column: '所属村', message: expect.stringContaining('没有名为“不存在村”') });
    expect(byRow.get(8)?.message).toContain('与文件第 4 行是同一客户');

    const report = readBack(fs.readFileSync(path.join(path.dirname(file), 'err.xlsx')));
    expect(report[0]!.slice(0, 3)).toEqual(['原行号', '问题', '序号']);
    expect(report.slice(1).map((r) => r[0])).toEqual(['5', '6', '7', '8']);

    const b = await Backend.open({ dir: db });
    const page = await call(b, 'customers.list', { query: '张三' });
    expect(page.total).toBe(1);
    // A supervisor's view: a clerk's shows only the year of birth.
    const zhang = await call(b, 'customers.get', { id: page.rows[0]!.id }, { actor: '测试主管', role: 'supervisor' });
    expect(zhang).toMatchObject({
      phone: '13800138000',
      villageName: '东风村',
      householdType: '种植大户',
      consent: true,
      sex: 'M',
      birthDate: '1980-01-01',
      grade: 2,
    });
    const sun = (await call(b, 'customers.list', { query: '孙七' })).rows[0]!;
    expect(sun.phone).toBe('0534-2345678');
    expect(sun.villageName).toBe('红旗村');
    await b.close();
  });

  it('matches existing customers by ID number then name + phone, and updates or skips as asked', async () => {
    const db = await branchWithVillages('东风村');
    const b = await Backend.open({ dir: db });
    const a = await call(b, 'customers.create', { name: '张三', idNumber: ID_A, address: '旧地址' });
    const c = await call(b, 'customers.create', { name: '李四', phone: '13900139000', notes: '老客户' });
    await b.close();
    const file = path.join(tmpDir(), 'again.csv');
    fs.writeFileSync(file, `姓名,身份证号,手机,地址\n张三,${ID_A},,新地址\n李四,,13900139000,\n王五,,13700137000,\n`);

    const skipped = JSON.parse((await cli('import', 'customers', file, '--db', db, '--json')).out) as Record<string, number>;
    expect(skipped).toMatchObject({ inserted: 1, updated: 0, skipped: 2 });
    const updated = JSON.parse((await cli('import', 'customers', file, '--db', db, '--on-duplicate', 'update', '--json')).out) as Record<string, number>;
    expect(updated).toMatchObject({ inserted: 0, updated: 3, skipped: 0 });

    const again = await Backend.open({ dir: db });
    expect((await call(again, 'customers.get', { id: a.id })).address).toBe('新地址');
    // An empty cell in the file never clears what the record already had.
    expect((await call(again, 'customers.get', { id: c.id })).notes).toBe('老客户');
    expect((await call(again, 'stats.counts', {})).customers).toBe(3);
    await again.close();
  });

  it('stores an old 15-digit ID number as its 18-digit form and phones in the stored form, whatever was typed', async () => {
    const db = await branchWithVillages('东风村');
    const dir = tmpDir();
    const old = path.join(dir, 'old.csv');
    fs.writeFileSync(old, `姓名,身份证号,手机,座机\n钱八,110105491231002,+86013912345678,+86 534 2612345\n吴九,,8613912345679,0086 2021912396\n`);
    expect(JSON.parse((await cli('import', 'customers', old, '--db', db, '--json')).out)).toMatchObject({ inserted: 2, errors: [] });
    // The same person with the 18-digit number is recognised, not added again.
    const again = path.join(dir, 'again.csv');
    fs.writeFileSync(again, `姓名,身份证号\n钱八,11010519491231002X\n`);
    expect(JSON.parse((await cli('import', 'customers', again, '--db', db, '--json')).out)).toMatchObject({ inserted: 0, skipped: 1 });
    // Blocks and area codes that do not exist are refused, each with its reason.
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, `姓名,身份证号,手机,座机\n郑十,990105194912310021,14012345678,0000-1234567\n`);
    const refused = JSON.parse((await cli('import', 'customers', bad, '--db', db, '--json')).out) as {
      inserted: number;
      errors: { column: string; message: string }[];
    };
    expect(refused.inserted).toBe(0);
    expect(refused.errors.map((e) => e.column).sort()).toEqual(['座机', '手机', '身份证号'].sort());
    // Read as stored, not through an operation that masks the number for the role.
    const b = await Backend.open({ dir: db });
    const stored = (name: string) => b.db.read((r) => r.get('SELECT id_number, birth_date, sex, phone, landline FROM customers WHERE name = ?', [name]));
    expect(stored('钱八')).toEqual({ id_number: '11010519491231002X', birth_date: '1949-12-31', sex: 'F', phone: '13912345678', landline: '0534-2612345' });
    expect(stored('吴九')).toEqual({ id_number: null, birth_date: null, sex: null, phone: '13912345679', landline: '020-21912396' });
    await b.close();
  });

  it('reads GBK-encoded CSV as saved by Chinese Excel, and legacy .xls', async () => {
    const db = await branchWithVillages('东风村');
    const dir = tmpDir();
    const gbk = path.join(dir, 'gbk.csv');
    // "姓名,电话,村\r\n周八,13600136000,东风村\r\n" in GBK.
    fs.writeFileSync(gbk, Buffer.from('d0d5c3fb2cb5e7bbb02cb4e50d0ad6dcb0cb2c31333630303133363030302cb6abb7e7b4e50d0a', 'hex'));
    const xls = path.join(dir, 'old.xls');
    fs.writeFileSync(
      xls,
      xlsOf([
        ['姓名', '手机', '行政村'],
        ['吴九', '13500135000', '东风村'],
      ]),
    );
    expect(JSON.parse((await cli('import', 'customers', gbk, '--db', db, '--json')).out)).toMatchObject({ inserted: 1, errors: [] });
    expect(JSON.parse((await cli('import', 'customers', xls, '--db', db, '--json')).out)).toMatchObject({ inserted: 1, errors: [] });
    const b = await Backend.open({ dir: db });
    expect((await call(b, 'customers.list', { query: '周八' })).rows[0]).toMatchObject({ phone: '13600136000', villageName: '东风村' });
    await b.close();
  });

  it('exports all customers with Chinese headers and the file imports back without loss', async () => {
    const db = path.join(tmpDir(), 'src');
    await cli('seed', '--db', db, '--villages', '5', '--customers', '200', '--seed', '3');
    const out = path.join(tmpDir(), 'export.xlsx');
    expect((await cli('export', 'customers', '--db', db, '--out', out)).code).toBe(0);
    const sheet = readBack(fs.readFileSync(out));
    expect(sheet[0]).toEqual(expect.arrayContaining(['客户编号', '姓名', '身份证号', '手机', '行政村', '用邮信息', '营销授权']));
    expect(sheet).toHaveLength(201);

    // Import into a fresh branch with the same villages: every customer arrives, field for field.
    const target = path.join(tmpDir(), 'dst');
    const src = await Backend.open({ dir: db });
    const villages = await call(src, 'villages.list', {});
    const dump = async (b: Backend) =>
      b.db.read((r) =>
        r.all(`SELECT c.name, c.kind, c.id_number, c.phone, c.landline, v.name AS village, c.group_name, c.address, c.household_type, c.tags,
                      c.income_band, c.consent, c.source, c.influence, c.referrer, c.interests, c.notes,
                      (SELECT group_concat(line || '/' || ifnull(product, ''), ',') FROM (SELECT line, product FROM usage_facts u WHERE u.customer_id = c.id ORDER BY line, product)) AS usage
               FROM customers c LEFT JOIN villages v ON v.id = c.village_id ORDER BY c.name, c.phone, c.address`),
      );
    const before = await dump(src);
    await src.close();
    await cli('init', '--db', target);
    const t = await Backend.open({ dir: target });
    for (const v of villages) await call(t, 'villages.create', { name: v.name });
    await t.close();
    const res = JSON.parse((await cli('import', 'customers', out, '--db', target, '--json')).out) as { inserted: number; errors: unknown[] };
    expect(res.errors).toEqual([]);
    expect(res.inserted).toBe(200);
    const t2 = await Backend.open({ dir: target });
    expect(await dump(t2)).toEqual(before);
    await t2.close();

    // Importing the export back into its own database updates in place (客户编号) and creates nothing.
    const self = JSON.parse((await cli('import', 'customers', out, '--db', db, '--on-duplicate', 'update', '--json')).out) as Record<string, number>;
    expect(self).toMatchObject({ inserted: 0, updated: 200 });
  });

  it('fails clearly on a file it cannot read', async () => {
    const db = await branchWithVillages('东风村');
    const missing = await cli('import', 'customers', path.join(tmpDir(), 'nope.xlsx'), '--db', db, '--json');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('找不到文件');
    const junk = path.join(tmpDir(), 'junk.xlsx');
    fs.writeFileSync(junk, 'this is not a spreadsheet');
    const bad = await cli('import', 'customers', junk, '--db', db, '--json');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/无法读取文件|找不到表头/);
    const pdf = path.join(tmpDir(), 'x.pdf');
    fs.writeFileSync(pdf, 'x');
    expect((await cli('import', 'customers', pdf, '--db', db)).err).toContain('不支持的文件类型');
  });
});
