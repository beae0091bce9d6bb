import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { newId } from '../../backend/services/ids';
import { call } from '../helpers/backend';
import { validId } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';

const DAY = 86_400_000;
const SUPERVISOR = { actor: '测试主管', role: 'supervisor' as const };

/** A backend whose clock the test moves. */
async function clocked(start: Date) {
  let now = start;
  const dir = tmpDir();
  const open = () => Backend.open({ dir, create: true, now: () => now });
  return {
    open,
    set: (d: Date) => (now = d),
    get now() {
      return now;
    },
  };
}

function addSelections(b: Backend, customerId: string, dates: Date[]) {
  b.db.write('test.select', (w) => {
    for (const d of dates)
      w.run('INSERT INTO selection_events (id, customer_id, campaign_id, at) VALUES (?, ?, NULL, ?)', [newId(), customerId, d.toISOString()]);
  });
}

describe('grades in the database', () => {
  it('follows maintenance, selections and usage, and is recomputed at start-up as time passes', async () => {
    const t0 = new Date(2026, 0, 10, 9);
    const clock = await clocked(t0);
    let b = await clock.open();
    const plain = await call(b, 'customers.create', { name: '张三' });
    const user = await call(b, 'customers.create', { name: '李四' });
    b.db.write('test.usage', (w) =>
      w.run("INSERT INTO usage_facts (id, customer_id, line, product, source, created_at) VALUES (?, ?, '储蓄', '定期', '测试', ?)", [
        newId(),
        user.id,
        t0.toISOString(),
      ]),
    );
    expect((await call(b, 'customers.get', { id: plain.id })).grade).toBe(2); // just maintained
    addSelections(b, user.id, [new Date(t0.getTime() + DAY), new Date(t0.getTime() + 2 * DAY), new Date(t0.getTime() + 3 * DAY)]);
    clock.set(new Date(t0.getTime() + 5 * DAY));
    expect((await call(b, 'grades.recompute', {})).distribution).toEqual({ 1: 1, 2: 1, 3: 0, 4: 0 });
    expect((await call(b, 'customers.list', { grade: 1 })).rows.map((r) => r.name)).toEqual(['李四']);
    await b.close();

    clock.set(new Date(2027, 1, 1, 9)); // more than a year later, nothing happened since
    b = await clock.open();
    expect((await call(b, 'customers.get', { id: plain.id })).grade).toBe(4);
    expect((await call(b, 'customers.get', { id: user.id })).grade).toBe(3);
    expect((await call(b, 'customers.list', { query: '李', grade: 3 })).total).toBe(1);
    await b.close();
  });
});

describe('duplicates and merge', () => {
  it('finds a homophone at the same address (not a near name alone), and merges keeping history', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    const v = await call(b, 'villages.create', { name: '东风村' });
    const a = await call(b, 'customers.create', { name: '张三', villageId: v.id, idNumber: validId('37140219800101123'), address: '中心街1号' });
    const typo = await call(b, 'customers.create', { name: '张山', villageId: v.id, phone: '13800138000', address: '中心街1号', tags: ['教师'] });
    await call(b, 'customers.create', { name: '张珊', villageId: v.id, phone: '13900000000', idNumber: validId('37140219850101224') }); // another person
    b.db.write('test.usage', (w) =>
      w.run("INSERT INTO usage_facts (id, customer_id, line, product, source, created_at) VALUES (?, ?, '报刊', '大众日报', '测试', ?)", [
        newId(),
        typo.id,
        new Date().toISOString(),
      ]),
    );
    const groups = await call(b, 'customers.duplicates', {});
    expect(groups).toHaveLength(1);
    expect(groups[0]!.reasons).toEqual(['homophone', 'sameAddress']);
    expect(groups[0]!.customers.map((c) => c.name).sort()).toEqual(['张三', '张山']);

    const merged = await call(b, 'customers.merge', { keepId: a.id, mergeId: typo.id });
    expect(merged).toMatchObject({ name: '张三', phone: '13800138000', address: '中心街1号', tags: ['教师'] });
    expect(merged.usage.map((u) => u.product)).toEqual(['大众日报']);
    const history = await call(b, 'customers.history', { id: a.id });
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['merge', 'create']));
    expect(history.filter((h) => h.action === 'create')).toHaveLength(2); // both records' creation
    await expect(call(b, 'customers.get', { id: typo.id })).rejects.toThrow('不存在');
    expect(b.db.read((r) => r.value('SELECT merged_into FROM customers WHERE id = ?', [typo.id]))).toBe(a.id);
    expect(await call(b, 'customers.duplicates', {})).toEqual([]);
    await b.close();
  });
});

describe('clean-up', () => {
  it('lists only never-selected records with no ID, phone or usage; keep and delete are undoable', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    const bare1 = await call(b, 'customers.create', { name: '无名一', address: '某处' });
    const bare2 = await call(b, 'customers.create', { name: '无名二' });
    await call(b, 'customers.create', { name: '有电话', phone: '13800138000' });
    const selected = await call(b, 'customers.create', { name: '被选过' });
    addSelections(b, selected.id, [new Date()]);
    const list = await call(b, 'cleanup.list', {});
    expect(list.rows.map((r) => r.name).sort()).toEqual(['无名一', '无名二']);

    await call(b, 'cleanup.keep', { ids: [bare1.id] });
    expect((await call(b, 'cleanup.list', {})).rows.map((r) => r.id)).toEqual([bare2.id]);
    const del = await call(b, 'customers.deleteMany', { ids: [bare2.id], reason: '清理' });
    expect(del.deleted).toBe(1);
    expect((await call(b, 'cleanup.list', {})).total).toBe(0);
    expect((await call(b, 'stats.counts', {})).customers).toBe(3);
    expect(await call(b, 'customers.restoreBatch', { batch: del.batch })).toEqual({ restored: 1, blocked: 0 });
    expect((await call(b, 'stats.counts', {})).customers).toBe(4);
    await b.close();
  });
});

