/** Campaigns: the record, its stage flow (who moved it and when), and freezing the selected targets. */
import type { z } from 'zod';
import { STAGE_ORDER, type SegmentFilter, type Stage } from '../../shared/campaign';
import type { campaignFields } from '../../shared/contract';
import type { Campaign } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { audit } from '../auth/audit';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { recomputeGrades } from '../services/grades';
import { newId } from '../services/ids';
import { selectSegment } from './segment';

interface CampaignRow {
  id: string;
  name: string;
  products: string;
  channels: string;
  start_date: string | null;
  end_date: string | null;
  target_count: number | null;
  target_turnover: number | null;
  target_revenue: number | null;
  owner: 'branch' | 'hub';
  stage: Stage;
  script: string | null;
  segment: string | null;
  frozen_at: string | null;
  created_at: string;
  created_by: string | null;
  targets: number;
  archived_year: number | null;
}

/** A campaign's editable fields as the contract's schema leaves them (shared/contract.ts `campaignFields`). */
export type CampaignFields = z.output<typeof campaignFields>;

const num = (v: number | null) => (v === null ? null : Number(v));

export function getCampaign(r: Reader, id: string): Campaign {
  const c = r.get<CampaignRow>(
    // An archived campaign's targets are in its year's file; the count it had is kept with the archive entry.
    `SELECT c.*, a.year AS archived_year, IFNULL(a.targets, (SELECT COUNT(*) FROM campaign_targets t WHERE t.campaign_id = c.id)) AS targets
     FROM campaigns c LEFT JOIN campaign_archives a ON a.id = c.id WHERE c.id = ? AND c.deleted_at IS NULL`,
    [id],
  );
  if (!c) throw new AppError('NOT_FOUND', '该营销活动不存在或已删除');
  return {
    id: c.id,
    name: c.name,
    products: JSON.parse(c.products) as string[],
    channels: JSON.parse(c.channels) as string[],
    startDate: c.start_date,
    endDate: c.end_date,
    targetCount: num(c.target_count),
    targetTurnover: num(c.target_turnover),
    targetRevenue: num(c.target_revenue),
    owner: c.owner,
    stage: c.stage,
    stageHistory: r
      .all<{ stage: string; at: string; by_user: string | null; display_name: string | null }>(
        'SELECT e.stage, e.at, e.by_user, u.display_name FROM campaign_stage_events e LEFT JOIN users u ON u.login = e.by_user WHERE e.campaign_id = ? ORDER BY e.at, e.rowid',
        [id],
      )
      // People are shown by name; a login that is no longer a user (or the CLI) stays as it was recorded.
      .map((e) => ({ stage: e.stage, at: e.at, by: e.display_name ?? e.by_user })),
    script: c.script,
    segment: c.segment ? (JSON.parse(c.segment) as unknown) : null,
    frozenAt: c.frozen_at,
    targets: Number(c.targets),
    archivedYear: num(c.archived_year),
    variants: r
      .all<{ code: string; name: string; offer: string | null }>('SELECT code, name, offer FROM campaign_variants WHERE campaign_id = ? ORDER BY code', [id])
      .map((v) => ({ code: v.code, name: v.name, offer: v.offer })),
    createdAt: c.created_at,
    createdBy: (c.created_by && r.value<string>('SELECT display_name FROM users WHERE login = ?', [c.created_by])) || c.created_by,
  };
}

export function listCampaigns(r: Reader): Campaign[] {
  return r.all<{ id: string }>('SELECT id FROM campaigns WHERE deleted_at IS NULL ORDER BY created_at DESC').map((c) => getCampaign(r, c.id));
}

/** The editable columns in the order both statements below list them. */
const columnValues = (f: CampaignFields) =>
  [f.name, JSON.stringify(f.products), JSON.stringify(f.channels), f.startDate, f.endDate, f.targetCount, f.targetTurnover, f.targetRevenue, f.script] as const;

