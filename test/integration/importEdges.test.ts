/**
 * Import edges clerks ran into: the totals row at the foot of their list, "电话不详" in the phone column, and the
 * doubled "电话：电话：" in what the error report says. Through the same operations the import dialog calls.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import type { ImportPreview } from '../../shared/domain';
import { call } from '../helpers/backend';
import { readBack, validId, xlsxOf } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';

async function preview(b: Backend, rows: (string | number | null)[][]): Promise<ImportPreview> {
  const { jobId } = await call(b, 'customers.importStart', { fileName: '东风村名单.xlsx', dataBase64: xlsxOf(rows).toString('base64') });
  for (;;) {
    const s = await call(b, 'jobs.get', { id: jobId });
    if (s.state === 'done') return call(b, 'customers.importPreview', { jobId });
    if (s.state !== 'running') throw new Error(s.error?.message ?? s.state);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const HEADER = ['序号', '姓名', '身份证号', '电话', '村', '住址'];

describe('import edges', () => {
  it('skips the totals rows at the foot of the list instead of reporting 姓名不能为空', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    await call(b, 'villages.create', { name: '东风村' });
    const p = await preview(b, [
      HEADER,
      [1, '张三', null, '13800138000', '东风村', '中心街1号'],
      [2, '李四', null, '13900139000', '东风村', '中心街2号'],
      ['合计：2 人', null, null, null, null, null],
      ['小计', null, null, null, null, 2],
      [null, '总计', null, null, null, '2 户'],
    ]);
    expect(p.problems).toEqual([]);
    expect(p).toMatchObject({ dataRows: 2, validRows: 2, problemRows: 0, totalsRows: 3 });
    await b.close();
  });

  it('still refuses a row that starts with 合计 but holds a customer (a name is not a number)', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    const p = await preview(b, [HEADER, ['合计', '王五', null, '13800138000', null, '幸福路3号']]);
    expect(p.totalsRows).toBe(0);
    expect(p.validRows + p.problemRows).toBe(1);
    await b.close();
  });

  it('imports a customer whose phone says 电话不详 (无, 暂无, -, /) with no phone and a warning', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    const unknown = ['电话不详', '无', '不详', '暂无', '-', '/'];
    const p = await preview(b, [HEADER, ...unknown.map((t, i) => [i + 1, `客户${i + 1}`, null, t, null, `中心街${i + 1}号`])]);
    expect(p.problems).toEqual([]);
    expect(p.validRows).toBe(unknown.length);
    expect(p.warningRows).toBe(unknown.length);
    expect(p.warnings[0]).toMatchObject({ row: 2, column: '电话', message: expect.stringContaining('电话不详') });
    const { jobId } = p;
    const result = await call(b, 'customers.importCommit', { jobId, onDuplicate: 'skip' });
    expect(result.inserted).toBe(unknown.length);
    const list = await call(b, 'customers.list', { query: '客户1' });
    expect(list.rows[0]).toMatchObject({ name: '客户1', phone: null });
    await b.close();
  });

  it('names the column once in the error report: 电话 → 位数不对, not 电话：电话：', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    const p = await preview(b, [HEADER, [1, '王五', validId('37140219900215224'), '12345', null, '幸福路3号']]);
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatchObject({ row: 2, column: '电话' });
    expect(p.problems[0]!.message).not.toMatch(/^电话：/);
    const report = readBack(Buffer.from((await call(b, 'customers.importErrorReport', { jobId: p.jobId })).dataBase64, 'base64'));
    expect(report[1]![1]).toMatch(/^电话：/);
    expect(report[1]![1]).not.toContain('电话：电话：');
    await b.close();
  });
});
