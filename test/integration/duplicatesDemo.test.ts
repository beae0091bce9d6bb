/**
 * 重复客户 on the demo branch (3,000 customers in the villages of two towns): the list must hold plausible
 * duplicates only — not every 赵伟 / 赵红 of one village — while the real duplicates a clerk would make are still
 * found, each with the reason it was proposed; 不是同一人 keeps a pair from coming back, across restarts and PCs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { newId } from '../../backend/services/ids';
import { BRANCH_SCHEMA } from '../../shared/branchSchema';
import { DUPLICATE_REASON_LABELS, type DuplicateGroup } from '../../shared/domain';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: '测试管理员', role: 'admin' as const };

interface Row {
  id: string;
  name: string;
  id_number: string | null;
  phone: string | null;
  village_id: string;
  address: string;
}

const pairOf = (groups: DuplicateGroup[], a: string, b: string) =>
  groups.find((g) => g.customers.some((c) => c.id === a) && g.customers.some((c) => c.id === b));
/** A name one character off: the last character swapped for another (张伟 → 张芳). */
const typo = (name: string) => name.slice(0, -1) + (name.endsWith('芳') ? '伟' : '芳');

describe('duplicates on the demo branch', () => {
  const dir = tmpDir();
  let b: Backend;
  let sample: Row[];

  beforeAll(async () => {
    b = await Backend.open({ dir, create: true });
    await call(b, 'setup.loadDemo', {}, ADMIN);
    sample = b.db.read((r) =>
      r.all<Row>(
        'SELECT id, name, id_number, phone, village_id, address FROM customers WHERE id_number IS NOT NULL AND phone IS NOT NULL AND length(name) = 3 ORDER BY id LIMIT 4',
      ),
    );
  });
  afterAll(async () => {
    await b?.close();
  });

  it('proposes plausible duplicates only: not near names of one village at different addresses', async () => {
    const groups = await call(b, 'customers.duplicates', {});
    // The demo data has no real duplicates; the old rule (similar names in one village) proposed 89 groups here.
    expect(groups.length).toBeLessThanOrEqual(3);
    for (const g of groups) expect(g.reasons.some((r) => r === 'idNumber' || r === 'mobile' || r === 'sameAddress')).toBe(true);
    // The demo has pairs the old rule paired: one village, one character apart, different addresses, nothing shared.
    const nearPairs = b.db.read((r) =>
      r.value<number>(
        `SELECT COUNT(*) FROM customers a JOIN customers b ON a.village_id = b.village_id AND a.id < b.id
         WHERE length(a.name) = length(b.name) AND length(a.name) >= 2 AND substr(a.name, 1, length(a.name) - 1) = substr(b.name, 1, length(b.name) - 1)
           AND a.name <> b.name AND a.address <> b.address`,
      ),
    );
    expect(nearPairs).toBeGreaterThan(20);
  });

  it('still finds planted duplicates: same ID, same mobile with a near-identical name, same name and address', async () => {
    const [p1, p2, p3, p4] = sample;
    // Same ID number: a record a second PC made for the same person before the two synced (the form refuses it here).
    const sameId = newId();
    b.db.write('test.plant', (w) =>
      w.run(`INSERT INTO customers (id, name, id_number, village_id, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        sameId,
        typo(p1!.name),
        p1!.id_number,
        p1!.village_id,
        '另一条街9号',
        new Date().toISOString(),
        new Date().toISOString(),
      ]),
    );
    const samePhone = await call(b, 'customers.create', { name: typo(p2!.name), phone: p2!.phone, villageId: p2!.village_id });
    const sameHouse = await call(b, 'customers.create', { name: p3!.name, villageId: p3!.village_id, address: p3!.address });
    // Not a duplicate: one character off, another address, no phone or ID number in common.
    const sibling = await call(b, 'customers.create', { name: typo(p4!.name), villageId: p4!.village_id, address: '村东路199号' });

    const groups = await call(b, 'customers.duplicates', {});
    expect(pairOf(groups, p1!.id, sameId)?.reasons[0]).toBe('idNumber');
    expect(pairOf(groups, p2!.id, samePhone.id)?.reasons).toEqual(['mobile', 'nearName']);
    expect(pairOf(groups, p3!.id, sameHouse.id)?.reasons).toEqual(['sameName', 'sameAddress']);
    expect(pairOf(groups, p4!.id, sibling.id)).toBeUndefined();
    // What the screen shows as the reason.
    expect(pairOf(groups, p2!.id, samePhone.id)!.reasons.map((r) => DUPLICATE_REASON_LABELS[r])).toEqual(['同手机号', '姓名差一字']);
  });

  it('never proposes a pair again once a clerk said 不是同一人, also after a restart', async () => {
    const p3 = sample[2]!;
    const groups = await call(b, 'customers.duplicates', {});
    const g = groups.find((x) => x.customers.some((c) => c.id === p3.id))!;
    const before = groups.length;
    expect(await call(b, 'customers.notDuplicate', { pairs: g.pairs.map(({ a, b: other }) => ({ a, b: other })) })).toEqual({ marked: g.pairs.length });
    // Marking again changes nothing: one row per pair, the same id on every PC.
    expect(await call(b, 'customers.notDuplicate', { pairs: [{ a: g.pairs[0]!.b, b: g.pairs[0]!.a }] })).toEqual({ marked: 0 });
    expect((await call(b, 'customers.duplicates', {})).length).toBe(before - 1);
    await b.close();
    b = await Backend.open({ dir });
    const again = await call(b, 'customers.duplicates', {});
    expect(again.some((x) => x.customers.some((c) => c.id === p3.id))).toBe(false);
    // A data table like the customers it names: it goes to the hub, and from there to the other PCs.
    expect(BRANCH_SCHEMA.tables['customer_not_duplicates']).toBeDefined();
    expect(b.db.read((r) => r.value('SELECT decided_by FROM customer_not_duplicates LIMIT 1'))).toBe('测试营业员');
  });
});
