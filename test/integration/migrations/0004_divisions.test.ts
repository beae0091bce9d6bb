/**
 * 0004_divisions: each village records its county, the edition of the national list its code comes from and
 * its pinyin initials (for the village pickers). Villages and everything else from before stay as they were.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { searchVillages } from '../../../renderer/src/lib/villageSearch';
import { call } from '../../helpers/backend';
import { PARTS, V, writeFixture } from '../../helpers/migrationFixture';
import { expectRowsKept, expectSound, expectWriteSurvivesCrash, newColumns, schemaOf, upgradeTo } from '../../helpers/migrations';

const K = schemaOf('0004_divisions');
const ADMIN = { actor: '站长', role: 'admin' as const };

describe('migration 0004_divisions', () => {
  it('adds county, edition and initials to villages (empty for the old ones) and the town index', async () => {
    const { dir, before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    expect(newColumns(before, after, 'villages')).toEqual(['county_code', 'edition', 'initials']);
    for (const v of after['villages']!) expect([v['county_code'], v['edition'], v['initials']]).toEqual([null, null, null]);
    for (const t of Object.keys(before).filter((x) => x !== 'villages')) expect(newColumns(before, after, t)).toEqual([]);
    expect(db.read((r) => r.value("SELECT sql FROM sqlite_master WHERE name = 'villages_town'"))).toMatch(/ON villages\s*\(town_code\)/);
    // The planner uses it for a town's villages.
    const plan = db
      .read((r) => r.all<{ detail: string }>("EXPLAIN QUERY PLAN SELECT id FROM villages WHERE town_code = '371402101'"))
      .map((x) => x.detail)
      .join(' ');
    expect(plan).toContain('villages_town');
    expectSound(db, K);

    db.write('test.part4', PARTS[K - 1]!);
    expect(db.read((r) => r.get('SELECT county_code, edition, initials FROM villages WHERE id = ?', [V.dongfeng]))).toEqual({
      county_code: '371402',
      edition: '2023',
      initials: 'dfcmwyh',
    });
    await db.close();

    await expectWriteSurvivesCrash(
      dir,
      K,
      (w) =>
        w.run(
          `INSERT INTO villages (id, name, kind, town_name, initials, created_at, updated_at) VALUES ('v-new', '李家屯', 'village', '二屯镇', 'ljt', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`,
        ),
      (r) => expect(r.value(`SELECT initials FROM villages WHERE id = 'v-new'`)).toBe('ljt'),
    );

    // Today's program lists them; a village from before 0004 has no initials yet (shown as '').
    const b = await Backend.open({ dir });
    const villages = await call(b, 'villages.list', {}, ADMIN);
    expect(villages.find((v) => v.id === V.dongfeng)?.initials).toBe('dfcmwyh');
    expect(searchVillages(villages, 'dfc').map((v) => v.id)).toEqual([V.dongfeng]);
    expect(villages.find((v) => v.id === V.zhangzhuang)?.initials).toBe('');
    await b.close();
  });

  // Known gap (reported with issue 19): 0004 adds `initials` "for pickers" but nothing fills it in for the
  // villages a branch already had (SQL cannot spell pinyin; there is no start-up backfill as there is for 0011's
  // customer codes), so 张庄 from before 0004 is never found by typing "zz". Remove `.fails` once it is filled in.
  it.fails('gives the villages from before 0004 their pinyin initials, so the picker finds them by initials', async () => {
    const dir = (await upgradeTo(K, (w) => writeFixture(w, K - 1))).dir;
    const b = await Backend.open({ dir });
    try {
      const villages = await call(b, 'villages.list', {}, ADMIN);
      expect(searchVillages(villages, 'zz').map((v) => v.id)).toEqual([V.zhangzhuang]);
    } finally {
      await b.close();
    }
  });
});
