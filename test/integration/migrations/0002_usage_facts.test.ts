/**
 * 0002_usage_facts: usage information as facts. A branch's customers, villages and history from 0001 stay as
 * they were; the new table takes facts for them at once and only for customers that exist; the app then reads
 * them in the customer's 用邮信息 and grades by them.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { call } from '../../helpers/backend';
import { C, PARTS, writeFixture } from '../../helpers/migrationFixture';
import { columnsOf, dataTables, expectRowsKept, expectSound, expectWriteSurvivesCrash, refusal, schemaOf, upgradeTo } from '../../helpers/migrations';

const K = schemaOf('0002_usage_facts');
const NOW = new Date('2026-06-01T02:00:00.000Z');
const ADMIN = { actor: '站长', role: 'admin' as const };

describe('migration 0002_usage_facts', () => {
  it('adds usage_facts beside the untouched 0001 data; facts refer to real customers and drive grades', async () => {
    const { dir, before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), 'usage_facts'].sort());
    expect(after['usage_facts']).toEqual([]);
    db.read((r) => {
      expect(dataTables(r)).toContain('usage_facts');
      expect(columnsOf(r, 'usage_facts')).toEqual(['id', 'customer_id', 'line', 'product', 'first_date', 'last_date', 'amount_band', 'source', 'created_at']);
      const indexes = r
        .all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage_facts' ORDER BY name")
        .map((x) => x.name);
      expect(indexes).toEqual(['sqlite_autoindex_usage_facts_1', 'usage_facts_customer', 'usage_facts_line']);
    });
    expectSound(db, K);

    // Usable at once: the facts the program of that time would write for the customers from 0001.
    db.write('test.part2', PARTS[K - 1]!);
    expect(db.read((r) => r.all('SELECT customer_id, line, product FROM usage_facts ORDER BY id'))).toEqual([
      { customer_id: C.zhang, line: '储蓄', product: '定期' },
      { customer_id: C.zhang, line: '保险', product: '寿险' },
      { customer_id: C.li, line: '报刊', product: '齐鲁晚报' },
      { customer_id: C.ouyang, line: '代收费', product: '电费' },
    ]);
    const ts = "'2026-04-01T00:00:00.000Z'";
    expect(refusal(db, `INSERT INTO usage_facts (id, customer_id, line, source, created_at) VALUES ('x', 'no-such-customer', '储蓄', '录入', ${ts})`)).toMatch(
      /FOREIGN KEY/,
    );
    expect(refusal(db, `INSERT INTO usage_facts (id, customer_id, line, source, created_at) VALUES ('x', ?, NULL, '录入', ${ts})`, [C.zhang])).toMatch(
      /NOT NULL/,
    );
    expect(refusal(db, `INSERT INTO usage_facts (id, customer_id, line, source, created_at) VALUES ('x', ?, '储蓄', NULL, ${ts})`, [C.zhang])).toMatch(
      /NOT NULL/,
    );
    // A customer with facts can no longer be removed from under them.
    expect(refusal(db, 'DELETE FROM customers WHERE id = ?', [C.ouyang])).toMatch(/FOREIGN KEY/);
    expectSound(db, K);
    await db.close();

    await expectWriteSurvivesCrash(
      dir,
      K,
      (w) =>
        w.run(`INSERT INTO usage_facts (id, customer_id, line, product, source, created_at) VALUES ('fact-new', ?, '集邮', '年册', '走访', ${ts})`, [C.org]),
      (r) => expect(r.value(`SELECT line FROM usage_facts WHERE id = 'fact-new'`)).toBe('集邮'),
    );

    // The program of today on this folder: the facts are the customer's 用邮信息, and past usage makes 三等.
    const b = await Backend.open({ dir, now: () => NOW });
    const zhang = await call(b, 'customers.get', { id: C.zhang }, ADMIN);
    expect(zhang.usage.map((u) => `${u.line}/${u.product ?? ''}`).sort()).toEqual(['保险/寿险', '储蓄/定期']);
    const ouyang = await call(b, 'customers.get', { id: C.ouyang }, ADMIN);
    expect(ouyang.usage.map((u) => u.line)).toEqual(['代收费']);
    expect(ouyang.grade).toBe(3);
    expect((await call(b, 'customers.get', { id: C.zhao }, ADMIN)).grade).toBe(4);
    await b.close();
  });
});
