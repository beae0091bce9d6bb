/**
 * The 报表 dashboard (issue 7): what a county supervisor looks at before the monthly review, one answer per chart.
 * Money is integer fen, rates are fractions, dates YYYY-MM-DD; the floors and plans are those of docs/domain.md.
 */
import type { Grade } from './grading';

export type Quarter = 1 | 2 | 3 | 4;

/** Each branch logs in at least twice a week. */
export const LOGINS_PER_WEEK_FLOOR = 2;

export interface DashboardPeriod {
  year: number;
  /** null = the whole year. */
  quarter: Quarter | null;
  from: string;
  to: string;
  /** The day figures run to: the period's end, or today while it is still running. */
  asOf: string;
}

/** Targets → assigned → visited → interested → success; interested counts those that reached 有意向 or 成功. */
export interface Funnel {
  targets: number;
  assigned: number;
  visited: number;
  interested: number;
  success: number;
  turnover: number;
  revenue: number;
}

export interface CampaignRate {
  id: string;
  name: string;
  targets: number;
  visited: number;
  success: number;
  feedbackRate: number;
  successRate: number;
  /** Feedback below the 5% floor. */
  feedbackLow: boolean;
}

/** One quarter of a cumulative plan; actual is null for a quarter that has not begun. */
export interface PlanPoint {
  quarter: Quarter;
  planShare: number;
  plan: number;
  actual: number | null;
}

export interface PlanSeries {
  /** null when no annual target is set (revenue) — the chart then has no plan line. */
  annualTarget: number | null;
  points: PlanPoint[];
  /** The latest quarter that has begun, compared with its plan. */
  current: { quarter: Quarter; plan: number; actual: number; onTrack: boolean } | null;
}

export interface VillageCoverage {
  villageId: string;
  name: string;
  customers: number;
  belowMinimum: boolean;
}

export interface CarrierResult {
  key: string;
  label: string;
  targets: number;
  visited: number;
  success: number;
  feedbackRate: number;
  successRate: number;
  revenue: number;
}

export interface WeekUse {
  /** Monday of the week, YYYY-MM-DD. */
  weekStart: string;
  logins: number;
  belowFloor: boolean;
  /** The week is still running, or the branch began part-way through it: being below the floor is not a miss. */
  partial: boolean;
}

export interface Dashboard {
  period: DashboardPeriod;
  /** Campaigns running in the period, for the funnel's picker. */
  campaigns: { id: string; name: string }[];
  /** The campaign the funnel shows, or null for all of the period's campaigns. */
  funnelCampaignId: string | null;
  funnel: Funnel;
  rates: CampaignRate[];
  /** The 5% floor the rates are held against. */
  rateFloor: number;
  revenue: PlanSeries;
  maintenance: PlanSeries;
  /** Live records by grade, as of now. */
  grades: Record<Grade, number>;
  coverage: { minimum: number; villages: VillageCoverage[]; belowMinimum: number };
  carriers: CarrierResult[];
  /** Log-ins per week; `since` is the branch's start (YYYY-MM-DD) when it falls inside the period and cut it short. */
  usage: { floor: number; since: string | null; weeks: WeekUse[]; weeksBelow: number };
}
