/**
 * Campaigns issued from the hub (专项营销活动): created once, with a target count or a customer list per
 * branch; each branch receives its copy as an ordinary synced campaign (owner 'hub'), executes it with its
 * own carriers, and its visits flow back up like all its data — which is what the cross-branch report reads.
 */
import crypto from 'node:crypto';
import { CHANNEL_CODES, type Channel } from '../shared/campaign';
import type { Hlc } from '../shared/hlc';
import type { SyncValue } from '../shared/syncProtocol';
import { branchByName } from './branches';
import type { HubDb, Queryable } from './db';
import { HubError } from './errors';
import { lockBranchSeq, saveRows, type RecordState } from './push';

export interface HubCampaignInput {
  name: string;
  channels: string[];
  products?: string[];
  startDate?: string | null;
  endDate?: string | null;
  script?: string | null;
  /** Per branch name: a target count the branch selects itself, or a list of its customer ids. */
  branches: { branch: string; targetCount?: number; customerIds?: string[] }[];
}

const ymd = /^\d{4}-\d{2}-\d{2}$/;

export async function issueCampaign(db: HubDb, input: HubCampaignInput, clock: Hlc, now: Date): Promise<{ id: string; branches: number; targets: number }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new HubError(400, 'VALIDATION', '活动名称不能为空，且不超过 100 个字');
  const bad = input.channels.filter((c) => !CHANNEL_CODES.includes(c as Channel));
  if (!input.channels.length || bad.length)
    throw new HubError(400, 'VALIDATION', `渠道应为 ${CHANNEL_CODES.join('、')} 中的一个或几个${bad.length ? `，收到：${bad.join('、')}` : ''}`);
  for (const d of [input.startDate, input.endDate]) if (d && !ymd.test(d)) throw new HubError(400, 'VALIDATION', `日期格式应为 YYYY-MM-DD，收到：${d}`);
  if (input.startDate && input.endDate && input.startDate > input.endDate) throw new HubError(400, 'VALIDATION', '结束日期不能早于开始日期');
  if (!input.branches.length) throw new HubError(400, 'VALIDATION', '请至少给一个网点下达目标');
  const id = crypto.randomUUID();
  const at = now.toISOString();
  return db.tx(async (q) => {
    await q.query('INSERT INTO hub_campaigns (id, name, products, channels, start_date, end_date, script) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7)', [
      id,
      name,
      JSON.stringify(input.products ?? []),
      JSON.stringify(input.channels),
      input.startDate ?? null,
      input.endDate ?? null,
      input.script ?? null,
    ]);
    let targets = 0;
    for (const b of input.branches) {
      const branch = await branchByName(q, b.branch);
      const list = b.customerIds ?? null;
      if (!list && (b.targetCount === undefined || !Number.isInteger(b.targetCount) || b.targetCount < 1)) {
        throw new HubError(400, 'VALIDATION', `请给网点“${branch.name}”下达目标户数（正整数）或客户名单`);
      }
      await q.query('INSERT INTO hub_campaign_branches (campaign_id, branch_id, target_count, target_list) VALUES ($1, $2, $3, $4::jsonb)', [
        id,
        branch.id,
        list ? list.length : b.targetCount,
        list ? JSON.stringify(list) : null,
      ]);
      const rows: { tbl: string; pk: string; data: Record<string, SyncValue> }[] = [
        {
          tbl: 'campaigns',
          pk: id,
          data: {
            id,
            name,
            products: JSON.stringify(input.products ?? []),
            channels: JSON.stringify(input.channels),
            start_date: input.startDate ?? null,
            end_date: input.endDate ?? null,
            target_count: list ? list.length : (b.targetCount ?? null),
            target_turnover: null,
            target_revenue: null,
            owner: 'hub',
            hub_campaign_id: id,
            stage: 'planning',
            script: input.script ?? null,
            segment: null,
            frozen_at: list ? at : null,
            created_at: at,
            created_by: '市局',
            updated_at: at,
            deleted_at: null,
          },
        },
      ];
      if (list) {
        const customers = await customersOf(q, branch.id, list);
        const missing = list.filter((c) => !customers.has(c));
        if (missing.length)
          throw new HubError(
            400,
            'VALIDATION',
            `网点“${branch.name}”没有这些客户：${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` 等 ${missing.length} 个` : ''}`,
          );
        for (const customerId of new Set(list)) {
          const tid = crypto.randomUUID();
          rows.push({
            tbl: 'campaign_targets',
            pk: tid,
            data: {
              id: tid,
              campaign_id: id,
              customer_id: customerId,
              village_id: customers.get(customerId) ?? null,
              variant: null,
              in_test: 0,
              released_at: null,
              carrier_id: null,
              assigned_at: null,
              last_outcome: null,
              last_visit_at: null,
              follow_up_date: null,
              created_at: at,
            },
          });
        }
        targets += new Set(list).size;
      }
      await writeIntoBranch(q, branch.id, rows, clock);
    }
    return { id, branches: input.branches.length, targets };
  });
}

async function customersOf(q: Queryable, branchId: string, ids: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await q.query<{ pk: string; village: string | null }>(
    `SELECT pk, data->>'village_id' AS village FROM records WHERE branch_id = $1 AND tbl = 'customers' AND data IS NOT NULL
       AND pk IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [branchId, JSON.stringify(ids)],
  );
  return new Map(rows.map((r) => [r.pk, r.village]));
}

/** Hub-made rows enter a branch's data under its row lock, in its sequence, like a push. */
async function writeIntoBranch(
  q: Queryable,
  branchId: string,
  rows: readonly { tbl: string; pk: string; data: Record<string, SyncValue> }[],
  clock: Hlc,
): Promise<void> {
  let seq = await lockBranchSeq(q, branchId);
  const states: RecordState[] = rows.map((r) => {
    seq += 1;
    return { tbl: r.tbl, pk: r.pk, data: r.data, h: clock.send(), hseq: seq, fh: {}, fs: {}, seq, dirty: true };
  });
  await saveRows(q, branchId, states);
  await q.query('UPDATE branches SET seq = $2 WHERE id = $1', [branchId, seq]);
}
