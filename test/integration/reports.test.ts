import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { call } from '../helpers/backend';
import { cli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

async function seeded() {
  const db = path.join(tmpDir(), 'db');
  expect((await cli('seed', '--db', db, '--villages', '6', '--customers', '900', '--campaigns', '3', '--visits', '2000')).code).toBe(0);
  return db;
}

async function sheets(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The last row whose first cell says 合计. */
function totals(ws: ExcelJS.Worksheet): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (row.getCell(1).value === '合计') found = row;
  });
  if (!found) throw new Error(`no totals row in ${ws.name}`);
  return found;
}

const col = (ws: ExcelJS.Worksheet, title: string) => {
  let n = 0;
  ws.getRow(3).eachCell((c, i) => {
    if (c.value === title) n = i;
  });
  if (!n) throw new Error(`no column ${title} in ${ws.name}`);
  return n;
};

describe('report workbooks', () => {
  it('exports every report with totals that equal the database, formatted for supervisors', async () => {
    const db = await seeded();
    const out = path.join(tmpDir(), 'all.xlsx');
    const res = await cli('export', 'report', 'all', '--db', db, '--out', out, '--json');
    expect(res.code).toBe(0);
    const wb = await sheets(out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['营销活动汇总', '营销活动汇总-按投递员', '数据维护报表', '维护补贴', '季度进度', '投递员业绩']));

    const b = await Backend.open({ dir: db });
    const q = (sql: string) => Number(b.db.read((r) => r.value(sql)));
    const summary = wb.getWorksheet('营销活动汇总')!;
    expect(summary.getCell('A1').value).toBe('营销活动汇总');
    expect(String(summary.getCell('A2').value)).toContain('网点：演示网点');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(summary.autoFilter).toBeTruthy();
    const t = totals(summary);
    expect(t.getCell(col(summary, '目标户数')).value).toBe(q('SELECT COUNT(*) FROM campaign_targets'));
    expect(t.getCell(col(summary, '流转额')).value).toBeCloseTo(q('SELECT SUM(turnover) FROM visits') / 100, 2);
    expect(t.getCell(col(summary, '收入')).value).toBeCloseTo(q('SELECT SUM(revenue) FROM visits') / 100, 2);
    expect(t.getCell(col(summary, '成功')).value).toBe(q("SELECT COUNT(DISTINCT target_id) FROM visits WHERE outcome = 'success'"));
    expect(summary.getColumn(col(summary, '收入')).numFmt).toContain('¥');
    expect(summary.getColumn(col(summary, '反馈率')).numFmt).toBe('0.0%');

    const carriers = wb.getWorksheet('投递员业绩')!;
    expect(totals(carriers).getCell(col(carriers, '收入')).value).toBeCloseTo(q('SELECT SUM(revenue) FROM visits') / 100, 2);
    const maint = wb.getWorksheet('数据维护报表')!;
    expect(totals(maint).getCell(col(maint, '客户数')).value).toBe(q('SELECT COUNT(*) FROM customers WHERE deleted_at IS NULL AND village_id IS NOT NULL'));
    expect(totals(maint).getCell(col(maint, '一等')).value).toBe(
      q('SELECT COUNT(*) FROM customers WHERE deleted_at IS NULL AND grade = 1 AND village_id IS NOT NULL'),
    );
    await b.close();
  });

  it('pays the subsidy only when the maintenance plan is met', async () => {
    const dir = tmpDir();
    const b = await Backend.open({ dir, create: true });
    await call(b, 'customers.create', { name: '甲' });
    await call(b, 'customers.create', { name: '乙' });
    const admin = { actor: 'root', role: 'admin' as const };
    await call(b, 'settings.update', { maintenanceAnnualTarget: 2 }, admin);
    const met = await call(b, 'reports.get', { name: 'subsidy' });
    expect(met.tables[0]!.rows.at(-1)).toMatchObject({ count: 2, amount: 20 });
    await call(b, 'settings.update', { maintenanceAnnualTarget: 1000 }, admin);
    const missed = await call(b, 'reports.get', { name: 'subsidy' });
    expect(missed.tables[0]!.rows.at(-1)).toMatchObject({ count: 2, amount: 0 });
    expect(missed.notes[0]).toContain('不发放');
    await b.close();
  });

  it('writes CSV with a UTF-8 BOM, and refuses an unknown report clearly', async () => {
    const db = await seeded();
    const b = await Backend.open({ dir: db });
    const dl = await call(b, 'reports.csv', { name: 'carriers' });
    const bytes = Buffer.from(dl.dataBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('投递员,目标户数');
    await b.close();
    const bad = await cli('export', 'report', 'nonsense', '--db', db, '--out', path.join(tmpDir(), 'x.xlsx'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('未知的报表');
    expect(fs.existsSync(path.join(tmpDir(), 'x.xlsx'))).toBe(false);
  });
});
