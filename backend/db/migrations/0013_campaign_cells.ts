/**
 * Campaign results read from roll-ups instead of every target (issue 18): the result tab's figures come from
 * a few hundred cells per campaign rather than a join of its tens of thousands of targets with their visits.
 *
 * `_campaign_cells`: per campaign and (carrier, village, variant, channel of the target's visits) the targets'
 * sums — how many, assigned, visited, contacted, interested, succeeded, turnover, revenue. It always equals the
 * sum over existing targets of each target's contribution given its `_target_rollup` row (migration 0012): every
 * trigger below takes a target's old contribution out and puts its new one in, so the sums follow inserts,
 * deletes, re-dispatches and visits in any order (a sync or a replayed log may bring visits before targets).
 * Keys are NOT NULL with '' for "none" so one row stands for one cell; readers turn '' back into NULL.
 *
 * `_campaign_channel_money`: per campaign and visit channel, revenue and the targets with a successful visit
 * by that channel, adjusted by triggers on `visits`; a target counts once per channel however many successful
 * visits it has (the check excludes the row itself by rowid, so an update is a clean take-out and put-in).
 *
 * Both are derived data (leading underscore): never captured or synced, rebuilt wherever the rows are.
 */
const KEY = 'campaign_id, carrier_id, village_id, variant, channel';
const SUMS = ['targets', 'assigned', 'visited', 'contacted', 'interested', 'success', 'turnover', 'revenue'];
const upsert = `ON CONFLICT (${KEY}) DO UPDATE SET ${SUMS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/** A target's contribution times `sign`; `t` is the target's row, `s` its visits' roll-up (NULL columns when none). */
const contribution = (sign: '1' | '-1', [from, where]: readonly [string, string]) => `
  INSERT INTO _campaign_cells (${KEY}, ${SUMS.join(', ')})
  SELECT t.campaign_id, IFNULL(t.carrier_id, ''), IFNULL(t.village_id, ''), IFNULL(t.variant, ''), IFNULL(s.channel, ''),
         ${sign}, ${sign} * (t.carrier_id IS NOT NULL), ${sign} * (IFNULL(s.visits, 0) > 0), ${sign} * (IFNULL(s.contacted, 0) > 0),
         ${sign} * (IFNULL(s.interested, 0) > 0), ${sign} * (IFNULL(s.success, 0) > 0), ${sign} * IFNULL(s.turnover, 0), ${sign} * IFNULL(s.revenue, 0)
  ${from} WHERE ${where} ${upsert};`;

/** The target row given (NEW or OLD of campaign_targets) with whatever roll-up its visits have now. */
const ofTarget = (row: 'NEW' | 'OLD') =>
  [
    `FROM (SELECT ${row}.id AS id, ${row}.campaign_id AS campaign_id, ${row}.carrier_id AS carrier_id, ${row}.village_id AS village_id,
      ${row}.variant AS variant) t LEFT JOIN _target_rollup s ON s.target_id = t.id`,
    'true',
  ] as const;
/** The roll-up row given (NEW or OLD of _target_rollup) with its target, if that target exists. */
const ofRollup = (row: 'NEW' | 'OLD') =>
  [
    `FROM campaign_targets t, (SELECT ${row}.visits AS visits, ${row}.contacted AS contacted, ${row}.interested AS interested,
      ${row}.success AS success, ${row}.turnover AS turnover, ${row}.revenue AS revenue, ${row}.channel AS channel) s`,
    `t.id = ${row}.target_id`,
  ] as const;
/** The same target as if it had no visits. */
const bare = (row: 'NEW' | 'OLD') =>
  [
    `FROM campaign_targets t, (SELECT NULL AS visits, NULL AS contacted, NULL AS interested, NULL AS success, NULL AS turnover, NULL AS revenue,
      NULL AS channel) s`,
    `t.id = ${row}.target_id`,
  ] as const;

const money = (sign: '1' | '-1', row: 'NEW' | 'OLD') => `
  INSERT INTO _campaign_channel_money (campaign_id, channel, revenue, successes)
  VALUES (${row}.campaign_id, IFNULL(${row}.channel, ''), ${sign} * ${row}.revenue,
          ${sign} * (${row}.outcome = 'success' AND NOT EXISTS (
            SELECT 1 FROM visits o WHERE o.campaign_id = ${row}.campaign_id AND o.target_id = ${row}.target_id
              AND o.channel IS ${row}.channel AND o.outcome = 'success' AND o.rowid <> ${row}.rowid)))
  ON CONFLICT (campaign_id, channel) DO UPDATE SET revenue = revenue + excluded.revenue, successes = successes + excluded.successes;`;

export default `
CREATE TABLE _campaign_cells (
  campaign_id TEXT NOT NULL,
  carrier_id TEXT NOT NULL,
  village_id TEXT NOT NULL,
  variant TEXT NOT NULL,
  channel TEXT NOT NULL,
  ${SUMS.map((c) => `${c} INTEGER NOT NULL`).join(',\n  ')},
  PRIMARY KEY (${KEY})
) WITHOUT ROWID;
INSERT INTO _campaign_cells (${KEY}, ${SUMS.join(', ')})
  SELECT t.campaign_id, IFNULL(t.carrier_id, ''), IFNULL(t.village_id, ''), IFNULL(t.variant, ''), IFNULL(s.channel, ''),
         COUNT(*), SUM(t.carrier_id IS NOT NULL), SUM(IFNULL(s.visits, 0) > 0), SUM(IFNULL(s.contacted, 0) > 0),
         SUM(IFNULL(s.interested, 0) > 0), SUM(IFNULL(s.success, 0) > 0), SUM(IFNULL(s.turnover, 0)), SUM(IFNULL(s.revenue, 0))
  FROM campaign_targets t LEFT JOIN _target_rollup s ON s.target_id = t.id
  GROUP BY 1, 2, 3, 4, 5;
