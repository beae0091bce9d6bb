/**
 * The 报表 dashboard (issue 7) from the local database. Campaign figures come from campaignResults (the numbers of
 * 营销活动 → 结果 and of the campaign report), the plans from quarterlyProgress (the 季度进度 report), grades and
 * coverage from the maintenance KPIs — so a chart never disagrees with the workbook a supervisor exports.
 */
import { campaignReader } from '../archive/archived';
import { FEEDBACK_FLOOR } from '../../shared/campaign';
import type { CarrierResult, Dashboard, Funnel, PlanPoint, PlanSeries, Quarter } from '../../shared/dashboard';
import type { RateRow } from '../../shared/domain';
import { getCampaign } from '../campaigns/campaigns';
import { campaignResults } from '../campaigns/results';
import type { Reader } from '../db/handles';
import { gradeDistribution } from '../services/grades';
import { maintenanceDashboard, MIN_CUSTOMERS_PER_VILLAGE, QUARTER_PLAN } from '../services/maintenance';
import { branchSettings } from '../services/settings';
import { campaignsIn, merge } from './campaignReports';
import { quarterlyProgress, REVENUE_PLAN } from './maintenanceReports';
import { periodOf } from './period';
import { loginsPerWeek } from './systemUse';

export interface DashboardQuery {
  year: number;
  quarter: Quarter | null;
  /** Funnel of one campaign; null = all campaigns of the period. */
  campaignId: string | null;
}

/**
 * Per target, so each stage is a subset of the one before: 有意向 counts targets that reached 有意向 or 成功
 * (a customer signed on the first visit was interested too), unlike the outcome counts of the results screen.
 */
const FUNNEL = `
  SELECT COUNT(*) AS targets, SUM(t.carrier_id IS NOT NULL) AS assigned, SUM(v.target_id IS NOT NULL) AS visited,
         SUM(IFNULL(v.interested, 0) > 0) AS interested, SUM(IFNULL(v.success, 0) > 0) AS success,
         IFNULL(SUM(v.turnover), 0) AS turnover, IFNULL(SUM(v.revenue), 0) AS revenue
  FROM campaign_targets t LEFT JOIN (
    SELECT target_id, interested + success AS interested, success, turnover, revenue FROM _target_rollup WHERE campaign_id = $id
  ) v ON v.target_id = t.id
  WHERE t.campaign_id = $id`;

const FUNNEL_KEYS = ['targets', 'assigned', 'visited', 'interested', 'success', 'turnover', 'revenue'] as const;

export function campaignFunnel(r: Reader, campaignIds: string[]): Funnel {
  const sum: Funnel = { targets: 0, assigned: 0, visited: 0, interested: 0, success: 0, turnover: 0, revenue: 0 };
  // One campaign at a time keeps each query on the visits_campaign index.
  for (const id of campaignIds) {
    const row = campaignReader(r, id).get<Record<(typeof FUNNEL_KEYS)[number], number | null>>(FUNNEL, { $id: id });
    for (const k of FUNNEL_KEYS) sum[k] += Number(row?.[k] ?? 0);
  }
  return sum;
}

/** The plan line and the year-to-date actuals; quarters that have not begun have no actual yet. */
function planSeries(
  year: number,
  now: Date,
  target: number | null,
  points: { quarter: Quarter; plan: number; actual: number }[],
  shares: readonly number[],
): PlanSeries {
  const series: PlanPoint[] = points.map((p) => ({
    quarter: p.quarter,
    planShare: shares[p.quarter - 1]!,
    plan: target === null ? 0 : p.plan,
    actual: new Date(year, (p.quarter - 1) * 3, 1) <= now ? p.actual : null,
  }));
  const begun = series.filter((p) => p.actual !== null);
  const last = begun[begun.length - 1];
  return {
    annualTarget: target,
    points: series,
    current: last && target !== null ? { quarter: last.quarter, plan: last.plan, actual: last.actual!, onTrack: last.actual! >= last.plan } : null,
  };
}

const carrierOf = (x: RateRow): CarrierResult => ({
  key: x.key,
  label: x.label,
  targets: x.targets,
  visited: x.visited,
  success: x.success,
  feedbackRate: x.feedbackRate,
  successRate: x.successRate,
  revenue: x.revenue,
});

export function buildDashboard(r: Reader, q: DashboardQuery, now: Date): Dashboard {
  const period = periodOf(q.year, q.quarter, now);
  const { start, end, ...shown } = period;
  const campaigns = campaignsIn(r, { from: period.from, to: period.to });
  const results = campaigns.map((c) => campaignResults(r, c.id, now));
  const carriers = new Map<string, RateRow>();
  for (const res of results) merge(carriers, res.byCarrier);

  const m = maintenanceDashboard(r, now);
  const settings = branchSettings(r);
  const progress = quarterlyProgress(r, q.year, settings.revenueAnnualTarget ?? 0, m.plan.annualTarget);
  return {
    period: shown,
    campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })),
    funnelCampaignId: q.campaignId,
    // A campaign chosen from another period is still shown: getCampaign refuses only an unknown one.
    funnel: campaignFunnel(r, q.campaignId ? [getCampaign(r, q.campaignId).id] : campaigns.map((c) => c.id)),
    rates: results.map((res) => ({
      id: res.campaignId,
      name: res.name,
      targets: res.overall.targets,
      visited: res.overall.visited,
      success: res.overall.success,
      feedbackRate: res.overall.feedbackRate,
      successRate: res.overall.successRate,
      feedbackLow: res.feedbackLow,
    })),
    rateFloor: FEEDBACK_FLOOR,
    revenue: planSeries(
      q.year,
      now,
      settings.revenueAnnualTarget,
      progress.map((p) => ({ quarter: p.quarter, plan: p.revenuePlan, actual: p.revenue })),
      REVENUE_PLAN,
    ),
    maintenance: planSeries(
      q.year,
      now,
      m.plan.annualTarget,
      progress.map((p) => ({ quarter: p.quarter, plan: p.maintPlan, actual: p.maintained })),
      QUARTER_PLAN,
    ),
    grades: gradeDistribution(r),
    coverage: {
      minimum: MIN_CUSTOMERS_PER_VILLAGE,
      villages: m.villages
        .map((v) => ({ villageId: v.villageId, name: v.name, customers: v.customers, belowMinimum: v.belowMinimum }))
        .sort((a, b) => a.customers - b.customers || a.name.localeCompare(b.name, 'zh')),
      belowMinimum: m.totals.villagesBelowMinimum,
    },
    carriers: [...carriers.values()].map(carrierOf).sort((a, b) => a.label.localeCompare(b.label, 'zh')),
    usage: loginsPerWeek(r, start, end, now),
  };
}
