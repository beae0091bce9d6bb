/**
 * Campaign results: feedback, contact and success rates (of all targets), turnover and revenue — overall and
 * by carrier, village, variant and channel — computed in one pass per grouping over targets and visits.
 */
import { archivedYear, archiveReader } from '../archive/archived';
import { CHANNELS, FEEDBACK_FLOOR, type Channel } from '../../shared/campaign';
import type { CampaignResults, RateRow } from '../../shared/domain';
import type { Reader } from '../db/handles';
import { mailResults } from '../mail/costs';
import { getCampaign } from './campaigns';
import { campaignRunning } from './rounds';
import { homeChannel } from './visits';

/** Targets summed per (carrier, village, variant, channel): a few hundred rows however many targets. */
interface TargetRow {
  carrier_id: string | null;
  village_id: string | null;
  variant: string | null;
  channel: string | null;
  targets: number;
  assigned: number;
  visited: number;
  contacted: number;
  interested: number;
  success: number;
  turnover: number;
  revenue: number;
}

/** Kept current by triggers as targets are dispatched and visits recorded (migration 0013); '' there means none. */
const CELLS = `
  SELECT NULLIF(carrier_id, '') AS carrier_id, NULLIF(village_id, '') AS village_id, NULLIF(variant, '') AS variant,
         NULLIF(channel, '') AS channel, targets, assigned, visited, contacted, interested, success, turnover, revenue
  FROM _campaign_cells WHERE campaign_id = $id AND targets > 0`;

type Sums = Omit<RateRow, 'key' | 'label' | 'feedbackRate' | 'contactRate' | 'successRate'>;
const empty = (): Sums => ({ targets: 0, assigned: 0, visited: 0, contacted: 0, interested: 0, success: 0, turnover: 0, revenue: 0 });

function add(s: Sums, t: TargetRow): void {
  s.targets += Number(t.targets);
  s.assigned += Number(t.assigned);
  s.visited += Number(t.visited);
  s.contacted += Number(t.contacted);
  s.interested += Number(t.interested);
  s.success += Number(t.success);
  s.turnover += Number(t.turnover);
  s.revenue += Number(t.revenue);
}

function rate(key: string, label: string, s: Sums): RateRow {
  const r = (n: number) => (s.targets ? n / s.targets : 0);
  return { key, label, ...s, feedbackRate: r(s.visited), contactRate: r(s.contacted), successRate: r(s.success) };
}

/** The per-cell sums rolled up four ways: JS only sees the cells, never the targets. */
function grouped(rows: TargetRow[], keyOf: (t: TargetRow) => string | null, labelOf: (k: string | null) => string): RateRow[] {
  const groups = new Map<string | null, Sums>();
  for (const t of rows) {
    const k = keyOf(t);
    const s = groups.get(k) ?? empty();
    add(s, t);
    groups.set(k, s);
  }
  return [...groups.entries()].map(([k, s]) => rate(k ?? '', labelOf(k), s)).sort((a, b) => a.label.localeCompare(b.label, 'zh'));
}

