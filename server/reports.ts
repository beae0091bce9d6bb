/**
 * Reports across branches, read from the branches' synced rows: for each hub campaign, each branch's target,
 * selected targets, assigned, visited, feedback (contacted) and success, and money.
 */
import { OUTCOMES, type Outcome } from '../shared/campaign';
import type { Queryable } from './db';
import { HubError } from './errors';

export interface BranchCampaignRow {
  branch: string;
  targetCount: number | null;
  targets: number;
  assigned: number;
  visited: number;
  feedback: number;
  success: number;
  turnoverFen: number;
  revenueFen: number;
  feedbackRate: number;
  successRate: number;
}

export interface HubCampaignReport {
  id: string;
  name: string;
  branches: BranchCampaignRow[];
  total: Omit<BranchCampaignRow, 'branch' | 'targetCount'> & { targetCount: number };
}

const CONTACTED = (Object.keys(OUTCOMES) as Outcome[]).filter((o) => OUTCOMES[o].contacted);

export async function hubCampaignReport(q: Queryable, id: string): Promise<HubCampaignReport> {
  const c = await q.query<{ id: string; name: string }>('SELECT id, name FROM hub_campaigns WHERE id = $1', [id]);
  if (!c[0]) throw new HubError(404, 'NOT_FOUND', `没有编号为 ${id} 的市局活动`);
  const rows = await q.query<Record<string, unknown>>(
    `SELECT b.name AS branch, hb.target_count,
       (SELECT count(*) FROM records t WHERE t.branch_id = b.id AND t.tbl = 'campaign_targets' AND t.data->>'campaign_id' = $1) AS targets,
       (SELECT count(*) FROM records t WHERE t.branch_id = b.id AND t.tbl = 'campaign_targets' AND t.data->>'campaign_id' = $1 AND t.data->>'carrier_id' IS NOT NULL) AS assigned,
       v.visited, v.feedback, v.success, v.turnover, v.revenue
     FROM hub_campaign_branches hb JOIN branches b ON b.id = hb.branch_id
     LEFT JOIN LATERAL (
       SELECT count(DISTINCT x.data->>'target_id') AS visited,
              count(DISTINCT x.data->>'target_id') FILTER (WHERE x.data->>'outcome' = ANY($2::text[])) AS feedback,
              count(DISTINCT x.data->>'target_id') FILTER (WHERE x.data->>'outcome' = 'success') AS success,
              coalesce(sum((x.data->>'turnover')::bigint), 0) AS turnover,
              coalesce(sum((x.data->>'revenue')::bigint), 0) AS revenue
       FROM records x WHERE x.branch_id = b.id AND x.tbl = 'visits' AND x.data->>'campaign_id' = $1
     ) v ON true
     WHERE hb.campaign_id = $1 ORDER BY b.name`,
    [id, CONTACTED],
  );
  const branches: BranchCampaignRow[] = rows.map((r) => {
    const targets = Number(r['targets']);
    const feedback = Number(r['feedback'] ?? 0);
    const success = Number(r['success'] ?? 0);
    return {
      branch: String(r['branch']),
      targetCount: r['target_count'] === null ? null : Number(r['target_count']),
      targets,
      assigned: Number(r['assigned']),
      visited: Number(r['visited'] ?? 0),
      feedback,
      success,
      turnoverFen: Number(r['turnover'] ?? 0),
      revenueFen: Number(r['revenue'] ?? 0),
      feedbackRate: targets ? feedback / targets : 0,
      successRate: targets ? success / targets : 0,
    };
  });
  const sum = (k: keyof BranchCampaignRow) => branches.reduce((n, b) => n + Number(b[k] ?? 0), 0);
  const targets = sum('targets');
  return {
    id,
    name: c[0].name,
    branches,
    total: {
      targetCount: sum('targetCount'),
      targets,
      assigned: sum('assigned'),
      visited: sum('visited'),
      feedback: sum('feedback'),
      success: sum('success'),
      turnoverFen: sum('turnoverFen'),
      revenueFen: sum('revenueFen'),
      feedbackRate: targets ? sum('feedback') / targets : 0,
      successRate: targets ? sum('success') / targets : 0,
    },
  };
}

export async function listHubCampaigns(q: Queryable): Promise<{ id: string; name: string; createdAt: string; branches: number }[]> {
  const rows = await q.query<{ id: string; name: string; created_at: Date | string; n: unknown }>(
    'SELECT c.id, c.name, c.created_at, (SELECT count(*) FROM hub_campaign_branches hb WHERE hb.campaign_id = c.id) AS n FROM hub_campaigns c ORDER BY c.created_at DESC',
  );
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: new Date(r.created_at).toISOString(), branches: Number(r.n) }));
}
