import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { Backend } from '../../backend/host/backend';
import { call } from '../helpers/backend';
import { validId, xlsxOf } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: '管理员', role: 'admin' as const };

describe('official divisions', () => {
  it('finds villages across the whole country by short name, pinyin initials and code', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    const byName = await call(b, 'divisions.search', { query: '东风村委会' });
    expect(byName.hits.length).toBeGreaterThan(10);
    expect(byName.hits.every((h) => h.name.startsWith('东风'))).toBe(true);
    const short = await call(b, 'divisions.search', { query: '黄河涯' });
    expect(short.hits[0]).toMatchObject({ name: '黄河涯村委会', townName: '黄河涯镇', countyName: '山东省德州市德城区' });
    const byInitials = await call(b, 'divisions.search', { query: 'hhyc' });
    expect(byInitials.hits.map((h) => h.name)).toContain('黄河涯村委会');
    const byCode = await call(b, 'divisions.search', { query: short.hits[0]!.code });
    expect(byCode.hits).toHaveLength(1);
    expect(byCode.hits[0]!.code).toMatch(/^371402101\d{3}$/);
    await b.close();
  });

  it('sets up a branch from county and towns in the CLI, with codes, and names unknown codes', async () => {
    const db = path.join(tmpDir(), 'b');
    const res = await cli('init', '--db', db, '--branch', '黄河涯支局', '--county', '371402', '--towns', '371402100,371402101', '--json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out)).toMatchObject({ created: true, villages: 37 });
    const list = JSON.parse((await cli('villages', '--db', db, '--json')).out) as { code: string; name: string; townName: string; edition: string }[];
    expect(list).toHaveLength(37);
    expect(list.every((v) => /^37140210[01]\d{3}$/.test(v.code) && v.edition === '2023')).toBe(true);
    expect(list.map((v) => v.townName)).toEqual(expect.arrayContaining(['二屯镇', '黄河涯镇']));

    // Demo data on it goes into those villages: none made up beside them.
    const seeded = await cli('seed', '--db', db, '--villages', '12', '--customers', '200', '--json');
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.out)).toMatchObject({ villages: 0, officialVillages: 37, customers: 200 });
    const after = JSON.parse((await cli('villages', '--db', db, '--json')).out) as { code: string | null }[];
    expect(after).toHaveLength(37);
    expect(after.every((v) => v.code !== null)).toBe(true);
    expect((await cli('seed', '--db', db, '--customers', '10', '--seed', '2')).out).toContain('已在本网点的 37 个行政村中生成 10 户客户');

    const bad = await cli('init', '--db', path.join(tmpDir(), 'c'), '--county', '371402', '--towns', '371402999');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('371402999');
    const wrongCounty = await cli('init', '--db', path.join(tmpDir(), 'd'), '--county', '371402', '--towns', '150502103');
    expect(wrongCounty.err).toContain('不属于区县 371402');
  });

  it('keeps two same-named villages of different towns apart, and import asks rather than guesses', async () => {
    const dir = tmpDir();
    const b = await Backend.open({ dir, create: true });
    await call(
      b,
      'setup.createBranch',
      {
        branchName: '测试网点',
        postalCode: '017000',
        countyCode: '150502',
        townCodes: ['150502103', '150502106'],
        villageCodes: ['150502103201', '150502106224'],
      },
      ADMIN,
    );
    const villages = await call(b, 'villages.list', {});
    expect(villages.map((v) => [v.name, v.townName, v.code])).toEqual([
      ['团结村委会', '木里图镇', '150502103201'],
      ['团结村委会', '育新镇', '150502106224'],
    ]);
    await b.close();

    const file = path.join(tmpDir(), 't.xlsx');
    fs.writeFileSync(
      file,
      xlsxOf([
        ['姓名', '手机', '村'],
        ['甲', '13800138000', '团结村'],
        ['乙', '13800138001', '150502106224'],
      ]),
    );
    const res = JSON.parse((await cli('import', 'customers', file, '--db', dir, '--json')).out) as {
      inserted: number;
      errors: { row: number; message: string }[];
    };
    expect(res.inserted).toBe(1);
    expect(res.errors[0]).toMatchObject({ row: 2, message: expect.stringContaining('对应多个行政村') });
    expect(res.errors[0]!.message).toContain('木里图镇');
    const again = await Backend.open({ dir });
    const yi = (await call(again, 'customers.list', { query: '乙' })).rows[0]!;
    const v = (await call(again, 'villages.list', {})).find((x) => x.code === '150502106224')!;
    expect(yi.villageName).toBe('团结村委会');
    expect(v.customerCount).toBe(1);
    await again.close();
  });

  it('resolves an official village name spelled the clerk’s way on import', async () => {
    const dir = tmpDir();
    const b = await Backend.open({ dir, create: true });
    await call(b, 'setup.createBranch', { branchName: '黄河涯支局', postalCode: null, countyCode: '371402', townCodes: ['371402101'] }, ADMIN);
    await b.close();
    const file = path.join(tmpDir(), 'h.xlsx');
    fs.writeFileSync(
      file,
      xlsxOf([
        ['姓名', '所属村'],
        ['丙', '黄河涯村'],
        ['丁', '黄河涯村民委员会'],
      ]),
    );
    expect(JSON.parse((await cli('import', 'customers', file, '--db', dir, '--json')).out)).toMatchObject({ inserted: 2, errors: [] });
  });

  it('shows the region of registration from the ID number, and only warns on a retired code', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    const known = await call(b, 'customers.create', { name: '甲', idNumber: validId('37140219800101123') }, ADMIN);
    expect(known).toMatchObject({ region: '山东省德州市德城区', regionWarning: null });
    const retired = await call(b, 'customers.create', { name: '乙', idNumber: validId('37240119800101123') }, ADMIN);
    expect(retired.region).toBeNull();
    expect(retired.regionWarning).toContain('372401');
    // A clerk, who sees the number masked, gets no more than the province (the county would rebuild digits 1–6).
    expect(await call(b, 'customers.get', { id: known.id })).toMatchObject({ region: '山东省', regionWarning: null });
    expect((await call(b, 'customers.get', { id: retired.id })).regionWarning).not.toContain('372401');
    await b.close();
  });

  it('reports setup status and loads a demo branch on real divisions', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    expect(await call(b, 'setup.status', {})).toMatchObject({ configured: false, edition: '2023' });
    await expect(call(b, 'setup.loadDemo', {})).rejects.toThrow('无权');
    const demo = await call(b, 'setup.loadDemo', {}, ADMIN);
    expect(demo.customers).toBe(3000);
    const status = await call(b, 'setup.status', {});
    expect(status).toMatchObject({ configured: true, countyName: '山东省德州市德城区' });
    expect(status.villages).toBe(demo.villages);
    // Only the official villages of the two towns (issue 20: no made-up villages beside them), every customer in one.
    const villages = await call(b, 'villages.list', {});
    expect(villages.length).toBe(demo.villages);
    expect(villages.filter((v) => !v.code || !/^371402\d{6}$/.test(v.code)).map((v) => v.name)).toEqual([]);
    const codes = new Set(villages.map((v) => v.id));
    expect(
      b.db
        .read((r) => r.all<{ village_id: string | null }>('SELECT DISTINCT village_id FROM customers'))
        .every((c) => c.village_id !== null && codes.has(c.village_id)),
    ).toBe(true);
    await b.close();
  });
});

