/**
 * 0012_target_rollup: each target's visits rolled up in _target_rollup (filled from the visits that exist, kept
 * by triggers on visits), read by the campaign results instead of aggregating every visit. The rollup must equal
 * the aggregate it replaces after the upgrade, after inserts, updates and deletes, and after a crash's replay.
 */
import { describe, expect, it } from 'vitest';
import type { Reader } from '../../../backend/db/handles';
import { Backend } from '../../../backend/host/backend';
import { OUTCOMES, type Outcome } from '../../../shared/campaign';
import { call } from '../../helpers/backend';
import { CAMPAIGN, PARTS, T, VISIT_SUCCESS, writeFixture } from '../../helpers/migrationFixture';
import { expectRowsKept, expectSound, expectWriteSurvivesCrash, schemaOf, upgradeTo } from '../../helpers/migrations';

const K = schemaOf('0012_target_rollup');
const CONTACTED = (Object.keys(OUTCOMES) as Outcome[]).filter((o) => OUTCOMES[o].contacted);

/** The aggregate the rollup stands for, computed from the visits as campaign results did before 0012. */
function fromVisits(r: Reader): unknown[] {
  return r.all(
    `SELECT target_id, MAX(campaign_id) AS campaign_id, COUNT(*) AS visits, SUM(outcome IN (${CONTACTED.map((o) => `'${o}'`).join(', ')})) AS contacted,
            SUM(outcome = 'interested') AS interested, SUM(outcome = 'success') AS success, SUM(turnover) AS turnover, SUM(revenue) AS revenue, MAX(channel) AS channel
     FROM visits GROUP BY target_id ORDER BY target_id`,
  );
}
const rollup = (r: Reader) =>
  r.all('SELECT target_id, campaign_id, visits, contacted, interested, success, turnover, revenue, channel FROM _target_rollup ORDER BY target_id');

describe('migration 0012_target_rollup', () => {
  it('fills the rollup from the visits there are, and keeps it equal to them through inserts, updates and deletes', async () => {
    const { before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    db.read((r) => {
      expect(rollup(r)).toEqual(fromVisits(r));
      expect(rollup(r).length).toBe(2);
    });
    db.write('test.part12', PARTS[K - 1]!);
    db.write('edit', (w) => w.run("UPDATE visits SET outcome = 'refused', turnover = 0, revenue = 0 WHERE id = ?", [VISIT_SUCCESS]));
    db.read((r) => expect(rollup(r)).toEqual(fromVisits(r)));
    db.write('move', (w) => w.run('UPDATE visits SET target_id = ? WHERE id = ?', [T.ouyang, VISIT_SUCCESS]));
    db.read((r) => expect(rollup(r)).toEqual(fromVisits(r)));
    db.write('remove', (w) => w.run('DELETE FROM visits WHERE id = ?', [VISIT_SUCCESS]));
    db.read((r) => {
      expect(rollup(r)).toEqual(fromVisits(r));
      expect(r.value('SELECT COUNT(*) FROM _target_rollup WHERE target_id = ?', [T.ouyang])).toBe(0);
    });
    expectSound(db, K);
    await db.close();
  });

  it('is not change-captured (derived data, rebuilt by its triggers wherever visits are, also on replay)', async () => {
    const { db, dir } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    await db.close();
    await expectWriteSurvivesCrash(dir, K, PARTS[K - 1]!, (r) => {
      expect(rollup(r)).toEqual(fromVisits(r));
      expect(r.value('SELECT visits FROM _target_rollup WHERE target_id = ?', [T.li])).toBe(2);
    });
  });

  it('gives the campaign results the same figures as before', async () => {
    const { dir, db } = await upgradeTo(K, (w) => writeFixture(w, K));
    await db.close();
    const b = await Backend.open({ dir });
    try {
      const res = await call(b, 'campaigns.results', { id: CAMPAIGN }, { actor: '站长', role: 'admin' });
      const visits = b.db.read((r) =>
        r.all<{ target_id: string; outcome: string; turnover: number; revenue: number }>(
          'SELECT target_id, outcome, turnover, revenue FROM visits WHERE campaign_id = ?',
          [CAMPAIGN],
        ),
      );
      expect(res.overall.visited).toBe(new Set(visits.map((v) => v.target_id)).size);
      expect(res.overall.success).toBe(new Set(visits.filter((v) => v.outcome === 'success').map((v) => v.target_id)).size);
      expect(res.overall.turnover).toBe(visits.reduce((s, v) => s + v.turnover, 0));
      expect(res.overall.revenue).toBe(visits.reduce((s, v) => s + v.revenue, 0));
    } finally {
      await b.close();
    }
  });
});