describe('maintenance dashboard and verification sample', () => {
  it('reports per-village counts, maintained share and richness against their targets', async () => {
    const now = new Date(2026, 10, 23, 10);
    const b = await Backend.open({ dir: tmpDir(), create: true, now: () => now });
    const v1 = await call(b, 'villages.create', { name: '东风村' });
    await call(b, 'villages.create', { name: '红旗村' });
    await call(b, 'customers.create', { name: '甲', villageId: v1.id, phone: '13800138000', householdType: '种植大户' });
    const old = await call(b, 'customers.create', { name: '乙', villageId: v1.id });
    b.db.write('test.age', (w) => w.run('UPDATE customers SET maintained_at = ? WHERE id = ?', [new Date(2024, 0, 1).toISOString(), old.id]));
    const dash = await call(b, 'maintenance.dashboard', {});
    const east = dash.villages.find((v) => v.name === '东风村')!;
    expect(east).toMatchObject({ customers: 2, belowMinimum: true, maintainedShare: 0.5, maintainedOk: false });
    expect(east.richness).toBeCloseTo(2 / 8 / 2); // 甲 has 2 of 8 attributes, 乙 none
    expect(dash.totals).toMatchObject({ villages: 2, customers: 2, villagesBelowMinimum: 2 });
    expect(dash.plan).toMatchObject({ quarter: 4, planShare: 1, maintainedThisYear: 1, annualTarget: 2 });

    await expect(call(b, 'settings.update', { maintenanceAnnualTarget: 1 })).rejects.toThrow('无权');
    await call(b, 'settings.update', { maintenanceAnnualTarget: 1 }, { actor: '主管', role: 'supervisor' });
    expect((await call(b, 'maintenance.dashboard', {})).plan).toMatchObject({ annualTarget: 1, onTrack: true });
    await b.close();
  });

  it('draws about 8% of villages once a month, never-verified first, and tracks completion', async () => {
    let now = new Date(2026, 10, 5, 10);
    const b = await Backend.open({ dir: tmpDir(), create: true, now: () => now });
    for (let i = 0; i < 25; i++) await call(b, 'villages.create', { name: `村${i}` });
    const first = await call(b, 'verification.draw', {});
    expect(first.targetCount).toBe(2);
    expect(first.items).toHaveLength(2);
    expect((await call(b, 'verification.draw', {})).items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    const done = await call(b, 'verification.complete', { id: first.items[0]!.id, note: '已逐户核对' });
    expect(done.items.find((i) => i.id === first.items[0]!.id)).toMatchObject({ note: '已逐户核对', doneBy: '测试营业员' });
    const dash = await call(b, 'maintenance.dashboard', {});
    expect(dash.villages.filter((v) => v.verification === 'done')).toHaveLength(1);
    expect(dash.villages.filter((v) => v.verification === 'pending')).toHaveLength(1);

    now = new Date(2026, 11, 5, 10);
    const next = await call(b, 'verification.draw', {});
    expect(next.month).toBe('2026-12');
    const before = new Set(first.items.map((i) => i.villageId));
    expect(next.items.every((i) => !before.has(i.villageId))).toBe(true);
    await b.close();
  });
});

describe('birthdays', () => {
  it('lists birthdays in the coming 7 days from ID numbers and exports only consented customers', async () => {
    const now = new Date(2026, 10, 23, 10);
    const b = await Backend.open({ dir: tmpDir(), create: true, now: () => now });
    await call(b, 'customers.create', { name: '三天后', idNumber: validId('37140219601126123'), consent: true });
    await call(b, 'customers.create', { name: '今天', idNumber: validId('37140219901123224'), consent: false });
    await call(b, 'customers.create', { name: '十天后', idNumber: validId('37140219701203123'), consent: true });
    // A birthday gives away digits 7–14 of the ID number: a supervisor's list, not a clerk's.
    await expect(call(b, 'customers.birthdays', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const rows = await call(b, 'customers.birthdays', {}, SUPERVISOR);
    expect(rows.map((r) => [r.name, r.daysUntil, r.turning])).toEqual([
      ['今天', 0, 36],
      ['三天后', 3, 66],
    ]);
    const dl = await call(b, 'customers.birthdaysExport', {}, SUPERVISOR);
    const { readBack } = await import('../helpers/sheets');
    const sheet = readBack(Buffer.from(dl.dataBase64, 'base64'));
    expect(sheet.slice(1).map((r) => r[3])).toEqual(['三天后']);
    await b.close();
  });
});

describe('merging a whole duplicate group', () => {
  it('merges all or none in one transaction', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    const a = await call(b, 'customers.create', { name: '王五' });
    const x = await call(b, 'customers.create', { name: '王伍', phone: '13800000001' });
    const y = await call(b, 'customers.create', { name: '王午', idNumber: validId('37140219800101123') });
    const z = await call(b, 'customers.create', { name: '王舞', idNumber: validId('37140219900101123') });
    // y and z carry different ID numbers: the group cannot be merged, and nothing of it may be.
    await expect(call(b, 'customers.mergeGroup', { keepId: a.id, mergeIds: [x.id, y.id, z.id] })).rejects.toThrow('两个人');
    expect((await call(b, 'stats.counts', {})).customers).toBe(4);
    const kept = await call(b, 'customers.mergeGroup', { keepId: a.id, mergeIds: [x.id, y.id] });
    expect(kept).toMatchObject({ phone: '13800000001', idNumber: y.idNumber });
    expect((await call(b, 'stats.counts', {})).customers).toBe(2);
    await b.close();
  });
});
