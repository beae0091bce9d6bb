/**
 * Campaign results: feedback, contact and success rates (of all targets), turnover and revenue — overall and
 * by carrier, village, variant and channel — computed in one pass per grouping over targets and visits.
 */
import { FEEDBACK_FLOOR, OUTCOMES, type Outcome } from '../../shared/campaign';
import type { CampaignResults, RateRow } from '../../shared/domain';
import type { Reader } from '../db/handles';
import { getCampaign } from './campaigns';

const CONTACTED = (Object.keys(OUTCOMES) as Outcome[]).filter((o) => OUTCOMES[o].contacted).map((o) => `'${o}'`).join(', ');

/** Per target: whether visited, contacted, interested, succeeded, and its money — then grouped. */
const PER_TARGET = `
  SELECT t.id, t.carrier_id, t.village_id, t.variant,
         t.carrier_id IS NOT NULL AS assigned,
         s.visits > 0 AS visited, s.contacted > 0 AS contacted, s.interested > 0 AS interested, s.success > 0 AS success,
         IFNULL(s.turnover, 0) AS turnover, IFNULL(s.revenue, 0) AS revenue, s.channel
  FROM campaign_targets t LEFT JOIN (
    SELECT target_id, COUNT(*) AS visits, SUM(outcome IN (${CONTACTED})) AS contacted, SUM(outcome = 'interested') AS interested,
           SUM(outcome = 'success') AS success, SUM(turnover) AS turnover, SUM(revenue) AS revenue, MAX(channel) AS channel
    FROM visits WHERE campaign_id = $id GROUP BY target_id
  ) s ON s.target_id = t.id
  WHERE t.campaign_id = $id`;

function rate(key: string, label: string, x: Record<string, number>): RateRow {
  const targets = Number(x['targets'] ?? 0);
  const r = (n: number) => (targets ? n / targets : 0);
  const visited = Number(x['visited'] ?? 0);
  const contacted = Number(x['contacted'] ?? 0);
  const success = Number(x['success'] ?? 0);
  return {
    key,
    label,
    targets,
    assigned: Number(x['assigned'] ?? 0),
    visited,
    contacted,
    interested: Number(x['interested'] ?? 0),
    success,
    feedbackRate: r(visited),
    contactRate: r(contacted),
    successRate: r(success),
    turnover: Number(x['turnover'] ?? 0),
    revenue: Number(x['revenue'] ?? 0),
  };
}

const SUMS = 'COUNT(*) AS targets, SUM(assigned) AS assigned, SUM(IFNULL(visited, 0)) AS visited, SUM(IFNULL(contacted, 0)) AS contacted, SUM(IFNULL(interested, 0)) AS interested, SUM(IFNULL(success, 0)) AS success, SUM(turnover) AS turnover, SUM(revenue) AS revenue';

export function campaignResults(r: Reader, campaignId: string, now: Date): CampaignResults {
  const c = getCampaign(r, campaignId);
  const p = { $id: campaignId };
  const overall = rate('all', '合计', r.get<Record<string, number>>(`SELECT ${SUMS} FROM (${PER_TARGET})`, p) ?? {});
  const group = (col: string, labelSql: string) =>
    r.all<Record<string, number> & { k: string | null; label: string | null }>(`SELECT ${col} AS k, ${labelSql} AS label, ${SUMS} FROM (${PER_TARGET}) x GROUP BY ${col} ORDER BY label`, p);
  const byCarrier = group('carrier_id', "IFNULL((SELECT display_name FROM users u WHERE u.id = x.carrier_id), '未派工')").map((x) => rate(x.k ?? '', x.label ?? '', x));
  const byVillage = group('village_id', "IFNULL((SELECT name FROM villages v WHERE v.id = x.village_id), '未分村')").map((x) => rate(x.k ?? '', x.label ?? '', x));
  const byVariant = group('variant', "IFNULL(variant, '未分方案')").map((x) => rate(x.k ?? '', x.label ?? '', x));
  const byChannel = group('channel', "IFNULL(channel, '未走访')").map((x) => rate(x.k ?? '', x.label ?? '', x));
  const outcomes: Record<string, number> = {};
  for (const o of r.all<{ outcome: string; n: number }>('SELECT last_outcome AS outcome, COUNT(*) AS n FROM campaign_targets WHERE campaign_id = ? AND last_outcome IS NOT NULL GROUP BY last_outcome', [campaignId])) {
    outcomes[o.outcome] = Number(o.n);
  }
  let overdue: CampaignResults['overdue'] = null;
  if (c.endDate) {
    const end = new Date(`${c.endDate}T00:00:00`);
    const monthAfter = new Date(end.getFullYear(), end.getMonth() + 1, end.getDate());
    const missing = overall.targets - overall.visited;
    if (now >= monthAfter && missing > 0) overdue = { targetsWithoutOutcome: missing, endedOn: c.endDate };
  }
  return { campaignId, name: c.name, overall, feedbackLow: overall.feedbackRate < FEEDBACK_FLOOR, outcomes, byCarrier, byVillage, byVariant, byChannel, overdue };
}

/** Follow-ups due by the end of the next 7 days (overdue ones included), across campaigns. */
export function followUpsDue(r: Reader, now: Date, carrierId?: string): { targetId: string; campaignName: string; name: string; phone: string | null; followUpDate: string }[] {
  const week = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
  return r
    .all<{ id: string; campaign: string; name: string; phone: string | null; follow_up_date: string }>(
      `SELECT t.id, k.name AS campaign, c.name, c.phone, t.follow_up_date FROM campaign_targets t
       JOIN campaigns k ON k.id = t.campaign_id JOIN customers c ON c.id = t.customer_id
       WHERE t.follow_up_date IS NOT NULL AND t.follow_up_date <= ? AND IFNULL(t.last_outcome, '') <> 'success' ${carrierId ? 'AND t.carrier_id = ?' : ''}
       ORDER BY t.follow_up_date, c.name`,
      carrierId ? [week, carrierId] : [week],
    )
    .map((x) => ({ targetId: x.id, campaignName: x.campaign, name: x.name, phone: x.phone, followUpDate: x.follow_up_date }));
}
