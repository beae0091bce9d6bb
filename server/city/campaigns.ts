/**
 * A 专项营销活动's progress per branch, in PostgreSQL over the typed branch tables, with the branch's own
 * definitions (shared/kpi.ts and backend/campaigns/results.ts, dispatch.ts): a target is visited when it has an
 * outcome, contacted when a person was reached, successful when any visit succeeded; the binding rates leave out
 * targets whose customer refused door-to-door visits, and "within 3 days" counts from the campaign's start date.
 */
import type { CampaignDrill, CampaignDrillRow, CampaignProgress, CampaignProgressRow } from '../../shared/city';
import { bindDeadline, doorRefusedSql } from '../../shared/kpi';
import type { Queryable } from '../db';
import { HubError } from '../errors';

const REFUSED = doorRefusedSql('b_customers', ' AND nc.branch_id = t.branch_id');

/** Per target of one campaign (in the branches `targets` selects): bound, bound when, and its visits' rollup (server/typed.ts). */
const perTarget = (targets: string) => `
  SELECT t.branch_id, t.id, t.carrier_id, t.village_id, ${REFUSED} AS refused,
         t.carrier_id IS NOT NULL AS bound, t.assigned_at,
         t.r_visits > 0 AS visited, t.r_contacted > 0 AS contacted, t.r_success > 0 AS success,
         t.r_turnover AS turnover, t.r_revenue AS revenue
  FROM b_campaign_targets t
  WHERE ${targets} AND t.campaign_id = $2`;

type Sums = {
  targets: number;
  open: number;
  bound: number;
  boundIn3Days: number;
  visited: number;
  contacted: number;
  success: number;
  turnoverFen: number;
  revenueFen: number;
};

function rates(s: Sums, plan: number | null): Omit<CampaignProgressRow, 'branchId' | 'branch' | 'received' | 'lastSyncAt'> {
  const of = (n: number) => (s.targets ? n / s.targets : 0);
  return {
    plan,
    targets: s.targets,
    bound: s.bound,
    boundIn3Days: s.boundIn3Days,
    visited: s.visited,
    contacted: s.contacted,
    success: s.success,
    turnoverFen: s.turnoverFen,
    revenueFen: s.revenueFen,
    bindRate: s.open ? s.bound / s.open : 0,
    bindRate3Days: s.open ? s.boundIn3Days / s.open : 0,
    feedbackRate: of(s.visited),
    successRate: of(s.success),
    planRate: plan ? s.targets / plan : null,
  };
}

