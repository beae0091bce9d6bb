/**
 * Campaign results without re-aggregating every visit (issue 18): each target's visits rolled up in
 * `_target_rollup`, kept current by triggers on `visits`. A target's row is recomputed from its own visits (a few
 * rows, by the visits_campaign index) on every insert, update or delete — never adjusted — so it cannot drift,
 * and a replayed change log rebuilds it the same way. The leading underscore keeps it out of change capture and
 * sync: it is derived data, rebuilt wherever visits are.
 */
const CONTACTED = "'success', 'interested', 'refused', 'not_needed'";

// By campaign and target, so the visits_campaign index answers it (by target alone it would scan every visit).
const recompute = (row: 'NEW' | 'OLD') => `
  DELETE FROM _target_rollup WHERE target_id = ${row}.target_id;
  INSERT INTO _target_rollup (target_id, campaign_id, visits, contacted, interested, success, turnover, revenue, channel)
    SELECT target_id, MAX(campaign_id), COUNT(*), SUM(outcome IN (${CONTACTED})), SUM(outcome = 'interested'), SUM(outcome = 'success'),
           SUM(turnover), SUM(revenue), MAX(channel)
    FROM visits WHERE campaign_id = ${row}.campaign_id AND target_id = ${row}.target_id GROUP BY target_id;`;

export default `
CREATE TABLE _target_rollup (
  target_id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL,
  visits INTEGER NOT NULL,
  contacted INTEGER NOT NULL,
  interested INTEGER NOT NULL,
  success INTEGER NOT NULL,
  turnover INTEGER NOT NULL,
  revenue INTEGER NOT NULL,
  channel TEXT
);
CREATE INDEX _target_rollup_campaign ON _target_rollup(campaign_id);
INSERT INTO _target_rollup (target_id, campaign_id, visits, contacted, interested, success, turnover, revenue, channel)
  SELECT target_id, MAX(campaign_id), COUNT(*), SUM(outcome IN (${CONTACTED})), SUM(outcome = 'interested'), SUM(outcome = 'success'),
         SUM(turnover), SUM(revenue), MAX(channel)
  FROM visits GROUP BY target_id;
CREATE TRIGGER _target_rollup_ins AFTER INSERT ON visits BEGIN ${recompute('NEW')} END;
CREATE TRIGGER _target_rollup_upd AFTER UPDATE ON visits BEGIN ${recompute('OLD')} ${recompute('NEW')} END;
CREATE TRIGGER _target_rollup_del AFTER DELETE ON visits BEGIN ${recompute('OLD')} END;
`;
