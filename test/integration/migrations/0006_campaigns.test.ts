/**
 * 0006_campaigns: campaigns with stages, segments, A/B variants, targets and visits, over the customers and
 * villages a branch already had.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { call } from '../../helpers/backend';
import { C, CAMPAIGN, CAMPAIGN_IDEA, PARTS, T, U, V, VISIT_SUCCESS, writeFixture } from '../../helpers/migrationFixture';
import { expectRowsKept, expectSound, expectWriteSurvivesCrash, refusal, schemaOf, upgradeTo } from '../../helpers/migrations';

const K = schemaOf('0006_campaigns');
const NOW = new Date('2026-06-01T02:00:00.000Z');
const ADMIN = { actor: '站长', role: 'admin' as const };
const TS = "'2026-03-01T00:00:00.000Z'";
const NEW_TABLES = ['campaign_stage_events', 'campaign_targets', 'campaign_variants', 'campaigns', 'segments', 'visits'];

describe('migration 0006_campaigns', () => {
  it('adds the campaign tables, their checks and unique keys; old customers become targets', async () => {
    const { dir, before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    expect(
      Object.keys(after)
        .filter((t) => !(t in before))
        .sort(),
    ).toEqual(NEW_TABLES);
    for (const t of NEW_TABLES) expect(after[t], t).toEqual([]);
    expectSound(db, K);

    // Defaults of a campaign created with a name only.
    db.write('test', (w) => w.run(`INSERT INTO campaigns (id, name, created_at, updated_at) VALUES ('c-min', '试试看', ${TS}, ${TS})`));
    expect(db.read((r) => r.get(`SELECT products, channels, owner, stage, frozen_at FROM campaigns WHERE id = 'c-min'`))).toEqual({
      products: '[]',
      channels: '[]',
      owner: 'branch',
      stage: 'idea',
      frozen_at: null,
    });
    db.write('test', (w) => w.run(`DELETE FROM campaigns WHERE id = 'c-min'`));

    db.write('test.part6', PARTS[K - 1]!);
    expect(db.read((r) => r.value('SELECT COUNT(*) FROM campaign_targets WHERE campaign_id = ?', [CAMPAIGN]))).toBe(3);

    expect(refusal(db, `UPDATE campaigns SET stage = 'done' WHERE id = ?`, [CAMPAIGN])).toMatch(/CHECK constraint failed/);
    expect(refusal(db, `UPDATE campaigns SET owner = 'city' WHERE id = ?`, [CAMPAIGN])).toMatch(/CHECK constraint failed/);
    // One variant per code, one target per customer and campaign.
    expect(refusal(db, `INSERT INTO campaign_variants (id, campaign_id, code, name, created_at) VALUES ('x', ?, 'A', '又一个A', ${TS})`, [CAMPAIGN])).toMatch(
      /UNIQUE/,
    );
    expect(refusal(db, `INSERT INTO campaign_targets (id, campaign_id, customer_id, created_at) VALUES ('x', ?, ?, ${TS})`, [CAMPAIGN, C.zhang])).toMatch(
      /UNIQUE/,
    );
    // References.
    expect(refusal(db, `INSERT INTO campaign_targets (id, campaign_id, customer_id, created_at) VALUES ('x', ?, 'nobody', ${TS})`, [CAMPAIGN])).toMatch(
      /FOREIGN KEY/,
    );
    expect(refusal(db, `INSERT INTO campaign_stage_events (id, campaign_id, stage, at) VALUES ('x', 'no-campaign', 'idea', ${TS})`)).toMatch(/FOREIGN KEY/);
    expect(
      refusal(
        db,
        `INSERT INTO visits (id, campaign_id, target_id, customer_id, visited_at, outcome, entered_at) VALUES ('x', ?, 'no-target', ?, ${TS}, 'success', ${TS})`,
        [CAMPAIGN, C.zhang],
      ),
    ).toMatch(/FOREIGN KEY/);
    expect(refusal(db, 'DELETE FROM campaign_targets WHERE id = ?', [T.zhang])).toMatch(/FOREIGN KEY/);
    expect(refusal(db, 'DELETE FROM customers WHERE id = ?', [C.ouyang])).toMatch(/FOREIGN KEY/);
    expectSound(db, K);
    await db.close();

    // A visit recorded at the new schema (its client-chosen id makes a retried save an upsert).
    await expectWriteSurvivesCrash(
      dir,
      K,
      (w) =>
        w.run(
          `INSERT INTO visits (id, campaign_id, target_id, customer_id, carrier_id, visited_at, outcome, turnover, revenue, channel, entered_by, entered_at)
           VALUES ('visit-3', ?, ?, ?, ?, ${TS}, 'interested', 0, 0, 'door', '赵投递', ${TS})`,
          [CAMPAIGN, T.li, C.li, U.carrier],
        ),
      (r) => expect(r.all('SELECT id FROM visits ORDER BY visited_at')).toHaveLength(3),
    );

    // Today's program reads the campaign and counts a segment of customers from before campaigns existed.
    const b = await Backend.open({ dir, now: () => NOW });
    const campaigns = await call(b, 'campaigns.list', {}, ADMIN);
    expect(campaigns.map((c) => c.id).sort()).toEqual([CAMPAIGN, CAMPAIGN_IDEA].sort());
    const spring = await call(b, 'campaigns.get', { id: CAMPAIGN }, ADMIN);
    expect(spring.stage).toBe('execution');
    expect(spring.targets).toBe(3);
    expect(spring.variants.map((v) => v.code)).toEqual(['A', 'B']);
    expect(spring.stageHistory.map((s) => s.stage)).toEqual(['idea', 'analysis', 'planning', 'test', 'execution']);
    const results = await call(b, 'campaigns.results', { id: CAMPAIGN }, ADMIN);
    expect(results.outcomes).toMatchObject({ success: 1, not_home: 1 }); // per target: its last outcome
    expect(results.overall.targets).toBe(3);
    const count = await call(b, 'segments.count', { filter: { villageIds: [V.dongfeng] } }, ADMIN);
    expect(count.matched).toBe(2); // 张伟 and 东风村村民委员会; 王芳 and the merged duplicate are deleted
    expect(count.selectable).toBe(2);
    expect(b.db.read((r) => r.value('SELECT outcome FROM visits WHERE id = ?', [VISIT_SUCCESS]))).toBe('success');
    await b.close();
  });
});
