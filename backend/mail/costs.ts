/**
 * Cost and return per campaign: what a piece costs on each channel plus fixed costs, against the revenue and
 * successes the visits (and reply cards) recorded. Letters are counted from the numbered pieces; SMS segments and
 * calls from the last list exported, since that is what the gateway bills and the callers work through.
 */
import { CHANNEL_CODES, CHANNELS, type Channel } from '../../shared/campaign';
import type { CampaignCosts, CostReturnRow, MailResults } from '../../shared/mail';
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
  if (!r.value('SELECT 1 FROM campaigns WHERE id = ? AND deleted_at IS NULL', [id]))
    throw new AppError('NOT_FOUND', `营销活动不存在：${id}`, [{ field: 'campaignId', message: '活动编号有误' }]);
}

function costRow(r: Reader, id: string): CostRow {
  return (
    r.get<CostRow>('SELECT letter_fen, sms_fen, phone_fen, fixed_fen, sms_segments, calls FROM campaign_costs WHERE id = ?', [id]) ?? {
      letter_fen: 0,
      sms_fen: 0,
      phone_fen: 0,
      fixed_fen: 0,
      sms_segments: 0,
      calls: 0,
    }
  );
}

/** One row per campaign, keyed by the campaign's id: created on first use. */
function ensureRow(w: Writer, ctx: CallContext, id: string): void {
  if (!w.value('SELECT 1 FROM campaign_costs WHERE id = ?', [id]))
    w.run('INSERT INTO campaign_costs (id, updated_at, updated_by) VALUES (?, ?, ?)', [id, ctx.now.toISOString(), ctx.actor]);
}

export function saveCosts(w: Writer, ctx: CallContext, id: string, c: CampaignCosts): MailResults {
  assertCampaign(w, id);
  ensureRow(w, ctx, id);
  w.run('UPDATE campaign_costs SET letter_fen = ?, sms_fen = ?, phone_fen = ?, fixed_fen = ?, updated_at = ?, updated_by = ? WHERE id = ?', [
    c.letterFen,
    c.smsFen,
    c.phoneFen,
    c.fixedFen,
    ctx.now.toISOString(),
    ctx.actor,
    id,
  ]);
  audit(w, ctx, 'campaign.costs', 'campaign', [id], c);
  return mailResults(w, id);
}

/** Remembers what the exported SMS or call list will cost. */
export function noteContactList(w: Writer, ctx: CallContext, id: string, channel: 'sms' | 'phone', units: number): void {
  ensureRow(w, ctx, id);
  w.run(`UPDATE campaign_costs SET ${channel === 'sms' ? 'sms_segments' : 'calls'} = ?, updated_at = ? WHERE id = ?`, [units, ctx.now.toISOString(), id]);
}

function costReturn(key: string, label: string, cost: number, revenue: number, successes: number): CostReturnRow {
  return {
    key,
    label,
    cost,
    revenue,
    successes,
    roi: cost > 0 ? (revenue - cost) / cost : null,
    costPerSuccess: successes > 0 ? Math.round(cost / successes) : null,
  };
}

/** Revenue and targets with a successful visit per visit channel, kept current by triggers (migration 0013). */
function moneyByChannel(r: Reader, id: string): Map<string, { revenue: number; successes: number }> {
  return new Map(
    r
      .all<{ k: string; revenue: number; successes: number }>('SELECT channel AS k, revenue, successes FROM _campaign_channel_money WHERE campaign_id = ?', [
        id,
      ])
      .map((x) => [x.k, { revenue: Number(x.revenue), successes: Number(x.successes) }]),
  );
}

/** Money and successes per variant from the campaign's result cells (migration 0013): the same sums, without reading every target. */
function moneyByVariant(r: Reader, id: string): Map<string, { revenue: number; successes: number }> {
  return new Map(
    r
      .all<{ k: string; revenue: number; successes: number }>(
        `SELECT variant AS k, SUM(revenue) AS revenue, SUM(success) AS successes FROM _campaign_cells WHERE campaign_id = ? GROUP BY variant`,
        [id],
      )
      .map((x) => [x.k, { revenue: Number(x.revenue), successes: Number(x.successes) }]),
  );
}

function byVariant(r: Reader, id: string, costs: CampaignCosts, shared: number): CostReturnRow[] {
  const money = moneyByVariant(r, id);
  const groups = r.all<{ k: string | null; targets: number; pieces: number }>(
    `SELECT t.variant AS k, COUNT(*) AS targets, COUNT(p.id) AS pieces FROM campaign_targets t LEFT JOIN mail_pieces p ON p.campaign_id = t.campaign_id AND p.customer_id = t.customer_id
     WHERE t.campaign_id = ? GROUP BY t.variant ORDER BY t.variant`,
    [id],
  );
  const all = groups.reduce((s, g) => s + Number(g.targets), 0);
  return groups.map((g) => {
    const m = money.get(g.k ?? '') ?? { revenue: 0, successes: 0 };
    const cost = Number(g.pieces) * costs.letterFen + (all ? Math.round((shared * Number(g.targets)) / all) : 0);
    return costReturn(g.k ?? '', g.k ? `方案 ${g.k}` : '未分方案', cost, m.revenue, m.successes);
  });
}

export function mailResults(r: Reader, id: string): MailResults {
  assertCampaign(r, id);
  const row = costRow(r, id);
  const stats = returnStats(r, id);
  const byReason = r
    .all<{ reason: string; count: number }>(
      'SELECT return_reason AS reason, COUNT(*) AS count FROM mail_pieces WHERE campaign_id = ? AND returned_at IS NOT NULL GROUP BY return_reason ORDER BY count DESC',
      [id],
    )
    .map((x) => ({ reason: x.reason, count: Number(x.count) }));
  const money = r.get<{ revenue: number; successes: number }>(
    'SELECT IFNULL(SUM(revenue), 0) AS revenue, IFNULL(SUM(success), 0) AS successes FROM _campaign_cells WHERE campaign_id = ?',
    [id],
  );
  const costs: CampaignCosts = {
    letterFen: Number(row.letter_fen),
    smsFen: Number(row.sms_fen),
    phoneFen: Number(row.phone_fen),
    fixedFen: Number(row.fixed_fen),
  };
  const smsCost = Number(row.sms_segments) * costs.smsFen;
  const callCost = Number(row.calls) * costs.phoneFen;
  const cost = stats.pieces * costs.letterFen + smsCost + callCost + costs.fixedFen;
  const channelMoney = moneyByChannel(r, id);
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
    byVariant: byVariant(r, id, costs, smsCost + callCost + costs.fixedFen),
    // The priced channels always; any other channel (上门, 会议 …) that brought money too, at no variable cost, so
    // the rows add up to the campaign's revenue.
    byChannel: [...new Set<Channel>(['letter', 'sms', 'phone', ...CHANNEL_CODES.filter((ch) => channelMoney.has(ch))])].map((ch) => {
      const m = channelMoney.get(ch) ?? { revenue: 0, successes: 0 };
      return costReturn(
        ch,
        CHANNELS[ch],
        ch === 'letter' ? stats.pieces * costs.letterFen : ch === 'sms' ? smsCost : ch === 'phone' ? callCost : 0,
        m.revenue,
        m.successes,
      );
    }),
  };
}
