/**
 * 0013_campaign_cells: campaign results read per-cell sums and per-channel money kept by triggers instead of
 * joining every target with its visits. Both must equal the aggregates they replace — computed here straight from
 * the targets and visits, not from any roll-up — after the upgrade, through random dispatching, visiting,
 * correcting and deleting, and after a crash's replay.
 */
import { describe, expect, it } from 'vitest';
import type { Reader, Writer } from '../../../backend/db/handles';
import { Backend } from '../../../backend/host/backend';
import { Rng } from '../../../backend/seed/random';
import { OUTCOMES, type Outcome } from '../../../shared/campaign';
import { call } from '../../helpers/backend';
import { CAMPAIGN, CAMPAIGN_IDEA, PARTS, U, V, writeFixture } from '../../helpers/migrationFixture';
import { expectRowsKept, expectSound, expectWriteSurvivesCrash, schemaOf, upgradeTo } from '../../helpers/migrations';

const K = schemaOf('0013_campaign_cells');
const CONTACTED = (Object.keys(OUTCOMES) as Outcome[])
  .filter((o) => OUTCOMES[o].contacted)
  .map((o) => `'${o}'`)
  .join(', ');

/** Each target with its visits summed, from the two tables themselves. */
const TARGETS_WITH_VISITS = `
  SELECT t.campaign_id, t.carrier_id, t.village_id, t.variant, v.n, v.contacted, v.interested, v.success, v.turnover, v.revenue, v.channel
  FROM campaign_targets t LEFT JOIN (
    SELECT target_id, COUNT(*) AS n, SUM(outcome IN (${CONTACTED})) AS contacted, SUM(outcome = 'interested') AS interested,
           SUM(outcome = 'success') AS success, SUM(turnover) AS turnover, SUM(revenue) AS revenue, MAX(channel) AS channel
    FROM visits GROUP BY target_id) v ON v.target_id = t.id`;

