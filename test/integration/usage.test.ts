/**
 * Extracts from the business systems matched to customers (issue 11): each matching rule, a near miss that must
 * not match, idempotent re-import, grades (四等 → 三等 on an automatic match, → 二等 when a clerk confirms),
 * and the CLI's output and refusals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { call } from '../helpers/backend';
import { cli } from '../helpers/cli';
import { validId, xlsOf, xlsxOf } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';

const ID_ZHANG = validId('37140219800101123');
const ID_ZHOU = validId('37140219550505331');
const ID_OTHER = validId('37142319751130001');

interface Branch {
  db: string;
  ids: Record<string, string>;
}

/**
 * Two villages and the customers each rule needs. 周八 was never maintained (四等): imported long ago and
 * untouched since, which the test states directly rather than waiting a year.
 */
async function branch(): Promise<Branch> {
  const db = path.join(tmpDir('pbdb-usage-'), 'db');
  const b = await Backend.open({ dir: db, create: true });
  const dongfeng = await call(b, 'villages.create', { name: '东风村' });
  const hongqi = await call(b, 'villages.create', { name: '红旗村' });
  const add = async (name: string, fields: Record<string, unknown>) => (await call(b, 'customers.create', { name, ...fields })).id;
  const ids: Record<string, string> = {
    zhang: await add('张三', { idNumber: ID_ZHANG, villageId: dongfeng.id }),
    li: await add('李四', { phone: '13900139000', villageId: hongqi.id }),
    wang: await add('王五', { villageId: dongfeng.id, groupName: '3组', address: '12号' }),
    zhao: await add('赵六', { villageId: dongfeng.id, phone: '13700137000', address: '中心街8号' }),
    sunA: await add('孙七', { villageId: dongfeng.id, address: '幸福路1号' }),
    sunB: await add('孙七', { villageId: dongfeng.id, address: '幸福路9号' }),
    zhou: await add('周八', { idNumber: ID_ZHOU, villageId: hongqi.id, groupName: '二组', address: '建设路5号' }),
  };
  b.db.write('test.neverMaintained', (w) => w.run('UPDATE customers SET maintained_at = NULL, maintained_by = NULL WHERE id = ?', [ids['zhou']!]));
  await call(b, 'grades.recompute', {});
  await b.close();
  return { db, ids };
}

const HEADER = ['客户姓名', '证件号码', '手机号码', '所属村', '地址', '储种', '开户日期', '最近交易日期', '余额'];

function savingsExtract(): (string | number | null)[][] {
  return [
    ['邮储银行 2026年第一季度储蓄客户提取'],
    HEADER,
    ['张三', ID_ZHANG, null, null, null, '定期', '2019-03-01', '2026-03-20', '86,500.00'], // row 3: ID number
    ['李四', null, '139 0013 9000', null, '山东省德州市德城区某镇', '活期', null, '2026-02-11', 800], // row 4: mobile + name
    ['王五', null, null, '东风村委会', '山东省德州市德城区黄河涯镇东风村三组１２号', '活期', null, '2026/1/5', '3.2万'], // row 5: name + address
    ['赵六', null, '13600136000', '红旗村', '红旗村5组2号', '活期', null, '2026-03-01', null], // row 6: near miss
    ['孙七', null, null, '东风村', null, '活期', null, '2026-03-02', null], // row 7: two 孙七 in 东风村
    ['周八', ID_ZHOU, null, null, null, '定期', null, '2026-03-15', 250000], // row 8: never maintained
  ];
}

function write(rows: (string | number | null)[][], name = '储蓄提取.xlsx'): string {
  const file = path.join(tmpDir('pbdb-usage-file-'), name);
  fs.writeFileSync(file, name.endsWith('.xls') ? xlsOf(rows) : xlsxOf(rows));
  return file;
}

type Counts = { matched: number; queued: number; unmatched: number; facts: number };

async function importUsage(db: string, file: string, ...extra: string[]): Promise<Counts> {
  const res = await cli('import', 'usage', file, '--db', db, '--json', ...extra);
  expect(res.err).toBe('');
  expect(res.code).toBe(0);
  return JSON.parse(res.out) as Counts;
}