export async function campaignProgress(q: Queryable, campaignId: string, _now: Date): Promise<CampaignProgress> {
  const c = (
    await q.query<{ name: string; start_date: string | null; end_date: string | null; channels: string[] }>(
      'SELECT name, start_date, end_date, channels FROM hub_campaigns WHERE id = $1',
      [campaignId],
    )
  )[0];
  if (!c) throw new HubError(404, 'NOT_FOUND', `没有编号为 ${campaignId} 的市局活动`);
  const branches = await q.query<{
    id: string;
    name: string;
    plan: unknown;
    received: boolean;
    start_date: string | null;
    frozen_at: string | null;
    created_at: string | null;
    last_sync: Date | string | null;
  }>(
    // The hub writes the campaign into each branch's rows when issuing it; the branch has it once it pulled since.
    `SELECT b.id, b.name, hb.target_count AS plan, coalesce(b.last_pull_at >= c.created_at, false) AS received, k.start_date, k.frozen_at, k.created_at,
            greatest(b.last_push_at, b.last_pull_at) AS last_sync
     FROM hub_campaign_branches hb JOIN branches b ON b.id = hb.branch_id JOIN hub_campaigns c ON c.id = hb.campaign_id
     LEFT JOIN b_campaigns k ON k.branch_id = b.id AND k.id = hb.campaign_id
     WHERE hb.campaign_id = $1 ORDER BY b.name`,
    [campaignId],
  );
  // One grouped query for every branch (a province issues to thousands); each branch's binding deadline rides along.
  const ids = branches.map((b) => b.id);
  const deadlines = branches.map((b) => bindDeadline(b.start_date, b.frozen_at, b.created_at ?? new Date(0).toISOString()));
  const per = new Map(
    (
      await q.query<Record<string, unknown>>(
        `SELECT x.branch_id, count(*) AS targets, count(*) FILTER (WHERE NOT refused) AS open,
                count(*) FILTER (WHERE NOT refused AND bound) AS bound,
                count(*) FILTER (WHERE NOT refused AND assigned_at IS NOT NULL AND assigned_at <= d.deadline) AS bound3,
                count(*) FILTER (WHERE visited) AS visited, count(*) FILTER (WHERE contacted) AS contacted, count(*) FILTER (WHERE success) AS success,
                coalesce(sum(turnover), 0) AS turnover, coalesce(sum(revenue), 0) AS revenue
         FROM (${perTarget('t.branch_id = ANY($1::text[])')}) x
         JOIN unnest($1::text[], $3::text[]) AS d(branch_id, deadline) ON d.branch_id = x.branch_id
         GROUP BY x.branch_id`,
        [ids, campaignId, deadlines],
      )
    ).map((r) => [String(r['branch_id']), r]),
  );
  const rows: CampaignProgressRow[] = [];
  const total: Sums = { targets: 0, open: 0, bound: 0, boundIn3Days: 0, visited: 0, contacted: 0, success: 0, turnoverFen: 0, revenueFen: 0 };
  let totalPlan = 0;
  for (const b of branches) {
    const s = per.get(b.id) ?? {};
    const sums: Sums = {
      targets: Number(s['targets'] ?? 0),
      open: Number(s['open'] ?? 0),
      bound: Number(s['bound'] ?? 0),
      boundIn3Days: Number(s['bound3'] ?? 0),
      visited: Number(s['visited'] ?? 0),
      contacted: Number(s['contacted'] ?? 0),
      success: Number(s['success'] ?? 0),
      turnoverFen: Number(s['turnover'] ?? 0),
      revenueFen: Number(s['revenue'] ?? 0),
    };
    const plan = b.plan === null ? null : Number(b.plan);
    const lastSyncAt = b.last_sync ? new Date(b.last_sync).toISOString() : null;
    rows.push({ branchId: b.id, branch: b.name, received: b.received, lastSyncAt, ...rates(sums, plan) });
    for (const k of Object.keys(total) as (keyof Sums)[]) total[k] += sums[k];
    totalPlan += plan ?? 0;
  }
  return {
    id: campaignId,
    name: c.name,
    startDate: c.start_date,
    endDate: c.end_date,
    channels: c.channels ?? [],
    branches: rows,
    total: rates(total, totalPlan || null),
  };
}

/** One branch of a campaign by carrier and by village, as its 结果 tab shows them. */
export async function campaignDrill(q: Queryable, campaignId: string, branchId: string): Promise<CampaignDrill> {
  const b = (await q.query<{ name: string }>('SELECT name FROM branches WHERE id = $1', [branchId]))[0];
  if (!b) throw new HubError(404, 'NOT_FOUND', `没有编号为 ${branchId} 的网点`);
  const by = async (key: 'carrier_id' | 'village_id', names: string, none: string): Promise<CampaignDrillRow[]> => {
    const rows = await q.query<Record<string, unknown>>(
      `SELECT x.${key} AS key, n.label, count(*) AS targets, count(*) FILTER (WHERE visited) AS visited, count(*) FILTER (WHERE contacted) AS contacted,
              count(*) FILTER (WHERE success) AS success, coalesce(sum(turnover), 0) AS turnover, coalesce(sum(revenue), 0) AS revenue
       FROM (${perTarget('t.branch_id = $1')}) x LEFT JOIN (${names}) n ON n.id = x.${key}
       GROUP BY x.${key}, n.label`,
      [branchId, campaignId],
    );
    return rows
      .map((r) => {
        const targets = Number(r['targets']);
        const visited = Number(r['visited']);
        const success = Number(r['success']);
        const key = (r['key'] as string | null) ?? '';
        return {
          key,
          label: (r['label'] as string | null) ?? (key ? key : none),
          targets,
          visited,
          contacted: Number(r['contacted']),
          success,
          turnoverFen: Number(r['turnover']),
          revenueFen: Number(r['revenue']),
          feedbackRate: targets ? visited / targets : 0,
          successRate: targets ? success / targets : 0,
        };
      })
      .sort((x, y) => x.label.localeCompare(y.label, 'zh'));
  };
  return {
    branch: b.name,
    byCarrier: await by('carrier_id', 'SELECT id, display_name AS label FROM b_users WHERE branch_id = $1', '未派工'),
    byVillage: await by('village_id', 'SELECT id, name AS label FROM b_villages WHERE branch_id = $1', '未分村'),
  };
}