describe('a new edition of the division list', () => {
  it('updates coded villages, reports retired codes and keeps the branch’s own villages', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    await call(
      b,
      'setup.createBranch',
      { branchName: '黄河涯支局', postalCode: null, countyCode: '371402', townCodes: ['371402101'], extraVillages: [{ name: '新建小区', kind: 'unit' }] },
      ADMIN,
    );
    const unit = await call(b, 'villages.create', { name: '幸福里3号楼', kind: 'unit', street: '幸福路', building: '3号楼' });
    expect(unit).toMatchObject({ kind: 'unit', street: '幸福路', building: '3号楼', code: null });
    const first = (await call(b, 'villages.list', {})).find((v) => v.code);
    // As if the branch had been set up from an older edition: an old name, and a code that has since retired.
    b.db.write('old-edition', (w) => {
      w.run("UPDATE villages SET name = '旧名村委会', edition = '2021' WHERE code = ?", [first!.code]);
      w.run(
        "INSERT INTO villages (id, code, name, kind, edition, created_at, updated_at) VALUES ('retired', '371402101999', '撤并村', 'village', '2021', 'x', 'x')",
      );
    });
    const res = await call(b, 'divisions.applyEdition', {}, ADMIN);
    expect(res.edition).toBe('2023');
    expect(res.renamed).toEqual([{ code: first!.code, from: '旧名村委会', to: first!.name }]);
    expect(res.missing).toEqual([{ code: '371402101999', name: '撤并村' }]);
    const after = await call(b, 'villages.list', {});
    expect(after.find((v) => v.code === first!.code)).toMatchObject({ name: first!.name, edition: '2023' });
    expect(after.map((v) => v.name)).toEqual(expect.arrayContaining(['新建小区', '幸福里3号楼', '撤并村']));
    await b.close();
  });
});