export function createCampaign(w: Writer, ctx: CallContext, f: CampaignFields): Campaign {
  const id = newId();
  const at = ctx.now.toISOString();
  w.run(
    `INSERT INTO campaigns (id, name, products, channels, start_date, end_date, target_count, target_turnover, target_revenue, script, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, ...columnValues(f), at, ctx.actor, at],
  );
  w.run('INSERT INTO campaign_stage_events (id, campaign_id, stage, at, by_user) VALUES (?, ?, ?, ?, ?)', [newId(), id, 'idea', at, ctx.actor]);
  audit(w, ctx, 'campaign.create', 'campaign', [id], { name: f.name });
  return getCampaign(w, id);
}

export function updateCampaign(w: Writer, ctx: CallContext, id: string, f: CampaignFields): Campaign {
  getCampaign(w, id);
  w.run(
    `UPDATE campaigns SET name = ?, products = ?, channels = ?, start_date = ?, end_date = ?, target_count = ?, target_turnover = ?, target_revenue = ?, script = ?, updated_at = ? WHERE id = ?`,
    [...columnValues(f), ctx.now.toISOString(), id],
  );
  audit(w, ctx, 'campaign.edit', 'campaign', [id]);
  return getCampaign(w, id);
}

/** Moves along 营销创意 → … → 评估优化 (forward, or one step back to correct a slip). */
export function moveStage(w: Writer, ctx: CallContext, id: string, stage: Stage): Campaign {
  const c = getCampaign(w, id);
  const from = STAGE_ORDER.indexOf(c.stage);
  const to = STAGE_ORDER.indexOf(stage);
  if (to === from) return c;
  if (to < from - 1) throw new AppError('VALIDATION', '活动阶段只能前进，或退回上一阶段');
  writeStage(w, ctx, id, c.stage, stage);
  return getCampaign(w, id);
}

function writeStage(w: Writer, ctx: CallContext, id: string, from: Stage, to: Stage, reason?: string): void {
  const at = ctx.now.toISOString();
  w.run('UPDATE campaigns SET stage = ?, updated_at = ? WHERE id = ?', [to, at, id]);
  w.run('INSERT INTO campaign_stage_events (id, campaign_id, stage, at, by_user) VALUES (?, ?, ?, ?, ?)', [newId(), id, to, at, ctx.actor]);
  audit(w, ctx, 'campaign.stage', 'campaign', [id], { from, to, ...(reason ? { reason } : {}) });
}

/**
 * The stage the work shows the campaign has reached (docs/domain.md "Campaigns"): the targets fixed → 营销策划,
 * an A/B test started → 营销测试, carriers dispatched or a first outcome recorded → 营销执行 (still 营销测试 while a
 * test runs and its winner is not yet released), the winner released → 营销执行. Recorded as a manual move is
 * (stage event by whoever did the work, audit entry with the reason), and only ever forward: a campaign already
 * further along, or moved back by hand on purpose and then worked on, keeps the later stage. 评估优化 stays a
 * person's decision: it closes the carriers' rounds.
 */
export function advanceStage(w: Writer, ctx: CallContext, id: string, work: StageWork): void {
  const row = w.get<{ stage: Stage }>('SELECT stage FROM campaigns WHERE id = ? AND deleted_at IS NULL', [id]);
  if (!row) return;
  const now = STAGE_ORDER.indexOf(row.stage);
  let stage: Stage = STAGE_FOR_WORK[work];
  if (STAGE_ORDER.indexOf(stage) <= now) return;
  if (stage === 'execution' && work !== 'release' && testUnreleased(w, id)) stage = 'test';
  if (STAGE_ORDER.indexOf(stage) <= now) return;
  writeStage(w, ctx, id, row.stage, stage, STAGE_WORK_LABELS[work]);
}

export type StageWork = 'freeze' | 'test' | 'dispatch' | 'visit' | 'release';
const STAGE_FOR_WORK: Record<StageWork, Stage> = { freeze: 'planning', test: 'test', dispatch: 'execution', visit: 'execution', release: 'execution' };
/** The reason the audit log gives for a stage the work moved on. */
export const STAGE_WORK_LABELS: Record<StageWork, string> = {
  freeze: '已确定目标客户（自动）',
  test: '已开始测试（自动）',
  dispatch: '已派工（自动）',
  visit: '已录入走访结果（自动）',
  release: '已推广获胜方案（自动）',
};

/** An A/B test whose winner is not yet released to the rest of the targets. */
function testUnreleased(r: Reader, id: string): boolean {
  return (
    r.value('SELECT 1 FROM campaign_variants WHERE campaign_id = ? LIMIT 1', [id]) !== undefined &&
    r.value('SELECT 1 FROM campaign_targets WHERE campaign_id = ? AND released_at IS NOT NULL LIMIT 1', [id]) === undefined
  );
}

/**
 * Freezes the selection as the campaign's target list: one target per customer, 一等 first up to `limit`;
 * each target's selection count rises and a dated selection event feeds its grade.
 */
export function freezeTargets(w: Writer, ctx: CallContext, id: string, filter: SegmentFilter, limit?: number): Campaign {
  const c = getCampaign(w, id);
  if (c.frozenAt) throw new AppError('CONFLICT', '该活动的目标客户已经确定，不能重复筛选');
  const picked = selectSegment(w, filter, ctx.now, limit);
  if (picked.length === 0) throw new AppError('VALIDATION', '筛选结果为空（或都未授权营销），请放宽条件');
  const at = ctx.now.toISOString();
  for (const p of picked) {
    w.run('INSERT INTO campaign_targets (id, campaign_id, customer_id, village_id, created_at) VALUES (?, ?, ?, ?, ?)', [newId(), id, p.id, p.village_id, at]);
    w.run('INSERT INTO selection_events (id, customer_id, campaign_id, at) VALUES (?, ?, ?, ?)', [newId(), p.id, id, at]);
    w.run('UPDATE customers SET selection_count = selection_count + 1, last_selected_at = ? WHERE id = ?', [at, p.id]);
  }
  w.run('UPDATE campaigns SET segment = ?, frozen_at = ?, updated_at = ? WHERE id = ?', [JSON.stringify(filter), at, at, id]);
  recomputeGrades(w, ctx.now);
  audit(w, ctx, 'campaign.freeze', 'campaign', [id], { targets: picked.length, filter });
  advanceStage(w, ctx, id, 'freeze');
  return getCampaign(w, id);
}