function cellsFromScratch(r: Reader): unknown[] {
  return r.all(
    `SELECT campaign_id, IFNULL(carrier_id, '') AS carrier_id, IFNULL(village_id, '') AS village_id, IFNULL(variant, '') AS variant,
            IFNULL(channel, '') AS channel, COUNT(*) AS targets, SUM(carrier_id IS NOT NULL) AS assigned, SUM(IFNULL(n, 0) > 0) AS visited,
            SUM(IFNULL(contacted, 0) > 0) AS contacted, SUM(IFNULL(interested, 0) > 0) AS interested, SUM(IFNULL(success, 0) > 0) AS success,
            SUM(IFNULL(turnover, 0)) AS turnover, SUM(IFNULL(revenue, 0)) AS revenue
     FROM (${TARGETS_WITH_VISITS}) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
  );
}
const cells = (r: Reader) =>
  r.all(
    `SELECT campaign_id, carrier_id, village_id, variant, channel, targets, assigned, visited, contacted, interested, success, turnover, revenue
     FROM _campaign_cells WHERE targets > 0 ORDER BY 1, 2, 3, 4, 5`,
  );

function moneyFromScratch(r: Reader): unknown[] {
  return r.all(
    `SELECT campaign_id, IFNULL(channel, '') AS channel, SUM(revenue) AS revenue, COUNT(DISTINCT CASE WHEN outcome = 'success' THEN target_id END) AS successes
     FROM visits GROUP BY 1, 2 HAVING SUM(revenue) <> 0 OR successes <> 0 ORDER BY 1, 2`,
  );
}
const money = (r: Reader) =>
  r.all('SELECT campaign_id, channel, revenue, successes FROM _campaign_channel_money WHERE revenue <> 0 OR successes <> 0 ORDER BY 1, 2');

function expectCurrent(r: Reader): void {
  expect(cells(r)).toEqual(cellsFromScratch(r));
  expect(money(r)).toEqual(moneyFromScratch(r));
}

const OUTCOME_CODES = Object.keys(OUTCOMES) as Outcome[];
const CHANNELS = ['door', 'phone', 'sms', 'letter', null] as const;

/** One random thing a branch does to a campaign: add or drop a target, re-dispatch it, record, correct or delete a visit. */
function randomStep(w: Writer, rng: Rng, i: number): void {
  const targets = w.all<{ id: string; campaign_id: string; customer_id: string }>('SELECT id, campaign_id, customer_id FROM campaign_targets');
  const visits = w.all<{ id: string; target_id: string }>('SELECT id, target_id FROM visits');
  // Visits are recorded more often than anything else, as in a real campaign.
  const kind = rng.int(0, 9);
  if (kind === 0 || targets.length === 0) {
    const campaign = rng.pick([CAMPAIGN, CAMPAIGN_IDEA]);
    const free = w.all<{ id: string }>('SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM campaign_targets WHERE campaign_id = ?)', [campaign]);
    if (free.length === 0) return;
    w.run(
      `INSERT INTO campaign_targets (id, campaign_id, customer_id, village_id, variant, carrier_id, created_at) VALUES (?, ?, ?, ?, ?, ?, '2026-06-01T00:00:00.000Z')`,
      [`t-${i}`, campaign, rng.pick(free).id, rng.pick([V.dongfeng, V.hongqi, null]), rng.pick(['A', 'B', null]), rng.pick([U.carrier, null])],
    );
  } else if (kind === 1) {
    const t = rng.pick(targets);
    w.run('DELETE FROM visits WHERE target_id = ?', [t.id]);
    w.run('DELETE FROM campaign_targets WHERE id = ?', [t.id]);
  } else if (kind === 2) {
    // One column at a time, as 派工, a village correction or an A/B split each change only their own.
    const [column, values] = rng.pick([
      ['carrier_id', [U.carrier, U.clerk, null]],
      ['village_id', [V.dongfeng, V.zhangzhuang, null]],
      ['variant', ['A', 'B', 'C', null]],
    ] as const);
    w.run(`UPDATE campaign_targets SET ${column} = ? WHERE id = ?`, [rng.pick<string | null>(values), rng.pick(targets).id]);
  } else if (kind === 3 || kind > 6 || visits.length === 0) {
    const t = rng.pick(targets);
    w.run(
      `INSERT INTO visits (id, campaign_id, target_id, customer_id, visited_at, outcome, turnover, revenue, channel, entered_at)
       VALUES (?, ?, ?, ?, '2026-06-02T08:00:00.000Z', ?, ?, ?, ?, '2026-06-02T09:00:00.000Z')`,
      [`v-${i}`, t.campaign_id, t.id, t.customer_id, rng.pick(OUTCOME_CODES), rng.int(0, 5) * 1000, rng.int(0, 3) * 100, rng.pick(CHANNELS)],
    );
  } else if (kind === 4) {
    w.run('UPDATE visits SET outcome = ?, channel = ?, revenue = ? WHERE id = ?', [
      rng.pick(OUTCOME_CODES),
      rng.pick(CHANNELS),
      rng.int(0, 3) * 100,
      rng.pick(visits).id,
    ]);
  } else if (kind === 5) {
    // Re-filed under another target of the same campaign: both targets' cells and the channel's count move.
    const v = rng.pick(visits);
    const same = w.all<{ id: string; customer_id: string }>(
      'SELECT id, customer_id FROM campaign_targets WHERE campaign_id = (SELECT campaign_id FROM visits WHERE id = ?)',
      [v.id],
    );
    const to = rng.pick(same);
    w.run('UPDATE visits SET target_id = ?, customer_id = ? WHERE id = ?', [to.id, to.customer_id, v.id]);
  } else {
    w.run('DELETE FROM visits WHERE id = ?', [rng.pick(visits).id]);
  }
}

describe('migration 0013_campaign_cells', () => {
  it('fills the cells and channel money from the data there is, and keeps them equal to it through random campaign work', async () => {
    const { before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    db.read((r) => {
      expectCurrent(r);
      expect(cells(r).length).toBeGreaterThan(1);
    });
    db.write('test.part13', PARTS[K - 1]!);
    db.read(expectCurrent);
    const rng = new Rng(13);
    let widest = 0;
    for (let i = 0; i < 240; i++) {
      db.write('step', (w) => randomStep(w, rng, i));
      db.read((r) => {
        expectCurrent(r);
        widest = Math.max(widest, Number(r.value('SELECT COUNT(DISTINCT channel) FROM _campaign_channel_money WHERE successes > 0')));
      });
    }
    // The walk reached cells of several channels with successes, not only the fixture's door-to-door ones.
    expect(widest).toBeGreaterThan(2);
    expectSound(db, K);
    await db.close();
  });

  it('is not change-captured, and a crash replay rebuilds it from the targets and visits', async () => {
    const { db, dir } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    await db.close();
    await expectWriteSurvivesCrash(dir, K, PARTS[K - 1]!, (r) => {
      expectCurrent(r);
      expect(r.value(`SELECT successes FROM _campaign_channel_money WHERE campaign_id = ? AND channel = 'phone'`, [CAMPAIGN])).toBe(1);
    });
  });

  it('gives the results page the per-channel money of the visits', async () => {
    const { dir, db } = await upgradeTo(K, (w) => writeFixture(w, K));
    await db.close();
    const b = await Backend.open({ dir });
    try {
      await call(b, 'mail.setCosts', { campaignId: CAMPAIGN, letterFen: 0, smsFen: 0, phoneFen: 50, fixedFen: 0 }, { actor: '站长', role: 'admin' });
      const res = await call(b, 'campaigns.results', { id: CAMPAIGN }, { actor: '站长', role: 'admin' });
      const phone = res.cost?.byChannel.find((c) => c.key === 'phone');
      expect(phone?.revenue).toBe(600);
      expect(phone?.successes).toBe(1);
      expect(res.overall.assigned).toBe(res.overall.targets);
    } finally {
      await b.close();
    }
  });
});
