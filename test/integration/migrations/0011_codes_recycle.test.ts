/**
 * 0011_codes_recycle: 客户编号 (customers.code), who deleted a customer (customers.deleted_by, filled from the
 * maintenance history), villages not served, and 不是同一人 decisions. The SQL leaves codes empty; the program
 * fills them in at start-up from each customer's id, the same on every PC.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { derivedCode } from '../../../backend/services/customerCodes';
import { notDuplicateId } from '../../../backend/services/duplicates';
import { readCustomerCode } from '../../../shared/customerCode';
import { call } from '../../helpers/backend';
import { ALL_CUSTOMERS, C, LIVE, PARTS, V, writeFixture } from '../../helpers/migrationFixture';
import { expectRowsKept, expectSound, expectWriteSurvivesCrash, newColumns, refusal, schemaOf, upgradeTo } from '../../helpers/migrations';
import { tmpDir } from '../../helpers/tmp';

const K = schemaOf('0011_codes_recycle');
const NOW = new Date('2026-03-20T02:00:00.000Z'); // within 90 days of the fixture's deletions
const ADMIN = { actor: '站长', role: 'admin' as const };
const DERIVED = /^[A-Z][0-9]-\d{5}[0-9A-Z]$/;

const codesOf = (b: Backend) => b.db.read((r) => r.all<{ id: string; code: string | null }>('SELECT id, code FROM customers ORDER BY id'));

describe('migration 0011_codes_recycle', () => {
  it('adds the columns and table; deleted_by comes from the last delete or erase event of each deleted customer', async () => {
    const { dir, before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    expect(newColumns(before, after, 'customers')).toEqual(['code', 'deleted_by']);
    expect(newColumns(before, after, 'villages')).toEqual(['not_served_at', 'not_served_by']);
    expect(Object.keys(after).filter((t) => !(t in before))).toEqual(['customer_not_duplicates']);
    expect(after['customer_not_duplicates']).toEqual([]);
    for (const v of after['villages']!) expect([v['not_served_at'], v['not_served_by']]).toEqual([null, null]);
    // No code yet: the SQL cannot make them (the program does, below).
    expect(after['customers']!.every((c) => c['code'] === null)).toBe(true);
    const deletedBy = Object.fromEntries(after['customers']!.map((c) => [c['id'], c['deleted_by']]));
    expect(deletedBy).toEqual({
      [C.zhang]: null,
      [C.li]: null,
      [C.ouyang]: null,
      [C.org]: null,
      [C.zhao]: null, // deleted and restored: live, nobody to name
      [C.wang]: '李主任',
      [C.sun]: '李主任', // the later of its two deletions
      [C.erased]: '站长', // erased on request
      [C.dup]: null, // retired by a merge: the merge event is on the kept record (and the recycle bin leaves merged records out)
    });
    db.read((r) => {
      const idx = r.all<{ name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE name IN ('customers_code', 'customers_deleted') ORDER BY name",
      );
      expect(idx.map((i) => i.name)).toEqual(['customers_code', 'customers_deleted']);
      // Not UNIQUE: a row pulled from another PC must always be storable.
      expect(idx[0]!.sql).not.toMatch(/UNIQUE/i);
    });
    expectSound(db, K);

    db.write('test.part11', PARTS[K - 1]!);
    // Two customers with one code are stored (a pulled row); the program repairs it at the next start.
    expect(refusal(db, 'UPDATE customers SET code = ? WHERE id = ?', [derivedCode(C.zhang), C.li])).toBeNull();
    expect(refusal(db, `INSERT INTO customer_not_duplicates (id, customer_a, customer_b, decided_at) VALUES ('x', ?, 'nobody', '2026-05-03')`, [C.li])).toMatch(
      /FOREIGN KEY/,
    );
    expect(refusal(db, `INSERT INTO customer_not_duplicates (id, customer_a, customer_b, decided_at) VALUES ('x', ?, ?, NULL)`, [C.li, C.zhang])).toMatch(
      /NOT NULL/,
    );
    expectSound(db, K);
    await db.close();

    await expectWriteSurvivesCrash(
      dir,
      K,
      (w) => w.run(`UPDATE villages SET not_served_at = NULL, not_served_by = NULL WHERE id = ?`, [V.xingfu]),
      (r) => expect(r.value('SELECT not_served_at FROM villages WHERE id = ?', [V.xingfu])).toBeNull(),
    );
  });

  it('gives every customer from before 0011 its derived code at start-up, the same on every PC, shown and searchable', async () => {
    const { dir, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    await db.close();
    // A second PC with the same data (restored from the same backup, say).
    const dir2 = tmpDir('pbdb-mig11-pc2-');
    fs.cpSync(dir, dir2, { recursive: true });

    const b = await Backend.open({ dir, now: () => NOW });
    const codes = codesOf(b);
    expect(codes.map((c) => c.id).sort()).toEqual([...ALL_CUSTOMERS].sort());
    for (const c of codes) {
      expect(c.code).toBe(derivedCode(c.id)); // no clash among nine: each its first derived code
      expect(c.code).toMatch(DERIVED);
      expect(readCustomerCode(c.code!).ok).toBe(true);
    }
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    // Written once: a restart changes nothing.
    await b.close();
    const again = await Backend.open({ dir, now: () => NOW });
    expect(again.db.report.replayedRecords).toBe(0);
    expect(codesOf(again)).toEqual(codes);

    const pc2 = await Backend.open({ dir: dir2, now: () => NOW });
    expect(codesOf(pc2)).toEqual(codes);
    await pc2.close();

    // customers.list shows them and finds a customer by its code however it is typed.
    const list = await call(again, 'customers.list', { limit: 50 }, ADMIN);
    expect(list.rows.map((r) => r.id).sort()).toEqual([...LIVE].sort());
    for (const row of list.rows) expect(row.code).toBe(derivedCode(row.id));
    const liCode = derivedCode(C.li);
    for (const typed of [liCode, liCode.toLowerCase(), liCode.replace('-', ' ')]) {
      expect((await call(again, 'customers.list', { query: typed }, ADMIN)).rows.map((r) => r.id)).toEqual([C.li]);
    }
    // A customer created now numbers under this PC's own two-letter prefix, never a derived one.
    const fresh = await call(again, 'customers.create', { name: '刘洋', phone: '13705341234' }, ADMIN);
    expect(fresh.code).toMatch(/^[A-Z]{2}-\d{5}[0-9A-Z]$/);
    await again.close();
  });

  it('shows the customers deleted before 0011 in the recycle bin with who deleted them, and restores them', async () => {
    const { dir, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    await db.close();
    const b = await Backend.open({ dir, now: () => NOW });
    const bin = await call(b, 'customers.deleted', {}, ADMIN);
    // Merged and erased records are not in the bin; 王芳 and 孙丽 are, newest deletion first.
    expect(bin.rows.map((r) => [r.name, r.deletedBy, r.reason])).toEqual([
      ['孙丽', '李主任', '重复登记'],
      ['王芳', '李主任', '搬迁'],
    ]);
    expect(bin.rows.every((r) => r.blocked === null && r.code !== null)).toBe(true);
    const restored = await call(b, 'customers.restore', { id: C.wang }, ADMIN);
    expect(restored.name).toBe('王芳');
    expect(b.db.read((r) => r.get('SELECT deleted_at, deleted_by FROM customers WHERE id = ?', [C.wang]))).toEqual({ deleted_at: null, deleted_by: null });
    expect((await call(b, 'customers.deleted', {}, ADMIN)).rows.map((r) => r.name)).toEqual(['孙丽']);
    await b.close();
  });

  it('lets old villages be marked not served and old customers be marked not duplicates', async () => {
    const { dir, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    await db.close();
    const b = await Backend.open({ dir, now: () => NOW });
    for (const v of await call(b, 'villages.list', {}, ADMIN)) expect(v.notServedAt).toBeNull();
    const kpiBefore = await call(b, 'maintenance.dashboard', {}, ADMIN);
    expect(kpiBefore.totals.villagesNotServed).toBe(0);
    const marked = await call(b, 'villages.setServed', { id: V.zhangzhuang, served: false }, ADMIN);
    expect(marked.notServedBy).toBe('站长');
    const kpi = await call(b, 'maintenance.dashboard', {}, ADMIN);
    expect(kpi.totals.villagesNotServed).toBe(1);
    expect(kpi.totals.villages).toBe(kpiBefore.totals.villages - 1);
    expect(kpi.villages.map((v) => v.villageId)).not.toContain(V.zhangzhuang);

    expect(await call(b, 'customers.notDuplicate', { pairs: [{ a: C.zhao, b: C.li }] }, ADMIN)).toEqual({ marked: 1 });
    expect(b.db.read((r) => r.value('SELECT id FROM customer_not_duplicates'))).toBe(notDuplicateId(C.li, C.zhao));
    await b.close();
  });
});
