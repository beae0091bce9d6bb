/** Test then scale: a random sample split into variants, compared by a two-proportion test, winner released. */
import { twoProportionTest, type ProportionTest } from '../../shared/campaign';
import { AppError } from '../../shared/errors';
import { audit } from '../auth/audit';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { newId } from '../services/ids';
import { advanceStage, getCampaign } from './campaigns';

export interface VariantInput {
  code: string;
  name: string;
  offer: string | null;
}

export function startTest(w: Writer, ctx: CallContext, campaignId: string, variants: VariantInput[], perVariant: number, random: () => number = Math.random) {
  const c = getCampaign(w, campaignId);
  if (!c.frozenAt) throw new AppError('VALIDATION', '请先确定目标客户，再做测试');
  if (c.variants.length > 0) throw new AppError('CONFLICT', '该活动已经开始测试');
  if (new Set(variants.map((v) => v.code)).size !== variants.length) throw new AppError('VALIDATION', '方案代码不能重复');
  const pool = w.all<{ id: string }>('SELECT id FROM campaign_targets WHERE campaign_id = ? ORDER BY id', [campaignId]).map((t) => t.id);
  if (pool.length < perVariant * variants.length) {
    throw new AppError('VALIDATION', `目标客户只有 ${pool.length} 户，不够每个方案抽 ${perVariant} 户`);
  }
  // Fisher–Yates on the first k positions: a uniform random sample without replacement.
  for (let i = 0; i < perVariant * variants.length; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const at = ctx.now.toISOString();
  variants.forEach((v, vi) => {
    w.run('INSERT INTO campaign_variants (id, campaign_id, code, name, offer, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      newId(),
      campaignId,
      v.code,
      v.name,
      v.offer,
      at,
    ]);
    for (const id of pool.slice(vi * perVariant, (vi + 1) * perVariant))
      w.run('UPDATE campaign_targets SET variant = ?, in_test = 1 WHERE id = ?', [v.code, id]);
  });
  audit(w, ctx, 'campaign.test', 'campaign', [campaignId], { variants: variants.map((v) => v.code), perVariant });
  advanceStage(w, ctx, campaignId, 'test');
  return testResult(w, campaignId);
}

export interface TestResult {
  variants: { code: string; name: string; targets: number; visited: number; success: number; successRate: number }[];
  /** Each variant against the best one. */
  comparisons: { a: string; b: string; test: ProportionTest }[];
  best: string | null;
  released: string | null;
}

export function testResult(r: Reader, campaignId: string): TestResult {
  const rows = r.all<{ code: string; name: string; targets: number; visited: number; success: number }>(
    `SELECT v.code, v.name, COUNT(t.id) AS targets,
            SUM(EXISTS (SELECT 1 FROM visits x WHERE x.target_id = t.id)) AS visited,
            SUM(EXISTS (SELECT 1 FROM visits x WHERE x.target_id = t.id AND x.outcome = 'success')) AS success
     FROM campaign_variants v LEFT JOIN campaign_targets t ON t.campaign_id = v.campaign_id AND t.variant = v.code AND t.in_test = 1
     WHERE v.campaign_id = ? GROUP BY v.code ORDER BY v.code`,
    [campaignId],
  );
  // Success among the tested targets that got an outcome: a target never visited says nothing about the offer.
  const variants = rows.map((v) => ({
    ...v,
    targets: Number(v.targets),
    visited: Number(v.visited ?? 0),
    success: Number(v.success ?? 0),
    successRate: v.visited ? Number(v.success) / Number(v.visited) : 0,
  }));
  const best = [...variants].sort((a, b) => b.successRate - a.successRate)[0];
  const comparisons = best
    ? variants
        .filter((v) => v.code !== best.code)
        .map((v) => ({ a: best.code, b: v.code, test: twoProportionTest(best.success, best.visited, v.success, v.visited) }))
    : [];
  const released = r.value<string>('SELECT variant FROM campaign_targets WHERE campaign_id = ? AND released_at IS NOT NULL LIMIT 1', [campaignId]) ?? null;
  return { variants, comparisons, best: best?.code ?? null, released };
}

/** Gives every target outside the test sample the winning variant. */
export function releaseWinner(w: Writer, ctx: CallContext, campaignId: string, code: string) {
  if (!w.value('SELECT 1 FROM campaign_variants WHERE campaign_id = ? AND code = ?', [campaignId, code]))
    throw new AppError('NOT_FOUND', `方案 ${code} 不存在`);
  if (w.value('SELECT 1 FROM campaign_targets WHERE campaign_id = ? AND released_at IS NOT NULL', [campaignId]))
    throw new AppError('CONFLICT', '已经推广过获胜方案');
  const n = w.run('UPDATE campaign_targets SET variant = ?, released_at = ? WHERE campaign_id = ? AND in_test = 0', [code, ctx.now.toISOString(), campaignId]);
  audit(w, ctx, 'campaign.release', 'campaign', [campaignId], { code, targets: n });
  advanceStage(w, ctx, campaignId, 'release');
  return testResult(w, campaignId);
}