export function campaignResults(r: Reader, campaignId: string, now: Date): CampaignResults {
  // An archived campaign's targets and visits (and copies of what these figures read) are in its year's file.
  const year = archivedYear(r, campaignId);
  if (year !== null) return campaignResults(archiveReader(r, year), campaignId, now);
  const c = getCampaign(r, campaignId);
  const rows = r.all<TargetRow>(CELLS, { $id: campaignId });
  const overallSums = empty();
  for (const t of rows) add(overallSums, t);
  const overall = rate('all', '合计', overallSums);
  const carriers = new Map(r.all<{ id: string; display_name: string }>('SELECT id, display_name FROM users').map((u) => [u.id, u.display_name]));
  const villages = new Map(r.all<{ id: string; name: string }>('SELECT id, name FROM villages').map((v) => [v.id, v.name]));
  const byCarrier = grouped(
    rows,
    (t) => t.carrier_id,
    (k) => (k ? (carriers.get(k) ?? k) : '未派工'),
  );
  const byVillage = grouped(
    rows,
    (t) => t.village_id,
    (k) => (k ? (villages.get(k) ?? k) : '未分村'),
  );
  const byVariant = grouped(
    rows,
    (t) => t.variant,
    (k) => k ?? '未分方案',
  );
  // A target not yet reached counts in the row of the channel it is to be reached by (上门 for a door-to-door
  // campaign), so that row's feedback rate is over all its targets, not only the visited ones.
  const home = homeChannel(c.channels);
  const byChannel = grouped(
    rows,
    (t) => t.channel ?? home,
    (k) => (k ? (CHANNELS[k as Channel] ?? k) : '未走访'),
  );
  const outcomes: Record<string, number> = {};
  for (const o of r.all<{ outcome: string; n: number }>(
    'SELECT last_outcome AS outcome, COUNT(*) AS n FROM campaign_targets WHERE campaign_id = ? AND last_outcome IS NOT NULL GROUP BY last_outcome',
    [campaignId],
  )) {
    outcomes[o.outcome] = Number(o.n);
  }
  let overdue: CampaignResults['overdue'] = null;
  if (c.endDate) {
    const end = new Date(`${c.endDate}T00:00:00`);
    const monthAfter = new Date(end.getFullYear(), end.getMonth() + 1, end.getDate());
    const missing = overall.targets - overall.visited;
    if (now >= monthAfter && missing > 0) overdue = { targetsWithoutOutcome: missing, endedOn: c.endDate };
  }
  return {
    campaignId,
    name: c.name,
    overall,
    feedbackLow: overall.feedbackRate < FEEDBACK_FLOOR,
    outcomes,
    byCarrier,
    byVillage,
    byVariant,
    byChannel,
    overdue,
    ...mailAndCost(r, campaignId, c.channels),
  };
}

/**
 * Return rate and cost figures exactly as mail.results computes them (one computation, so the 结果 tab, the 商函
 * tab and the workbooks agree). Cost shows once anything was priced: a list exported with no prices entered
 * would otherwise show ¥0 and an ROI of nothing.
 */
function mailAndCost(r: Reader, campaignId: string, channels: readonly string[]): Pick<CampaignResults, 'mail' | 'cost'> {
  const m = mailResults(r, campaignId);
  const priced = m.costs.letterFen > 0 || m.costs.smsFen > 0 || m.costs.phoneFen > 0 || m.costs.fixedFen > 0;
  return {
    mail: channels.includes('letter') ? { pieces: m.pieces, returned: m.returned, returnRate: m.returnRate, byReason: m.byReason } : null,
    cost: priced
      ? {
          costs: m.costs,
          cost: m.cost,
          revenue: m.revenue,
          successes: m.successes,
          roi: m.roi,
          costPerSuccess: m.costPerSuccess,
          smsSegments: m.smsSegments,
          calls: m.calls,
          byVariant: m.byVariant,
          byChannel: m.byChannel,
        }
      : null,
  };
}

/**
 * Follow-ups due by the end of the next 7 days (overdue ones included), across campaigns. For a carrier, only
 * their own round: targets dispatched to them in campaigns still running (rounds.ts).
 */
export function followUpsDue(
  r: Reader,
  now: Date,
  carrierId?: string,
): { targetId: string; campaignName: string; name: string; phone: string | null; followUpDate: string }[] {
  const week = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
  const running = campaignRunning('k', now);
  return r
    .all<{ id: string; campaign: string; name: string; phone: string | null; follow_up_date: string }>(
      `SELECT t.id, k.name AS campaign, c.name, c.phone, t.follow_up_date FROM campaign_targets t
       JOIN campaigns k ON k.id = t.campaign_id JOIN customers c ON c.id = t.customer_id
       WHERE t.follow_up_date IS NOT NULL AND t.follow_up_date <= ? AND IFNULL(t.last_outcome, '') <> 'success' ${carrierId !== undefined ? `AND t.carrier_id = ? AND ${running.sql}` : ''}
       ORDER BY t.follow_up_date, c.name`,
      carrierId !== undefined ? [week, carrierId, ...running.params] : [week],
    )
    .map((x) => ({ targetId: x.id, campaignName: x.campaign, name: x.name, phone: x.phone, followUpDate: x.follow_up_date }));
}
