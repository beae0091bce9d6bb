/** Maintenance report, subsidy and quarterly progress (docs/domain.md plans: 30/60/90/100% and 25/50/75/100%). */
import { visitRevenueBetween } from '../archive/archived';
import type { ReportTable } from '../../shared/domain';
import type { Reader } from '../db/handles';
import { maintenanceDashboard } from '../services/maintenance';
import { QUARTER_PLAN } from '../../shared/kpi';
import type { Quarter } from '../../shared/dashboard';
import { getSetting, SETTING_REVENUE_TARGET } from '../services/settings';
import { gradeDistribution } from '../services/grades';
import { ratio, table } from './table';
import { REVENUE_PLAN, SUBSIDY_PER_RECORD_FEN } from '../../shared/kpi';

export { SUBSIDY_PER_RECORD_FEN, REVENUE_PLAN } from '../../shared/kpi';

export function maintenanceReport(r: Reader, now: Date): ReportTable[] {
  const d = maintenanceDashboard(r, now);
  const t = table(
    'villages',
    '维护情况（按行政村/城市单元）',
    [
      { key: 'name', title: '村/单元', type: 'text', width: 18 },
      { key: 'code', title: '区划代码', type: 'text', width: 15 },
      { key: 'customers', title: '客户数', type: 'int', sum: true },
      { key: 'maintainedShare', title: '年内维护率', type: 'percent' },
      { key: 'richness', title: '属性丰富度', type: 'percent' },
      { key: 'g1', title: '一等', type: 'int', sum: true },
      { key: 'g2', title: '二等', type: 'int', sum: true },
      { key: 'g3', title: '三等', type: 'int', sum: true },
      { key: 'g4', title: '四等', type: 'int', sum: true },
      { key: 'verification', title: '本月核查', type: 'text', width: 10 },
    ],
    d.villages.map((v) => ({
      name: v.name,
      code: v.code ?? '自建',
      customers: v.customers,
      maintainedShare: v.maintainedShare,
      richness: v.richness,
      g1: v.grades[1],
      g2: v.grades[2],
      g3: v.grades[3],
      g4: v.grades[4],
      verification: { none: '未抽取', pending: '待核查', done: '已核查' }[v.verification],
    })),
    '合计',
  );
  if (t.totals) {
    t.totals['maintainedShare'] = ratio(
      d.villages.reduce((s, v) => s + v.maintainedShare * v.customers, 0),
      d.totals.customers,
    );
    t.totals['richness'] = d.totals.richness;
  }
  return [t];
}

/**
 * The year-end subsidy: 0.1 yuan per grade-1 or grade-2 record, due only when the branch met its maintenance
 * plan (records maintained this year ≥ the share of the annual target due by now).
 */
export function subsidyReport(r: Reader, now: Date): { tables: ReportTable[]; notes: string[] } {
  const d = maintenanceDashboard(r, now);
  // Every live record counts, with or without a village.
  const { 1: g1, 2: g2 } = gradeDistribution(r);
  const met = d.plan.onTrack;
  const amount = met ? (g1 + g2) * SUBSIDY_PER_RECORD_FEN : 0;
  const notes = met
    ? [`已完成维护计划（本年已维护 ${d.plan.maintainedThisYear} 条，计划 ${d.plan.planCount} 条），按一、二等数据每条 0.1 元计发。`]
    : [`未完成维护计划（本年已维护 ${d.plan.maintainedThisYear} 条，计划 ${d.plan.planCount} 条），本期不发放维护补贴。`];
  return {
    notes,
    tables: [
      table(
        'subsidy',
        '数据维护补贴',
        [
          { key: 'item', title: '项目', type: 'text', width: 22 },
          { key: 'count', title: '条数', type: 'int' },
          { key: 'amount', title: '金额', type: 'money', width: 14 },
        ],
        [
          { item: '一等数据', count: g1, amount: met ? g1 * SUBSIDY_PER_RECORD_FEN : 0 },
          { item: '二等数据', count: g2, amount: met ? g2 * SUBSIDY_PER_RECORD_FEN : 0 },
          { item: met ? '合计（已完成维护计划）' : '合计（未完成维护计划，不发放）', count: g1 + g2, amount },
        ],
      ),
    ],
  };
}

export interface QuarterProgress {
  quarter: Quarter;
  revenuePlan: number;
  /** Year to date at the quarter's end, like the plans. */
  revenue: number;
  maintPlan: number;
  maintained: number;
}

/**
 * Customers maintained in [start, end): a maintenance event then, or a last maintenance date then (records that
 * arrived with a date but no event history, e.g. seeded or migrated ones, count as the maintenance KPIs count them).
 */
const MAINTAINED_BETWEEN = `
  SELECT COUNT(*) FROM (
    SELECT customer_id FROM maintenance_events WHERE at >= ? AND at < ?
    UNION SELECT id FROM customers WHERE deleted_at IS NULL AND maintained_at >= ? AND maintained_at < ?
  )`;

/** Revenue and maintained records, year to date at the end of each quarter, beside the cumulative plans. */
export function quarterlyProgress(r: Reader, year: number, revenueTarget: number, maintenanceTarget: number): QuarterProgress[] {
  const start = new Date(year, 0, 1).toISOString();
  return ([1, 2, 3, 4] as const).map((q) => {
    const end = new Date(year, q * 3, 1).toISOString();
    const revenue = visitRevenueBetween(r, start, end);
    const maintained = Number(r.value(MAINTAINED_BETWEEN, [start, end, start, end]) ?? 0);
    return {
      quarter: q,
      revenuePlan: Math.round(revenueTarget * REVENUE_PLAN[q - 1]!),
      revenue,
      maintPlan: Math.ceil(maintenanceTarget * QUARTER_PLAN[q - 1]!),
      maintained,
    };
  });
}

export function quarterlyReport(r: Reader, now: Date): ReportTable[] {
  const year = now.getFullYear();
  const d = maintenanceDashboard(r, now);
  const revenueTarget = Number(getSetting(r, SETTING_REVENUE_TARGET) ?? 0);
  const rows = quarterlyProgress(r, year, revenueTarget, d.plan.annualTarget).map((p) => ({
    quarter: `${year}年第${p.quarter}季度末`,
    revenuePlan: p.revenuePlan,
    revenue: p.revenue,
    revenueShare: ratio(p.revenue, p.revenuePlan),
    maintPlan: p.maintPlan,
    maintained: p.maintained,
    maintShare: ratio(p.maintained, p.maintPlan),
  }));
  return [
    table(
      'quarterly',
      '季度进度（收入计划 25/50/75/100%，维护计划 30/60/90/100%，均为年内累计）',
      [
        { key: 'quarter', title: '季度', type: 'text', width: 16 },
        { key: 'revenuePlan', title: '收入计划', type: 'money', width: 14 },
        { key: 'revenue', title: '累计收入', type: 'money', width: 14 },
        { key: 'revenueShare', title: '收入完成率', type: 'percent' },
        { key: 'maintPlan', title: '维护计划(条)', type: 'int' },
        { key: 'maintained', title: '累计已维护(条)', type: 'int' },
        { key: 'maintShare', title: '维护完成率', type: 'percent' },
      ],
      rows,
    ),
  ];
}
