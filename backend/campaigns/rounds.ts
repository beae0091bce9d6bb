/**
 * A carrier's round: the targets dispatched to them (dispatch.ts) in campaigns still open for results — not
 * deleted, not moved on to 评估优化, and ended no more than a month ago (results are due within a month of a
 * campaign's end, and carriers enter them after their rounds). It is all of the customer base a carrier may read:
 * the visit list, the follow-ups, and the customer records behind them. Later results are the office's to enter.
 */
import type { Reader } from '../db/handles';
import { localYmd } from '../reports/period';

export interface SqlPart {
  sql: string;
  params: string[];
}

/** The campaign under `alias` still takes results on the local date of `now`: not ended over a month ago. */
export function campaignRunning(alias: string, now: Date): SqlPart {
  const monthAgo = new Date(now.getFullYear(), now.getMonth() - 1, now.getDate());
  return {
    sql: `${alias}.deleted_at IS NULL AND ${alias}.stage <> 'evaluation' AND (${alias}.end_date IS NULL OR ${alias}.end_date >= ?)`,
    params: [localYmd(monthAgo)],
  };
}

/** Customer ids on the carrier's open rounds, as a sub-select for `c.id IN (…)`. */
export function roundCustomersSql(carrierId: string, now: Date): SqlPart {
  const running = campaignRunning('k', now);
  return {
    sql: `SELECT t.customer_id FROM campaign_targets t JOIN campaigns k ON k.id = t.campaign_id WHERE t.carrier_id = ? AND ${running.sql}`,
    params: [carrierId, ...running.params],
  };
}

export function roundCustomerIds(r: Reader, carrierId: string, now: Date): Set<string> {
  const q = roundCustomersSql(carrierId, now);
  return new Set(r.all<{ customer_id: string }>(q.sql, q.params).map((x) => x.customer_id));
}

export function onRound(r: Reader, carrierId: string, customerId: string, now: Date): boolean {
  const q = roundCustomersSql(carrierId, now);
  return r.value(`SELECT 1 FROM (${q.sql}) WHERE customer_id = ? LIMIT 1`, [...q.params, customerId]) !== undefined;
}
