/**
 * The review queue (勾挑核对) and the libraries: a clerk's decisions complete the record, resolve the same
 * person's other rows, are audited and can be undone where that makes sense; libraries count by rule and the
 * collection plan shows progress.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { call } from '../helpers/backend';
import { validId, xlsxOf } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: 'admin', role: 'admin' as const };
const ID_NEW = validId('37140219881212445');

async function importRows(b: Backend, rows: (string | number | null)[][], line: string, fileName = '提取.xlsx') {
  const { jobId } = await call(b, 'usage.importStart', { fileName, dataBase64: xlsxOf(rows).toString('base64'), line });
  for (let s = await call(b, 'jobs.get', { id: jobId }); s.state !== 'done'; s = await call(b, 'jobs.get', { id: jobId })) {
    if (s.state !== 'running') throw new Error(s.error?.message ?? s.phase);
    await new Promise((r) => setTimeout(r, 5));
  }
  const preview = await call(b, 'usage.importPreview', { jobId });
  return { preview, result: await call(b, 'usage.importCommit', { jobId }), jobId };
}

async function open(): Promise<{ b: Backend; village: string }> {
  const b = await Backend.open({ dir: path.join(tmpDir('pbdb-uq-'), 'db'), create: true });
  const v = await call(b, 'villages.create', { name: '东风村' });
  return { b, village: v.id };
}

describe('review queue', () => {
  it('picks a candidate, fills the empty fields from the row and resolves the same person’s other rows', async () => {
    const { b, village } = await open();
    const wang = await call(b, 'customers.create', { name: '王五', villageId: village, groupName: '3组', address: '12号' });
    await call(b, 'customers.create', { name: '王五', villageId: village, groupName: '5组' });
    const rows = [
      ['姓名', '身份证号', '手机', '村', '地址', '产品'],
      ['王五', ID_NEW, '13811112222', '东风村', null, '定期'],
      ['王五', ID_NEW, '13811112222', '东风村', null, '理财'],
    ];
    const { preview, result } = await importRows(b, rows, '储蓄');
    expect(preview).toMatchObject({ matched: 0, queued: 2, unmatched: 0, line: '储蓄' });
    expect(result).toMatchObject({ queued: 2, facts: 0 });
    const page = await call(b, 'usage.queue', {});
    expect(page.total).toBe(2);
    const detail = await call(b, 'usage.queueEntry', { id: page.rows[0]!.id });
    expect(detail.entry.sameSource).toBe(1);
    expect(detail.candidates).toHaveLength(2);
    // A clerk sees the ID number masked, in the queue as everywhere.
    expect(detail.entry.idNumber).toMatch(/^3714\*+/);

    const decision = await call(b, 'usage.queuePick', { id: page.rows[0]!.id, customerId: wang.id });
    expect(decision).toMatchObject({ alsoResolved: 1, factsAdded: 2, filled: ['id_number', 'birth_date', 'sex', 'phone'] });
    const after = await call(b, 'customers.get', { id: wang.id }, ADMIN);
    expect(after).toMatchObject({ idNumber: ID_NEW, phone: '13811112222', birthDate: '1988-12-12', address: '12号', grade: 2 });
    expect(after.usage.map((u) => u.product).sort()).toEqual(['定期', '理财']);
    expect((await call(b, 'customers.history', { id: wang.id }))[0]).toMatchObject({
      action: 'usage-check',
      fields: ['usage', 'id_number', 'birth_date', 'sex', 'phone'],
    });
    expect((await call(b, 'usage.queue', {})).total).toBe(0);
    // Deciding twice (a second window, a double key press) is refused, not applied again.
    await expect(call(b, 'usage.queuePick', { id: page.rows[1]!.id, customerId: wang.id })).rejects.toThrow('该记录已处理');

    // A deletion request (个人信息删除) also empties the extract rows matched to the person.
    await call(b, 'customers.erase', { id: wang.id, reason: '本人申请' }, ADMIN);
    const left = b.db.read((r) => r.all('SELECT name, id_number, phone FROM usage_queue'));
    expect(left).toEqual([
      { name: '（已删除）', id_number: null, phone: null },
      { name: '（已删除）', id_number: null, phone: null },
    ]);
    await b.close();
  });

  it('creates a customer from a row with no candidate, and discards with a reason that can be undone', async () => {
    const { b, village } = await open();
    const rows = [
      ['户名', '联系电话', '地址', '缴费项目', '缴费日期', '缴费金额'],
      ['钱九', '0534-2345678', '东风村7组3号', '电费', '2026-02-01', 120],
      ['外地人', '13922223333', '北京市朝阳区', '话费', '2026-02-02', 50],
    ];
    await importRows(b, rows, '代收费');
    const page = await call(b, 'usage.queue', { kind: 'unmatched' });
    expect(page.rows.map((r) => r.name).sort()).toEqual(['外地人', '钱九']);
    const qian = page.rows.find((r) => r.name === '钱九')!;
    const created = await call(b, 'usage.queueCreate', { id: qian.id });
    const c = await call(b, 'customers.get', { id: created.customerId! });
    expect(c).toMatchObject({
      name: '钱九',
      landline: '0534-2345678',
      villageId: village,
      address: '东风村7组3号',
      consent: false,
      grade: 2,
      source: '业务系统导出（代收费）',
    });
    expect(c.usage).toEqual([expect.objectContaining({ line: '代收费', product: '电费', amountBand: '1千以下', lastDate: '2026-02-01' })]);

    const other = page.rows.find((r) => r.name === '外地人')!;
    await expect(call(b, 'usage.queueDiscard', { id: other.id, reason: ' ' })).rejects.toThrow('请选择驳回原因');
    await call(b, 'usage.queueDiscard', { id: other.id, reason: '非本网点客户' });
    expect((await call(b, 'usage.queue', { status: 'resolved' })).rows.map((r) => [r.name, r.status, r.reason])).toEqual(
      expect.arrayContaining([
        ['外地人', 'discarded', '非本网点客户'],
        ['钱九', 'created', null],
      ]),
    );
    // Importing the file again: the new customer is matched by the earlier decision, the discarded row stays out.
    const again = await importRows(b, rows, '代收费');
    expect(again.preview).toMatchObject({ matched: 1, decidedBefore: 1, discardedBefore: 1, queued: 0, unmatched: 0 });
    expect(again.result.facts).toBe(0);
    await call(b, 'usage.queueReopen', { id: other.id });
    expect((await call(b, 'usage.queue', {})).rows.map((r) => r.name)).toEqual(['外地人']);
    const audit = await call(b, 'audit.list', { action: 'usage' }, ADMIN);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['usage.create', 'usage.discard', 'usage.reopen', 'usage.import']));
    await b.close();
  });

  it('refuses a carrier, and explains an unknown line in the UI call', async () => {
    const { b } = await open();
    await expect(call(b, 'usage.queue', {}, { actor: 'c', role: 'carrier' })).rejects.toThrow('无权');
    const { jobId } = await call(b, 'usage.importStart', { fileName: 'x.xlsx', dataBase64: xlsxOf([['姓名'], ['张三']]).toString('base64'), line: '期货' });
    await new Promise((r) => setTimeout(r, 50));
    const s = await call(b, 'jobs.get', { id: jobId });
    expect(s).toMatchObject({ state: 'failed', error: { message: expect.stringContaining('无法识别业务类别“期货”') } });
    await b.close();
  });
});

describe('libraries and the collection plan', () => {
  it('counts line and special-group libraries by rule and shows the plan’s progress', async () => {
    const { b, village } = await open();
    await call(b, 'customers.create', { name: '李老师', villageId: village, tags: ['教师'], idNumber: validId('37140219700101123') });
    await call(b, 'customers.create', { name: '张老师', villageId: village, tags: ['教师'], householdType: '种植大户' });
    await importRows(
      b,
      [
        ['姓名', '身份证号', '刊名'],
        ['李老师', validId('37140219700101123'), '半月谈'],
      ],
      '报刊',
    );
    const libs = await call(b, 'usage.libraries', {});
    expect(libs.find((l) => l.name === '教师')).toMatchObject({ kind: 'group', count: 2, builtin: true });
    expect(libs.find((l) => l.name === '报刊客户')).toMatchObject({ kind: 'line', count: 1 });
    expect(libs.filter((l) => l.kind === 'group').map((l) => l.name)).toEqual([
      '公务精英',
      '医生护士',
      '教师',
      '初高中毕业生',
      '夕阳红',
      '私家车主',
      '打工族',
      '民营企业家',
    ]);

    const added = await call(b, 'usage.librarySave', { name: '种植大户教师', tag: '教师', householdTypes: ['种植大户'] });
    const mine = added.find((l) => l.name === '种植大户教师')!;
    expect(mine).toMatchObject({ count: 1, builtin: false });
    expect((await call(b, 'usage.libraryMembers', { id: mine.id })).rows.map((r) => r.name)).toEqual(['张老师']);
    await expect(call(b, 'usage.librarySave', { name: '教师', tag: 'x' })).rejects.toThrow('已有名为“教师”的客户库');
    await expect(call(b, 'usage.libraryDelete', { id: libs.find((l) => l.name === '教师')!.id })).rejects.toThrow('内置');

    const year = new Date().getFullYear();
    const plan = await call(b, 'usage.planDefault', { year, target: 2 });
    expect(plan).toHaveLength(8);
    expect(plan.find((p) => p.libraryName === '教师')).toMatchObject({ startQuarter: 1, endQuarter: 2, target: 2, count: 2, state: 'done' });
    await expect(call(b, 'usage.planDefault', { year, target: 2 })).rejects.toThrow('已有采集计划');
    const edited = await call(b, 'usage.planSave', {
      year,
      items: [
        ...plan.map((p) => ({ libraryId: p.libraryId, startQuarter: p.startQuarter, endQuarter: p.endQuarter, target: p.target })),
        { libraryId: mine.id, startQuarter: 4, endQuarter: 4, target: 10 },
      ],
    });
    expect(edited).toHaveLength(9);
    await expect(call(b, 'usage.planSave', { year, items: [{ libraryId: mine.id, startQuarter: 3, endQuarter: 2, target: 1 }] })).rejects.toThrow(
      '开始季度晚于结束季度',
    );
    const summary = await call(b, 'usage.summary', {});
    expect(summary.plan.items).toHaveLength(9);
    expect(summary.queue).toMatchObject({ pending: 0, oldestAt: null });
    await b.close();
  });
});
