/**
 * Cost and return per campaign: what a piece costs on each channel plus fixed costs, against the revenue and
 * successes the visits (and reply cards) recorded. Letters are counted from the numbered pieces; SMS segments and
 * calls from the last list exported, since that is what the gateway bills and the callers work through.
 */
import type { CampaignCosts, MailResults } from '../../shared/mail';
import { AppError } from '../../shared/errors';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { audit } from '../auth/audit';
import { returnStats } from './returns';

interface CostRow {
  letter_fen: number;
  sms_fen: number;
  phone_fen: number;
  fixed_fen: number;
  sms_segments: number;
  calls: number;
}

function assertCampaign(r: Reader, id: string): void {
  if (!r.value('SELECT 1 FROM campaigns WHERE id = ? AND deleted_at IS NULL', [id])) throw new AppError('NOT_FOUND', `营销活动不存在：${id}`, [{ field: 'campaignId', message: '活动编号有误' }]);
}

function costRow(r: Reader, id: string): CostRow {
  return r.get<CostRow>('SELECT letter_fen, sms_fen, phone_fen, fixed_fen, sms_segments, calls FROM campaign_costs WHERE id = ?', [id]) ?? { letter_fen: 0, sms_fen: 0, phone_fen: 0, fixed_fen: 0, sms_segments: 0, calls: 0 };
}

/** One row per campaign, keyed by the campaign's id: created on first use. */
function ensureRow(w: Writer, ctx: CallContext, id: string): void {
  if (!w.value('SELECT 1 FROM campaign_costs WHERE id = ?', [id])) w.run('INSERT INTO campaign_costs (id, updated_at, updated_by) VALUES (?, ?, ?)', [id, ctx.now.toISOString(), ctx.actor]);
}

export function saveCosts(w: Writer, ctx: CallContext, id: string, c: CampaignCosts): MailResults {
  assertCampaign(w, id);
  ensureRow(w, ctx, id);
  w.run('UPDATE campaign_costs SET letter_fen = ?, sms_fen = ?, phone_fen = ?, fixed_fen = ?, updated_at = ?, updated_by = ? WHERE id = ?', [c.letterFen, c.smsFen, c.phoneFen, c.fixedFen, ctx.now.toISOString(), ctx.actor, id]);
  audit(w, ctx, 'campaign.costs', 'campaign', [id], c);
  return mailResults(w, id);
}

/** Remembers what the exported SMS or call list will cost. */
export function noteContactList(w: Writer, ctx: CallContext, id: string, channel: 'sms' | 'phone', units: number): void {
  ensureRow(w, ctx, id);
  w.run(`UPDATE campaign_costs SET ${channel === 'sms' ? 'sms_segments' : 'calls'} = ?, updated_at = ? WHERE id = ?`, [units, ctx.now.toISOString(), id]);
}

export function mailResults(r: Reader, id: string): MailResults {
  assertCampaign(r, id);
  const row = costRow(r, id);
  const stats = returnStats(r, id);
  const byReason = r
    .all<{ reason: string; count: number }>('SELECT return_reason AS reason, COUNT(*) AS count FROM mail_pieces WHERE campaign_id = ? AND returned_at IS NOT NULL GROUP BY return_reason ORDER BY count DESC', [id])
    .map((x) => ({ reason: x.reason, count: Number(x.count) }));
  const money = r.get<{ revenue: number; successes: number }>(
    "SELECT IFNULL(SUM(revenue), 0) AS revenue, COUNT(DISTINCT CASE WHEN outcome = 'success' THEN target_id END) AS successes FROM visits WHERE campaign_id = ?",
    [id],
  );
  const costs: CampaignCosts = { letterFen: Number(row.letter_fen), smsFen: Number(row.sms_fen), phoneFen: Number(row.phone_fen), fixedFen: Number(row.fixed_fen) };
  const cost = stats.pieces * costs.letterFen + Number(row.sms_segments) * costs.smsFen + Number(row.calls) * costs.phoneFen + costs.fixedFen;
  const revenue = Number(money?.revenue ?? 0);
  const successes = Number(money?.successes ?? 0);
  return {
    campaignId: id,
    ...stats,
    byReason,
    costs,
    cost,
    revenue,
    successes,
    roi: cost > 0 ? (revenue - cost) / cost : null,
    costPerSuccess: successes > 0 ? Math.round(cost / successes) : null,
    smsSegments: Number(row.sms_segments),
    calls: Number(row.calls),
  };
}
