/**
 * 0007_sync: the sync bookkeeping (clock and cursor, the outbox, conflicts) for a branch that worked without a
 * hub until then. Its first sync must send everything it already had.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { dataTables } from '../../../backend/db/tables';
import { LOCAL_ONLY_TABLES } from '../../../shared/syncProtocol';
import { C, NODE, PARTS, writeFixture } from '../../helpers/migrationFixture';
import { columnsOf, expectRowsKept, expectSound, expectWriteSurvivesCrash, refusal, schemaOf, upgradeTo } from '../../helpers/migrations';

const K = schemaOf('0007_sync');
const HLC = `001772500009999-0000-${NODE}`;

describe('migration 0007_sync', () => {
  it('adds sync_state, sync_outbox and sync_conflicts; the data is untouched', async () => {
    const { dir, before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    expect(
      Object.keys(after)
        .filter((t) => !(t in before))
        .sort(),
    ).toEqual(['sync_conflicts', 'sync_outbox', 'sync_state']);
    for (const t of ['sync_conflicts', 'sync_outbox', 'sync_state']) expect(after[t], t).toEqual([]);
    db.read((r) => expect(columnsOf(r, 'sync_outbox')).toEqual(['seq', 'id', 'tbl', 'pk', 'fields', 'hlc', 'seen']));
    expectSound(db, K);

    db.write('test.part7', PARTS[K - 1]!);
    expect(db.read((r) => r.get('SELECT seq, seen FROM sync_outbox'))).toEqual({ seq: 1, seen: 0 });
    // A change id is applied once: the outbox never holds it twice.
    expect(
      refusal(db, `INSERT INTO sync_outbox (id, tbl, pk, fields, hlc) VALUES ('d5f8b1c4-7a0e-4f39-b815-000000000001', 'customers', ?, '{}', ?)`, [C.li, HLC]),
    ).toMatch(/UNIQUE/);
    expect(refusal(db, `INSERT INTO sync_outbox (id, tbl, pk, fields, hlc) VALUES ('x', 'customers', ?, '{}', NULL)`, [C.li])).toMatch(/NOT NULL/);
    expect(refusal(db, `INSERT INTO sync_state (key, value) VALUES ('node', 'again')`)).toMatch(/UNIQUE|PRIMARY KEY/);
    expect(
      refusal(
        db,
        `INSERT INTO sync_conflicts (id, tbl, pk, field, kept_hlc, lost_hlc, detected_at) VALUES ('x', 'customers', ?, 'phone', NULL, ?, '2026-03-02')`,
        [C.li, HLC],
      ),
    ).toMatch(/NOT NULL/);
    expectSound(db, K);
    await db.close();

    await expectWriteSurvivesCrash(
      dir,
      K,
      (w) => {
        w.run(`INSERT INTO sync_outbox (id, tbl, pk, fields, hlc, seen) VALUES ('chg-2', 'customers', ?, '{"notes":"x"}', ?, 3)`, [C.li, HLC]);
        w.run(`UPDATE sync_state SET value = '3' WHERE key = 'cursor'`);
      },
      (r) => {
        expect(r.all('SELECT seq, id, seen FROM sync_outbox ORDER BY seq')).toEqual([
          { seq: 1, id: 'd5f8b1c4-7a0e-4f39-b815-000000000001', seen: 0 },
          { seq: 2, id: 'chg-2', seen: 3 },
        ]);
        expect(r.value(`SELECT value FROM sync_state WHERE key = 'cursor'`)).toBe('3');
      },
    );
  });

  it('queues every row a branch had before sync existed once, when sync is set up', async () => {
    const { dir, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    await db.close();
    const b = await Backend.open({ dir });
    expect(b.sync.isEnabled).toBe(false);
    const rows = b.db.read((r) => {
      const out: Record<string, number> = {};
      for (const t of dataTables(r).filter((x) => !LOCAL_ONLY_TABLES.includes(x))) {
        const n = Number(r.value(`SELECT COUNT(*) FROM "${t}"`));
        if (n > 0) out[t] = n;
      }
      return out;
    });
    expect(rows['customers']).toBe(9);
    const queued = b.db.write('test.enable', (w) => b.sync.enable(w));
    expect(queued).toBe(Object.values(rows).reduce((a, n) => a + n, 0));
    const byTable = b.db.read((r) =>
      Object.fromEntries(r.all<{ tbl: string; n: number }>('SELECT tbl, COUNT(*) AS n FROM sync_outbox GROUP BY tbl').map((x) => [x.tbl, x.n])),
    );
    expect(byTable).toEqual(rows);
    // Each customer once, sent with the whole row (the 客户编号 filled in at start-up included).
    const zhang = b.sync
      .outboxBatches()
      .flatMap((batch) => batch.changes)
      .filter((c) => c.tbl === 'customers' && c.pk === C.zhang);
    expect(zhang).toHaveLength(1);
    expect(zhang[0]!.fields).toMatchObject({ id: C.zhang, name: '张伟', code: expect.stringMatching(/^[A-Z][0-9]-\d{5}[0-9A-Z]$/) });
    await b.close();
  });
});
