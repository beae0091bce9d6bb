/**
 * 0001_init on an empty folder: the four tables of a branch's first day, usable at once — rows written, the
 * checks and foreign keys in force, every write durable through the change log.
 */
import { describe, expect, it } from 'vitest';
import { C, V, writeFixture } from '../../helpers/migrationFixture';
import { columnsOf, dataTables, dump, expectSound, expectWriteSurvivesCrash, openAt, refusal, schemaOf } from '../../helpers/migrations';
import { tmpDir } from '../../helpers/tmp';

const K = schemaOf('0001_init');

describe('migration 0001_init', () => {
  it('creates a usable empty schema: tables, defaults, checks, foreign keys, durable writes', async () => {
    const dir = tmpDir('pbdb-mig0-');
    const db = await openAt(dir, K);
    expect(db.report.created).toBe(true);
    expect(db.report.migrated).toEqual(['0001_init']);
    db.read((r) => {
      expect(dataTables(r)).toEqual(['customers', 'maintenance_events', 'settings', 'villages']);
      for (const t of dataTables(r)) expect(r.value(`SELECT COUNT(*) FROM ${t}`)).toBe(0);
      expect(columnsOf(r, 'customers')).toContain('selection_count');
    });
    expectSound(db, K);

    // Defaults: a customer given only what the form requires.
    db.write('test', (w) =>
      w.run(`INSERT INTO customers (id, name, created_at, updated_at) VALUES ('c-min', '刘洋', '2025-03-02T00:00:00.000Z', '2025-03-02T00:00:00.000Z')`),
    );
    expect(db.read((r) => r.get(`SELECT kind, tags, consent, selection_count, deleted_at FROM customers WHERE id = 'c-min'`))).toEqual({
      kind: 'person',
      tags: '[]',
      consent: 0,
      selection_count: 0,
      deleted_at: null,
    });
    db.write('test', (w) =>
      w.run(`INSERT INTO villages (id, name, created_at, updated_at) VALUES ('v-min', '小王庄', '2025-03-02T00:00:00.000Z', '2025-03-02T00:00:00.000Z')`),
    );
    expect(db.read((r) => r.value(`SELECT kind FROM villages WHERE id = 'v-min'`))).toBe('village');
    db.write('test', (w) => {
      w.run(`DELETE FROM customers WHERE id = 'c-min'`);
      w.run(`DELETE FROM villages WHERE id = 'v-min'`);
    });

    db.write('test.seed', (w) => writeFixture(w, K));
    const seeded = dump(db);
    expect(seeded['customers']!.map((c) => c['name'])).toContain('欧阳娜');
    expect(seeded['villages']).toHaveLength(4);

    const ts = "'2025-03-02T00:00:00.000Z'";
    // CHECKs.
    expect(refusal(db, `INSERT INTO customers (id, kind, name, created_at, updated_at) VALUES ('x', 'family', '某家', ${ts}, ${ts})`)).toMatch(
      /CHECK constraint failed/,
    );
    expect(refusal(db, `INSERT INTO customers (id, name, sex, created_at, updated_at) VALUES ('x', '某人', '男', ${ts}, ${ts})`)).toMatch(
      /CHECK constraint failed/,
    );
    expect(refusal(db, `INSERT INTO villages (id, name, kind, created_at, updated_at) VALUES ('x', '某村', 'city', ${ts}, ${ts})`)).toMatch(
      /CHECK constraint failed/,
    );
    // NOT NULL.
    expect(refusal(db, `INSERT INTO customers (id, name, created_at, updated_at) VALUES ('x', NULL, ${ts}, ${ts})`)).toMatch(/NOT NULL/);
    // Foreign keys.
    expect(refusal(db, `INSERT INTO customers (id, name, village_id, created_at, updated_at) VALUES ('x', '某人', 'no-such-village', ${ts}, ${ts})`)).toMatch(
      /FOREIGN KEY/,
    );
    expect(refusal(db, `INSERT INTO maintenance_events (id, customer_id, at, action) VALUES ('x', 'no-such-customer', ${ts}, 'edit')`)).toMatch(/FOREIGN KEY/);
    expect(refusal(db, `DELETE FROM villages WHERE id = ?`, [V.dongfeng])).toMatch(/FOREIGN KEY/);
    // One live village per official code; a deleted one frees its code.
    expect(refusal(db, `INSERT INTO villages (id, code, name, created_at, updated_at) VALUES ('x', '371402101201', '东风村', ${ts}, ${ts})`)).toMatch(/UNIQUE/);
    expect(refusal(db, `INSERT INTO villages (id, code, name, created_at, updated_at) VALUES ('x', '371402101202', '红旗村', ${ts}, ${ts})`)).toBeNull();
    expect(dump(db)).toEqual(seeded);
    expectSound(db, K);
    await db.close();

    await expectWriteSurvivesCrash(
      dir,
      K,
      (w) => w.run(`UPDATE customers SET phone = '13805349999', notes = '换了新号码' WHERE id = ?`, [C.zhang]),
      (r) => expect(r.get('SELECT phone, notes FROM customers WHERE id = ?', [C.zhang])).toEqual({ phone: '13805349999', notes: '换了新号码' }),
    );
  });
});
