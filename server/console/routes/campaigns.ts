/** 专项活动: the hub's campaigns, issuing one (a count per branch or an uploaded list), its progress and drill-down. */
import { issueCampaignInput, type CampaignListItem } from '../../../shared/hubConsole';
import { issueCampaign } from '../../campaigns';
import { campaignDrill, campaignProgress } from '../../city/campaigns';
import type { Queryable } from '../../db';
import { HubError } from '../../errors';
import { parseTargetList } from '../listFile';
import { json, type Route } from '../router';
import { parse } from '../web';

const ID = '([A-Za-z0-9_-]{1,64})';

async function listCampaigns(q: Queryable): Promise<CampaignListItem[]> {
  const rows = await q.query<{
    id: string;
    name: string;
    channels: string[] | null;
    start_date: string | null;
    end_date: string | null;
    created_at: Date | string;
    n: unknown;
  }>(
    `SELECT c.id, c.name, c.channels, c.start_date, c.end_date, c.created_at, count(hb.branch_id) AS n
     FROM hub_campaigns c LEFT JOIN hub_campaign_branches hb ON hb.campaign_id = c.id
     GROUP BY c.id ORDER BY c.created_at DESC`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    channels: r.channels ?? [],
    startDate: r.start_date,
    endDate: r.end_date,
    createdAt: new Date(r.created_at).toISOString(),
    branches: Number(r.n),
  }));
}

/** The list names branches as people do — by name, or by 编号 — and issueCampaign takes names. */
async function namesOf(q: Queryable, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await q.query<{ id: string; name: string }>('SELECT id, name FROM branches WHERE disabled_at IS NULL');
  const byKey = new Map<string, string>();
  for (const r of rows) {
    byKey.set(r.id, r.name);
    byKey.set(r.name, r.name);
  }
  const unknown = keys.filter((k) => !byKey.has(k));
  if (unknown.length)
    throw new HubError(400, 'VALIDATION', `没有这些网点（或已停用）：${unknown.slice(0, 5).join('、')}${unknown.length > 5 ? ` 等 ${unknown.length} 个` : ''}`);
  return byKey;
}

export const campaignRoutes: Route[] = [
  { method: 'GET', path: /^\/campaigns$/, run: async (ctx) => json(await listCampaigns(ctx.db)) },
  {
    method: 'POST',
    path: /^\/campaigns$/,
    audit: '下发专项活动',
    run: async (ctx) => {
      const input = parse(issueCampaignInput, await ctx.body());
      let branches: { branch: string; targetCount?: number; customerIds?: string[] }[];
      if (input.list) {
        const lists = parseTargetList(input.list.base64, input.list.fileName);
        const names = await namesOf(ctx.db, [...lists.keys()]);
        const merged = new Map<string, string[]>();
        for (const [key, ids] of lists) merged.set(names.get(key)!, [...(merged.get(names.get(key)!) ?? []), ...ids]);
        branches = [...merged].map(([branch, customerIds]) => ({ branch, customerIds }));
      } else {
        const counts = input.counts ?? [];
        const names = await namesOf(
          ctx.db,
          counts.map((c) => c.branchId),
        );
        if (new Set(counts.map((c) => c.branchId)).size !== counts.length) throw new HubError(400, 'VALIDATION', '同一网点只能填写一次户数');
        branches = counts.map((c) => ({ branch: names.get(c.branchId)!, targetCount: c.targetCount }));
      }
      const r = await issueCampaign(
        ctx.db,
        {
          name: input.name,
          channels: input.channels,
          products: input.products,
          startDate: input.startDate ?? null,
          endDate: input.endDate ?? null,
          script: input.script ?? null,
          branches,
        },
        ctx.clock,
        ctx.now(),
      );
      ctx.subject(`${input.name}（${branches.length} 个网点）`);
      return json(r);
    },
  },
  { method: 'GET', path: new RegExp(`^/campaigns/${ID}$`), run: async (ctx) => json(await campaignProgress(ctx.db, ctx.params[0]!, ctx.now())) },
  {
    method: 'GET',
    path: new RegExp(`^/campaigns/${ID}/branches/${ID}$`),
    run: async (ctx) => json(await campaignDrill(ctx.db, ctx.params[0]!, ctx.params[1]!)),
  },
];