describe('usage extract import', () => {
  it('matches by ID number, by mobile + name and by name + address within the village; queues the rest', async () => {
    const { db, ids } = await branch();
    const counts = await importUsage(db, write(savingsExtract()), '--line', '储蓄');
    expect(counts).toEqual({ matched: 4, queued: 1, unmatched: 1, facts: 4 });

    const b = await Backend.open({ dir: db });
    const factsOf = (id: string) =>
      b.db.read((r) =>
        r.all<{ line: string; product: string; first_date: string; last_date: string; amount_band: string | null; source: string }>(
          'SELECT * FROM usage_facts WHERE customer_id = ?',
          [id],
        ),
      );
    expect(factsOf(ids['zhang']!)).toEqual([
      expect.objectContaining({
        line: '储蓄',
        product: '定期',
        first_date: '2019-03-01',
        last_date: '2026-03-20',
        amount_band: '5万–20万',
        source: expect.stringContaining('业务系统导入'),
      }),
    ]);
    expect(factsOf(ids['li']!)).toEqual([expect.objectContaining({ product: '活期', amount_band: '1千以下' })]);
    // 三组１２号 (Chinese numeral, full-width digits) is the 3组 12号 on record; 东风村委会 is 东风村.
    expect(factsOf(ids['wang']!)).toEqual([expect.objectContaining({ product: '活期', last_date: '2026-01-05', amount_band: '1万–5万' })]);
    // Near miss: same name, different village and phone — not 赵六 of 东风村.
    expect(factsOf(ids['zhao']!)).toEqual([]);
    expect(factsOf(ids['sunA']!)).toEqual([]);
    expect(factsOf(ids['sunB']!)).toEqual([]);
    // Amounts are kept as bands only: no balance anywhere in the database.
    const everything = JSON.stringify(b.db.read((r) => [r.all('SELECT * FROM usage_facts'), r.all('SELECT * FROM usage_queue')]));
    expect(everything).not.toMatch(/86500|86,500|250000/);

    const queue = await call(b, 'usage.queue', {});
    expect(queue.counts).toMatchObject({ pending: 2, ambiguous: 1, unmatched: 1 });
    const sun = queue.rows.find((r) => r.name === '孙七')!;
    expect(sun).toMatchObject({ candidates: 2, bestScore: 60, rowNumber: 7 });
    const zhao = queue.rows.find((r) => r.name === '赵六')!;
    expect(zhao.bestScore).toBeLessThan(40);
    const detail = await call(b, 'usage.queueEntry', { id: zhao.id });
    expect(detail.candidates[0]).toMatchObject({ customerId: ids['zhao'], agree: { name: 'same', phone: 'differs', village: 'differs' } });
    await b.close();
  });

  it('changes nothing when the same extract is imported again (or as .xls, or on another day)', async () => {
    const { db } = await branch();
    const rows = savingsExtract();
    await importUsage(db, write(rows), '--line', '储蓄');
    const snapshot = async () => {
      const b = await Backend.open({ dir: db });
      const s = b.db.read((r) => ({
        facts: r.all('SELECT * FROM usage_facts ORDER BY id'),
        queue: r.all('SELECT * FROM usage_queue ORDER BY id'),
        grades: r.all('SELECT id, grade FROM customers ORDER BY id'),
      }));
      await b.close();
      return s;
    };
    const before = await snapshot();
    expect(await importUsage(db, write(rows), '--line', '储蓄')).toEqual({ matched: 4, queued: 1, unmatched: 1, facts: 0 });
    expect(await importUsage(db, write(rows, '储蓄提取.xls'), '--line', '邮储', '--date', '2026-12-31')).toMatchObject({ facts: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('lifts a never-maintained customer from 四等 to 三等 on an automatic match, and to 二等 when a clerk confirms a queue entry', async () => {
    const { db, ids } = await branch();
    const open = () => Backend.open({ dir: db });
    let b = await open();
    expect(await call(b, 'customers.get', { id: ids['zhou']! })).toMatchObject({ grade: 4, maintainedAt: null });
    await b.close();

    await importUsage(db, write(savingsExtract()), '--line', '储蓄');
    b = await open();
    // An automatic match is not maintenance: usage, hence 三等, but still never maintained.
    expect(await call(b, 'customers.get', { id: ids['zhou']! })).toMatchObject({ grade: 3, maintainedAt: null });
    await b.close();

    // An insurance extract names 周八 without an ID number and with another address: a candidate, not a match.
    const insurance = write(
      [
        ['投保人', '联系电话', '村', '地址', '险种'],
        ['周八', null, '红旗村', '红旗村2组7号', '意外险'],
      ],
      '保险.xlsx',
    );
    expect(await importUsage(db, insurance, '--line', '保险')).toEqual({ matched: 0, queued: 1, unmatched: 0, facts: 0 });
    b = await open();
    const entry = (await call(b, 'usage.queue', { line: '保险' })).rows[0]!;
    const detail = await call(b, 'usage.queueEntry', { id: entry.id });
    expect(detail.candidates[0]).toMatchObject({ customerId: ids['zhou'], agree: { name: 'same', village: 'same', address: 'differs' } });
    const decision = await call(b, 'usage.queuePick', { id: entry.id, customerId: ids['zhou']! });
    expect(decision).toMatchObject({ status: 'picked', factsAdded: 1 });
    const zhou = await call(b, 'customers.get', { id: ids['zhou']! });
    expect(zhou).toMatchObject({ grade: 2, maintainedBy: '测试营业员' });
    expect(zhou.usage.map((u) => `${u.line}/${u.product}`).sort()).toEqual(['保险/意外险', '储蓄/定期']);
    const audit = await call(b, 'audit.list', { action: 'usage.pick' }, { actor: 'admin', role: 'admin' });
    expect(audit.rows[0]).toMatchObject({ actor: '测试营业员', targetIds: [entry.id, ids['zhou']] });
    await b.close();

    // The clerk's decision is remembered: the same row next time goes to the same customer without a queue entry.
    expect(await importUsage(db, insurance, '--line', '保险')).toEqual({ matched: 1, queued: 0, unmatched: 0, facts: 0 });
  });

  it('reads GBK CSV and finds the line in the file name when --line is not given', async () => {
    const { db, ids } = await branch();
    const file = path.join(tmpDir(), '2026Q1_EMS特快专递客户.csv');
    // "姓名,手机,寄递日期\r\n李四,13900139000,2026-03-30\r\n" in GBK (GB18030 for these characters).
    fs.writeFileSync(file, Buffer.from('d0d5c3fb2ccad6bbfa2cbcc4b5ddc8d5c6da0d0ac0eecbc42c31333930303133393030302c323032362d30332d33300d0a', 'hex'));
    expect(await importUsage(db, file)).toEqual({ matched: 1, queued: 0, unmatched: 0, facts: 1 });
    const b = await Backend.open({ dir: db });
    expect((await call(b, 'customers.get', { id: ids['li']! })).usage).toEqual([expect.objectContaining({ line: '特快', lastDate: '2026-03-30' })]);
    await b.close();
  });

  it('refuses a file whose line or columns it cannot recognise, with a clear message and a non-zero exit', async () => {
    const { db } = await branch();
    const unknownLine = await cli('import', 'usage', write(savingsExtract()), '--db', db, '--line', '基金', '--json');
    expect(unknownLine.code).toBe(1);
    expect(unknownLine.err).toContain('无法识别业务类别“基金”');
    expect(unknownLine.err).toContain('储蓄、保险');

    // Without --line, a line column, or a line in the file name or title there is nothing to go on (the title row
    // of savingsExtract would name 储蓄, so it is left out here).
    const noLine = await cli('import', 'usage', write(savingsExtract().slice(1), '2026一季度.xlsx'), '--db', db, '--json');
    expect(noLine.code).toBe(1);
    expect(noLine.err).toContain('无法识别“2026一季度.xlsx”的业务类别');

    const noColumns = await cli(
      'import',
      'usage',
      write([
        ['编号', '数值'],
        [1, 2],
      ]),
      '--db',
      db,
      '--line',
      '储蓄',
      '--json',
    );
    expect(noColumns.code).toBe(1);
    expect(noColumns.err).toContain('无法识别');
    expect(noColumns.err).toContain('姓名');

    const missingDb = await cli('import', 'usage', 'x.xlsx', '--line', '储蓄');
    expect(missingDb.code).toBe(2);
    // Nothing was written by any refused import.
    const b = await Backend.open({ dir: db });
    expect(b.db.read((r) => [r.value('SELECT COUNT(*) FROM usage_imports'), r.value('SELECT COUNT(*) FROM usage_queue')])).toEqual([0, 0]);
    await b.close();
  });

  it('matches an old 15-digit ID number in the extract with the customer stored under its 18-digit form', async () => {
    const { db, ids } = await branch();
    // 371402800101123 is ID_ZHANG before 1999: GB 11643 inserts 19 before the year and adds the check digit.
    const rows = [HEADER, ['张三', '371402800101123', null, null, null, '定期', null, '2026-03-20', null]];
    expect(await importUsage(db, write(rows), '--line', '储蓄')).toEqual({ matched: 1, queued: 0, unmatched: 0, facts: 1 });
    const b = await Backend.open({ dir: db });
    expect(b.db.read((r) => r.value('SELECT COUNT(*) FROM usage_facts WHERE customer_id = ?', [ids['zhang']!]))).toBe(1);
    await b.close();
  });

  it('never matches a candidate whose ID number differs, and lists the queue on the command line', async () => {
    const { db, ids } = await branch();
    const b = await Backend.open({ dir: db });
    const wang = await call(b, 'customers.get', { id: ids['wang']! });
    await call(b, 'customers.update', {
      id: wang.id,
      fields: { name: wang.name, idNumber: validId('37140219700707777'), villageId: wang.villageId, groupName: wang.groupName, address: wang.address },
    });
    await b.close();
    // Same name, village and address as 王五, but the extract's ID number is someone else's: same name, different person.
    const rows = [HEADER, ['王五', ID_OTHER, null, '东风村', '东风村3组12号', '活期', null, '2026-03-01', null]];
    expect(await importUsage(db, write(rows), '--line', '储蓄')).toEqual({ matched: 0, queued: 0, unmatched: 1, facts: 0 });

    const list = await cli('usage', 'queue', '--db', db, '--json');
    expect(list.code).toBe(0);
    const queue = JSON.parse(list.out) as { total: number; entries: { name: string; idNumber: string; candidates: number; status: string }[] };
    expect(queue.total).toBe(1);
    expect(queue.entries[0]).toMatchObject({ name: '王五', idNumber: ID_OTHER, candidates: 0, status: 'pending' });
  });
});
