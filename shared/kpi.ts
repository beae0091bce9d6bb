/**
 * The maintenance and campaign figures' definitions, used by the branch (SQLite) and the hub (PostgreSQL) alike:
 * the floors and plans, the period boundaries, and the SQL of attribute richness, written once in the SQL both
 * engines speak. test/integration/hub/cityParity.test.ts runs both over the same data and compares every figure.
 */

export const MIN_CUSTOMERS_PER_VILLAGE = 100;
export const MAINTAINED_SHARE_TARGET = 0.8;
export const RICHNESS_TARGET = 0.2;
/** Share of the annual maintenance target due by the end of Q1–Q4. */
export const QUARTER_PLAN = [0.3, 0.6, 0.9, 1] as const;
/** Share of the annual revenue target due by the end of Q1–Q4. */
export const REVENUE_PLAN = [0.25, 0.5, 0.75, 1] as const;
/** 0.1 yuan per 一等 or 二等 record, in fen, paid when the maintenance plan was met. */
export const SUBSIDY_PER_RECORD_FEN = 10;
/** 90% of a campaign's targets bound to a carrier within 3 days. */
export const BIND_TARGET = 0.9;
export const BIND_DAYS = 3;

export function quarterOf(d: Date): 1 | 2 | 3 | 4 {
  return (Math.floor(d.getMonth() / 3) + 1) as 1 | 2 | 3 | 4;
}

/** "Within the last year", as the grades count it. */
export { yearWindowStart } from './grading';

/** 1 January of the year, local time, as the branch counts "this year". */
export const yearStart = (now: Date): Date => new Date(now.getFullYear(), 0, 1);

/**
 * Attribute richness of a customer row `c`: the share of these optional attributes it has filled. `usage` is the
 * usage-facts table's name and `sameBranch` a condition tying `u` to `c`'s branch (empty on the branch itself).
 */
export function richnessSql(usage: string, sameBranch = ''): string {
  const parts = [
    'c.id_number IS NOT NULL',
    '(c.phone IS NOT NULL OR c.landline IS NOT NULL)',
    'c.household_type IS NOT NULL',
    "c.tags <> '[]'",
    'c.income_band IS NOT NULL',
    'c.interests IS NOT NULL',
    'c.influence IS NOT NULL',
    `EXISTS (SELECT 1 FROM ${usage} u WHERE u.customer_id = c.id${sameBranch})`,
  ];
  return `(${parts.map((p) => `(CASE WHEN ${p} THEN 1 ELSE 0 END)`).join(' + ')}) * 1.0 / ${parts.length}`;
}

/** The maintenance plan due by `now` and whether it was met: the subsidy is paid only then. */
export function maintenancePlan(
  annualTarget: number,
  maintainedThisYear: number,
  now: Date,
): { quarter: 1 | 2 | 3 | 4; planShare: number; planCount: number; achievedShare: number; onTrack: boolean } {
  const quarter = quarterOf(now);
  const planShare = QUARTER_PLAN[quarter - 1] ?? 1;
  const achievedShare = annualTarget ? maintainedThisYear / annualTarget : 0;
  return { quarter, planShare, planCount: Math.ceil(annualTarget * planShare), achievedShare, onTrack: achievedShare >= planShare };
}

/**
 * A target whose customer refused door-to-door visits (拒绝接触渠道 上门): never bound to a carrier, and left out
 * of the binding rates. `customers` is that table's name, `sameBranch` ties `nc` to `t`'s branch at the hub.
 */
export function doorRefusedSql(customers: string, sameBranch = ''): string {
  return `EXISTS (SELECT 1 FROM ${customers} nc WHERE nc.id = t.customer_id${sameBranch} AND nc.no_contact LIKE '%"door"%')`;
}

/** Targets must be bound within 3 days of the campaign's start date (local midnight), else of its freezing. */
export function bindDeadline(startDate: string | null, frozenAt: string | null, createdAt: string): string {
  const start = startDate ? new Date(`${startDate}T00:00:00`) : new Date(frozenAt ?? createdAt);
  return new Date(start.getTime() + BIND_DAYS * 86_400_000).toISOString();
}