CREATE TRIGGER _campaign_cells_target_ins AFTER INSERT ON campaign_targets BEGIN ${contribution('1', ofTarget('NEW'))} END;
CREATE TRIGGER _campaign_cells_target_del AFTER DELETE ON campaign_targets BEGIN ${contribution('-1', ofTarget('OLD'))} END;
CREATE TRIGGER _campaign_cells_target_upd AFTER UPDATE OF id, campaign_id, carrier_id, village_id, variant ON campaign_targets BEGIN
  ${contribution('-1', ofTarget('OLD'))} ${contribution('1', ofTarget('NEW'))}
END;
CREATE TRIGGER _campaign_cells_rollup_del AFTER DELETE ON _target_rollup BEGIN
  ${contribution('-1', ofRollup('OLD'))} ${contribution('1', bare('OLD'))}
END;
CREATE TRIGGER _campaign_cells_rollup_ins AFTER INSERT ON _target_rollup BEGIN
  ${contribution('-1', bare('NEW'))} ${contribution('1', ofRollup('NEW'))}
END;

CREATE TABLE _campaign_channel_money (
  campaign_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  revenue INTEGER NOT NULL,
  successes INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, channel)
) WITHOUT ROWID;
INSERT INTO _campaign_channel_money (campaign_id, channel, revenue, successes)
  SELECT campaign_id, IFNULL(channel, ''), SUM(revenue), COUNT(DISTINCT CASE WHEN outcome = 'success' THEN target_id END)
  FROM visits GROUP BY 1, 2;
CREATE TRIGGER _campaign_channel_money_ins AFTER INSERT ON visits BEGIN ${money('1', 'NEW')} END;
CREATE TRIGGER _campaign_channel_money_del AFTER DELETE ON visits BEGIN ${money('-1', 'OLD')} END;
CREATE TRIGGER _campaign_channel_money_upd AFTER UPDATE ON visits BEGIN ${money('-1', 'OLD')} ${money('1', 'NEW')} END;
`;
