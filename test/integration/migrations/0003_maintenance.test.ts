/**
 * 0003_maintenance: the rest of the customer record, stored grades, selection history, clean-up marks,
 * verification samples, import bookkeeping, city units. Customers from before start as 四等 (the default) with
 * every new field empty; the program's start-up recompute then grades them by what they have.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { call } from '../../helpers/backend';
import { ALL_CUSTOMERS, C, LIVE, PARTS, V, writeFixture } from '../../helpers/migrationFixture';
import { expectRowsKept, expectSound, expectWriteSurvivesCrash, newColumns, refusal, schemaOf, upgradeTo } from '../../helpers/migrations';

const K = schemaOf('0003_maintenance');
const NOW = new Date('2026-06-01T02:00:00.000Z');
const ADMIN = { actor: '站长', role: 'admin' as const };
const NEW_CUSTOMER_COLUMNS = [
  'influence',
  'referrer',
  'interests',
  'consent_at',
  'consent_source',
  'grade',
  'grade_at',
  'phone_flag',
  'address_flag',
  'verified_at',
  'verified_by',
  'merged_into',
  'delete_reason',
];

describe('migration 0003_maintenance', () => {
  it('adds the maintenance columns with their defaults, the new tables, and a grade check', async () => {
    const { dir, before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    expect(newColumns(before, after, 'customers')).toEqual(NEW_CUSTOMER_COLUMNS);
    expect(newColumns(before, after, 'villages')).toEqual(['street', 'building']);
    for (const c of after['customers']!) {
      // Every customer from before: 四等 until graded, nothing else filled in.
      expect(c['grade']).toBe(4);
      for (const col of NEW_CUSTOMER_COLUMNS.filter((x) => x !== 'grade')) expect(c[col], `${String(c['name'])}.${col}`).toBeNull();
    }
    for (const v of after['villages']!) expect([v['street'], v['building']]).toEqual([null, null]);
    for (const t of ['selection_events', 'verification_samples', 'imports']) expect(after[t]).toEqual([]);
    expect(after['usage_facts']).toHaveLength(4);
    db.read((r) => {
      const idx = r.all<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('customers_grade', 'selection_events_customer', 'verification_samples_month_village')",
      );
      expect(idx).toHaveLength(3);
    });
    expectSound(db, K);

    db.write('test.part3', PARTS[K - 1]!);
    expect(db.read((r) => r.get('SELECT influence, referrer, grade, consent_source FROM customers WHERE id = ?', [C.zhang]))).toEqual({
      influence: 5,
      referrer: '李秀英',
      grade: 2,
      consent_source: '纸质授权书',
    });
    expect(db.read((r) => r.value('SELECT merged_into FROM customers WHERE id = ?', [C.dup]))).toBe(C.zhang);

    const ts = "'2026-03-01T00:00:00.000Z'";
    expect(refusal(db, 'UPDATE customers SET grade = 0 WHERE id = ?', [C.zhang])).toMatch(/CHECK constraint failed/);
    expect(refusal(db, 'UPDATE customers SET grade = 5 WHERE id = ?', [C.zhang])).toMatch(/CHECK constraint failed/);
    expect(refusal(db, 'UPDATE customers SET grade = NULL WHERE id = ?', [C.zhang])).toMatch(/NOT NULL/);
    expect(refusal(db, `INSERT INTO selection_events (id, customer_id, at) VALUES ('x', 'nobody', ${ts})`)).toMatch(/FOREIGN KEY/);
    expect(refusal(db, `INSERT INTO verification_samples (id, month, village_id, drawn_at) VALUES ('x', '2026-03', 'nowhere', ${ts})`)).toMatch(/FOREIGN KEY/);
    // One sample per village and month.
    expect(refusal(db, `INSERT INTO verification_samples (id, month, village_id, drawn_at) VALUES ('x', '2026-02', ?, ${ts})`, [V.dongfeng])).toMatch(/UNIQUE/);
    expect(refusal(db, `INSERT INTO imports (id, kind, file_name, at) VALUES ('x', 'customers', '名单.xlsx', ${ts})`)).toBeNull();
    expectSound(db, K);
    await db.close();

    await expectWriteSurvivesCrash(
      dir,
      K,
      (w) =>
        w.run(`INSERT INTO verification_samples (id, month, village_id, drawn_at, drawn_by) VALUES ('sample-3', '2026-03', ?, ${ts}, '李主任')`, [
          V.zhangzhuang,
        ]),
      (r) => expect(r.value(`SELECT village_id FROM verification_samples WHERE id = 'sample-3'`)).toBe(V.zhangzhuang),
    );

    // Today's program: the start-up recompute grades every live customer by its data (the stored 2 of 张伟
    // was right; the rest held the default 4).
    const b = await Backend.open({ dir, now: () => NOW });
    const grades = Object.fromEntries(await Promise.all(LIVE.map(async (id) => [id, (await call(b, 'customers.get', { id }, ADMIN)).grade] as const)));
    expect(grades).toEqual({ [C.zhang]: 2, [C.li]: 3, [C.ouyang]: 3, [C.org]: 4, [C.zhao]: 4 });
    const list = await call(b, 'customers.list', { limit: 50 }, ADMIN);
    expect(list.total).toBe(LIVE.length);
    expect(list.rows.map((r) => r.id).sort()).toEqual([...LIVE].sort());
    expect(b.db.read((r) => r.value<number>('SELECT COUNT(*) FROM customers'))).toBe(ALL_CUSTOMERS.length);
    await b.close();
  });
});
