/**
 * 0008_usage: usage data from the business systems — facts gain their import and update time, the configurable
 * business lines and the built-in libraries are inserted with hashed ids (the same on every installation), and
 * the extract imports, review queue and collection plans get their tables and checks.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { groupLibraryId, lineId, lineLibraryId } from '../../../backend/usage/keys';
import { SPECIAL_GROUPS } from '../../../shared/usage';
import { call } from '../../helpers/backend';
import { C, PARTS, writeFixture } from '../../helpers/migrationFixture';
import { dump, expectRowsKept, expectSound, expectWriteSurvivesCrash, newColumns, openAt, refusal, schemaOf, upgradeTo } from '../../helpers/migrations';
import { tmpDir } from '../../helpers/tmp';

const K = schemaOf('0008_usage');
const NOW = new Date('2026-06-01T02:00:00.000Z');
const ADMIN = { actor: '站长', role: 'admin' as const };
const TS = "'2026-04-01T00:00:00.000Z'";
const LINES = ['储蓄', '保险', '代收费', '航空机票', '包裹', '特快', '报刊', '集邮', '农资', '电商'];
const withoutTimes = (rows: Record<string, unknown>[]) => rows.map(({ created_at: _c, updated_at: _u, ...rest }) => rest);

describe('migration 0008_usage', () => {
  it('adds the usage tables and the built-in lines and libraries, keeping the facts from before', async () => {
    const { dir, before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    expect(newColumns(before, after, 'usage_facts')).toEqual(['import_id', 'updated_at']);
    expect(after['usage_facts']).toHaveLength(4);
    for (const f of after['usage_facts']!) expect([f['import_id'], f['updated_at']]).toEqual([null, null]);
    expect(
      Object.keys(after)
        .filter((t) => !(t in before))
        .sort(),
    ).toEqual(['collection_plans', 'customer_libraries', 'usage_imports', 'usage_lines', 'usage_queue']);
    for (const t of ['collection_plans', 'usage_imports', 'usage_queue']) expect(after[t], t).toEqual([]);

    // The built-in lines and libraries, with the ids backend/usage/keys.ts derives from their names.
    const lines = db.read((r) =>
      r.all<{ id: string; name: string; sort: number; aliases: string }>('SELECT id, name, sort, aliases FROM usage_lines ORDER BY sort'),
    );
    expect(lines.map((l) => l.name)).toEqual(LINES);
    for (const l of lines) {
      expect(l.id).toBe(lineId(l.name));
      expect(Array.isArray(JSON.parse(l.aliases))).toBe(true);
    }
    const libraries = db.read((r) =>
      r.all<{ id: string; kind: string; name: string; rule: string; builtin: number }>('SELECT id, kind, name, rule, builtin FROM customer_libraries'),
    );
    expect(libraries).toHaveLength(LINES.length + SPECIAL_GROUPS.length);
    for (const lib of libraries) {
      expect(lib.builtin).toBe(1);
      const rule = JSON.parse(lib.rule) as { line?: string; tag?: string };
      expect(lib.id).toBe(lib.kind === 'line' ? lineLibraryId(rule.line!) : groupLibraryId(rule.tag!));
    }
    db.read((r) => expect(r.value("SELECT COUNT(*) FROM sqlite_master WHERE name = 'usage_facts_customer_line'")).toBe(1));
    expectSound(db, K);

    db.write('test.part8', PARTS[K - 1]!);
    expect(db.read((r) => r.value('SELECT status FROM usage_queue'))).toBe('pending');
    const lib = lineLibraryId('储蓄');
    expect(refusal(db, "UPDATE usage_queue SET status = 'lost'")).toMatch(/CHECK constraint failed/);
    expect(
      refusal(db, `INSERT INTO customer_libraries (id, kind, name, rule, created_at, updated_at) VALUES ('x', 'other', '某库', '{}', ${TS}, ${TS})`),
    ).toMatch(/CHECK constraint failed/);
    for (const [sq, eq, target] of [
      [0, 2, 10],
      [1, 5, 10],
      [1, 2, -1],
    ]) {
      expect(
        refusal(
          db,
          `INSERT INTO collection_plans (id, year, library_id, start_quarter, end_quarter, target, created_at, updated_at) VALUES ('x', 2027, ?, ?, ?, ?, ${TS}, ${TS})`,
          [lib, sq!, eq!, target!],
        ),
      ).toMatch(/CHECK constraint failed/);
    }
    expect(
      refusal(
        db,
        `INSERT INTO collection_plans (id, year, library_id, start_quarter, end_quarter, target, created_at, updated_at) VALUES ('x', 2027, 'no-library', 1, 4, 10, ${TS}, ${TS})`,
      ),
    ).toMatch(/FOREIGN KEY/);
    expectSound(db, K);
    await db.close();

    await expectWriteSurvivesCrash(
      dir,
      K,
      (w) => w.run(`UPDATE usage_queue SET status = 'picked', customer_id = ?, resolved_at = ${TS}, resolved_by = '王营业员'`, [C.li]),
      (r) => expect(r.get('SELECT status, customer_id FROM usage_queue')).toEqual({ status: 'picked', customer_id: C.li }),
    );

    // Today's program: the lines, and a line library counting a customer whose fact is from 0002.
    const b = await Backend.open({ dir, now: () => NOW });
    expect((await call(b, 'usage.lines', {}, ADMIN)).map((l) => l.name)).toEqual(LINES);
    const savings = (await call(b, 'usage.libraries', {}, ADMIN)).find((l) => l.id === lineLibraryId('储蓄'))!;
    expect(savings.count).toBe(1);
    expect((await call(b, 'usage.libraryMembers', { id: savings.id }, ADMIN)).rows.map((r) => r.id)).toEqual([C.zhang]);
    await b.close();
  });

  it('inserts the same built-in rows as on a fresh installation, whatever the data', async () => {
    const { db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    const fresh = await openAt(tmpDir('pbdb-fresh-'), K);
    const a = dump(db);
    const f = dump(fresh);
    for (const t of ['usage_lines', 'customer_libraries']) expect(withoutTimes(a[t]!), t).toEqual(withoutTimes(f[t]!));
    await db.close();
    await fresh.close();
  });
});
