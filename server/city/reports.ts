/**
 * The city workbooks (各网点汇总): for each branch report, one row per branch — the figures of that branch's own
 * report totals — and the city total, computed by PostgreSQL over the typed branch tables with the branch's
 * definitions (shared/kpi.ts, shared/reportTable.ts). test/integration/hub/cityReports.test.ts compares every
 * cell with the branch's own report over the same data.
 */
import { REPORT_TITLES, type Report, type ReportCell, type ReportName, type ReportTable } from '../../shared/domain';
import { QUARTER_PLAN, REVENUE_PLAN, richnessSql, SUBSIDY_PER_RECORD_FEN, yearWindowStart } from '../../shared/kpi';
import { CITY_SCOPE, RATE_COLUMNS, ratio, table, totalsWithRates } from '../../shared/reportTable';
import type { Queryable } from '../db';
import { campaignProgress } from './campaigns';
import { cityMaintenance } from './maintenance';

export interface Period {
  from: string | null;
  to: string | null;
}

const BRANCH_COL = { key: 'branch', title: '网点', type: 'text', width: 16 } as const;
const CITY = '全市合计';
const n = (v: unknown): number => Number(v ?? 0);

/** Per target of the branches' campaigns in the period: the flags campaign results count, from each target's visit rollup (server/typed.ts). */
const TARGETS_IN_PERIOD = `
  SELECT t.branch_id, t.campaign_id, t.carrier_id, t.carrier_id IS NOT NULL AS assigned,
         t.r_visits > 0 AS visited, t.r_contacted > 0 AS contacted, t.r_interested > 0 AS interested,
         t.r_success > 0 AS success, t.r_turnover AS turnover, t.r_revenue AS revenue
  FROM b_campaign_targets t JOIN b_campaigns k ON k.branch_id = t.branch_id AND k.id = t.campaign_id
  WHERE k.deleted_at IS NULL
    AND ($1::text IS NULL OR coalesce(k.end_date, '9999') >= $1::text) AND ($2::text IS NULL OR coalesce(k.start_date, '0000') <= $2::text)`;

const SUMS = `count(*) AS targets, count(*) FILTER (WHERE assigned) AS assigned, count(*) FILTER (WHERE visited) AS visited,
  count(*) FILTER (WHERE contacted) AS contacted, count(*) FILTER (WHERE interested) AS interested, count(*) FILTER (WHERE success) AS success,
  sum(turnover) AS turnover, sum(revenue) AS revenue`;

function rateCells(r: Record<string, unknown>): Record<string, ReportCell> {
  const targets = n(r['targets']);
  const of = (k: string) => (targets ? n(r[k]) / targets : 0);
  return {
    targets,
    assigned: n(r['assigned']),
    visited: n(r['visited']),
    contacted: n(r['contacted']),
    interested: n(r['interested']),
    success: n(r['success']),
    feedbackRate: of('visited'),
    contactRate: of('contacted'),
    successRate: of('success'),
    turnover: n(r['turnover']),
    revenue: n(r['revenue']),
  };
}

const branchNames = async (q: Queryable) =>
  (await q.query<{ id: string; name: string }>('SELECT id, name FROM branches WHERE disabled_at IS NULL ORDER BY name')).map((b) => b);

async function campaignTables(q: Queryable, p: Period, now: Date): Promise<ReportTable[]> {
  const per = new Map(
    (await q.query<Record<string, unknown>>(`SELECT branch_id, ${SUMS} FROM (${TARGETS_IN_PERIOD}) x GROUP BY branch_id`, [p.from, p.to])).map((r) => [
      r['branch_id'] as string,
      r,
    ]),
  );
  const rows = (await branchNames(q)).map((b) => ({ branch: b.name, ...rateCells(per.get(b.id) ?? {}) }));
  const out = [totalsWithRates(table('summary', '营销活动汇总（各网点合计）', [BRANCH_COL, ...RATE_COLUMNS], rows, CITY))];
  const progress: Record<string, ReportCell>[] = [];
  for (const c of await q.query<{ id: string }>('SELECT id FROM hub_campaigns ORDER BY created_at')) {
    const pr = await campaignProgress(q, c.id, now);
    for (const r of pr.branches) {
      progress.push({
        campaign: pr.name,
        branch: r.branch,
        plan: r.plan,
        targets: r.targets,
        bound: r.bound,
        bindRate3Days: r.bindRate3Days,
        visited: r.visited,
        feedbackRate: r.feedbackRate,
        success: r.success,
        turnover: r.turnoverFen,
        revenue: r.revenueFen,
      });
    }
  }
  out.push(
    table(
      'hubCampaigns',
      '专项营销活动进度（各网点）',
      [
        { key: 'campaign', title: '活动名称', type: 'text', width: 22 },
        BRANCH_COL,
        { key: 'plan', title: '下达户数', type: 'int', sum: true },
        { key: 'targets', title: '已筛选', type: 'int', sum: true },
        { key: 'bound', title: '已派工', type: 'int', sum: true },
        { key: 'bindRate3Days', title: '3天派工率', type: 'percent' },
        { key: 'visited', title: '已反馈', type: 'int', sum: true },
        { key: 'feedbackRate', title: '反馈率', type: 'percent' },
        { key: 'success', title: '成功', type: 'int', sum: true },
        { key: 'turnover', title: '流转额', type: 'money', sum: true, width: 14 },
        { key: 'revenue', title: '收入', type: 'money', sum: true, width: 14 },
      ],
      progress,
      CITY,
    ),
  );
  return out;
}

async function carrierTables(q: Queryable, p: Period): Promise<ReportTable[]> {
  const rows = await q.query<Record<string, unknown>>(
    `SELECT b.name AS branch, coalesce(u.display_name, x.carrier_id, '未派工') AS label, x.*,
            (SELECT left(max(v.visited_at), 10) FROM b_visits v WHERE v.branch_id = x.branch_id AND v.carrier_id = x.carrier_id) AS last_visit
     FROM (SELECT branch_id, carrier_id, ${SUMS} FROM (${TARGETS_IN_PERIOD}) t GROUP BY branch_id, carrier_id) x
     JOIN branches b ON b.id = x.branch_id LEFT JOIN b_users u ON u.branch_id = x.branch_id AND u.id = x.carrier_id
     ORDER BY b.name, label`,
    [p.from, p.to],
  );
  const cols = [
    BRANCH_COL,
    { key: 'label', title: '投递员', type: 'text' as const, width: 14 },
    ...RATE_COLUMNS,
    { key: 'lastVisit', title: '最近走访', type: 'date' as const, width: 12 },
  ];
  return [
    totalsWithRates(
      table(
        'carriers',
        '投递员业绩（各网点）',
        cols,
        rows.map((r) => ({
          branch: r['branch'] as string,
          label: r['label'] as string,
          ...rateCells(r),
          lastVisit: (r['last_visit'] as string | null) ?? null,
        })),
        CITY,
      ),
    ),
  ];
}

async function maintenanceTables(q: Queryable, now: Date): Promise<ReportTable[]> {
  const since = yearWindowStart(now).toISOString();
  const per = new Map(
    (
      await q.query<Record<string, unknown>>(
        `SELECT c.branch_id, count(*) AS customers, count(*) FILTER (WHERE c.maintained_at >= $1) AS maintained, sum((${richnessSql('b_usage_facts', ' AND u.branch_id = c.branch_id')})::float8) AS rich,
                count(*) FILTER (WHERE c.grade = 1) AS g1, count(*) FILTER (WHERE c.grade = 2) AS g2, count(*) FILTER (WHERE c.grade = 3) AS g3, count(*) FILTER (WHERE c.grade = 4) AS g4
         FROM b_customers c JOIN b_villages v ON v.branch_id = c.branch_id AND v.id = c.village_id AND v.deleted_at IS NULL AND v.not_served_at IS NULL
         WHERE c.deleted_at IS NULL GROUP BY c.branch_id`,
        [since],
      )
    ).map((r) => [r['branch_id'] as string, r]),
  );
  const rows = (await branchNames(q)).map((b) => {
    const r = per.get(b.id) ?? {};
    const customers = n(r['customers']);
    return {
      branch: b.name,
      customers,
      maintainedShare: ratio(n(r['maintained']), customers),
      richness: ratio(n(r['rich']), customers),
      g1: n(r['g1']),
      g2: n(r['g2']),
      g3: n(r['g3']),
      g4: n(r['g4']),
      maintained: n(r['maintained']),
      rich: n(r['rich']),
    };
  });
  const t = table(
    'villages',
    '维护情况（各网点合计）',
    [
      BRANCH_COL,
      { key: 'customers', title: '客户数', type: 'int', sum: true },
      { key: 'maintainedShare', title: '年内维护率', type: 'percent' },
      { key: 'richness', title: '属性丰富度', type: 'percent' },
      { key: 'g1', title: '一等', type: 'int', sum: true },
      { key: 'g2', title: '二等', type: 'int', sum: true },
      { key: 'g3', title: '三等', type: 'int', sum: true },
      { key: 'g4', title: '四等', type: 'int', sum: true },
    ],
    rows.map(({ maintained: _m, rich: _r, ...cells }) => cells),
    CITY,
  );
  const total = rows.reduce((s, r) => s + r.customers, 0);
  t.totals!['maintainedShare'] = ratio(
    rows.reduce((s, r) => s + r.maintained, 0),
    total,
  );
  t.totals!['richness'] = ratio(
    rows.reduce((s, r) => s + r.rich, 0),
    total,
  );
  return [t];
}

async function subsidyTables(q: Queryable, now: Date): Promise<{ tables: ReportTable[]; notes: string[] }> {
  const m = await cityMaintenance(q, now.getFullYear(), now);
  const rows = m.branches.map((b) => ({
    branch: b.branch,
    g1: b.grades[0],
    g2: b.grades[1],
    count: b.grades[0] + b.grades[1],
    met: b.subsidyPaid ? '已完成' : '未完成',
    amount: b.subsidyFen,
  }));
  return {
    notes: m.branches.filter((b) => b.subsidyWhyNot).map((b) => `${b.branch}：${b.subsidyWhyNot}`),
    tables: [
      table(
        'subsidy',
        `数据维护补贴（每条一、二等数据 ${SUBSIDY_PER_RECORD_FEN / 100} 元，完成维护计划方发放）`,
        [
          BRANCH_COL,
          { key: 'g1', title: '一等数据', type: 'int', sum: true },
          { key: 'g2', title: '二等数据', type: 'int', sum: true },
          { key: 'count', title: '条数', type: 'int', sum: true },
          { key: 'met', title: '维护计划', type: 'text', width: 10 },
          { key: 'amount', title: '补贴金额', type: 'money', sum: true, width: 14 },
        ],
        rows,
        CITY,
      ),
    ],
  };
}

async function quarterlyTables(q: Queryable, now: Date): Promise<ReportTable[]> {
  const year = now.getFullYear();
  const start = new Date(year, 0, 1).toISOString();
  const m = new Map((await cityMaintenance(q, year, now)).branches.map((b) => [b.branchId, b]));
  const ends = [1, 2, 3, 4].map((quarter) => new Date(year, quarter * 3, 1).toISOString());
  // Three grouped queries for every branch and quarter (a province has thousands of branches): year-to-date
  // revenue and maintained customers at each quarter's end, and the two annual targets.
  const byBranch = async (sql: string, params: unknown[]) => {
    const out = new Map<string, Record<string, unknown>>();
    for (const r of await q.query<Record<string, unknown>>(sql, params)) out.set(String(r['branch_id']), r);
    return out;
  };
  const revenue = await byBranch(
    `SELECT branch_id, ${ends.map((_, i) => `coalesce(sum(revenue) FILTER (WHERE visited_at < $${i + 2}), 0) AS q${i + 1}`).join(', ')}
     FROM b_visits WHERE visited_at >= $1 AND visited_at < $5 GROUP BY branch_id`,
    [start, ...ends],
  );
  // A customer counts once, at the first time in the year it was maintained (an event, or its maintained_at).
  const maintained = await byBranch(
    `SELECT branch_id, ${ends.map((_, i) => `count(*) FILTER (WHERE first_at < $${i + 2}) AS q${i + 1}`).join(', ')}
     FROM (SELECT branch_id, who, min(at) AS first_at FROM (
             SELECT branch_id, customer_id AS who, at FROM b_maintenance_events WHERE at >= $1 AND at < $5
             UNION ALL SELECT branch_id, id, maintained_at FROM b_customers WHERE deleted_at IS NULL AND maintained_at >= $1 AND maintained_at < $5) e
           GROUP BY branch_id, who) x
     GROUP BY branch_id`,
    [start, ...ends],
  );
  const targets = await byBranch(
    `SELECT branch_id, max(value) FILTER (WHERE key = 'revenue.annualTarget') AS revenue, max(value) FILTER (WHERE key = 'maintenance.annualTarget') AS maint
     FROM b_settings WHERE key IN ('revenue.annualTarget', 'maintenance.annualTarget') GROUP BY branch_id`,
    [],
  );
  const rows: Record<string, ReportCell>[] = [];
  for (const b of await branchNames(q)) {
    const revenueTarget = n(targets.get(b.id)?.['revenue']);
    const maintTarget = n(targets.get(b.id)?.['maint']) || (m.get(b.id)?.customers ?? 0);
    for (const quarter of [1, 2, 3, 4] as const) {
      const got = n(revenue.get(b.id)?.[`q${quarter}`]);
      const done = n(maintained.get(b.id)?.[`q${quarter}`]);
      const revenuePlan = Math.round(revenueTarget * REVENUE_PLAN[quarter - 1]!);
      const maintPlan = Math.ceil(maintTarget * QUARTER_PLAN[quarter - 1]!);
      rows.push({
        branch: b.name,
        quarter: `${year}年第${quarter}季度末`,
        revenuePlan,
        revenue: got,
        revenueShare: ratio(got, revenuePlan),
        maintPlan,
        maintained: done,
        maintShare: ratio(done, maintPlan),
      });
    }
  }
  return [
    table(
      'quarterly',
      '季度进度（各网点；收入计划 25/50/75/100%，维护计划 30/60/90/100%，均为年内累计）',
      [
        BRANCH_COL,
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

async function overdueTables(q: Queryable, now: Date): Promise<ReportTable[]> {
  const list = await q.query<Record<string, unknown>>(
    `SELECT b.name AS branch, k.name, k.end_date, count(t.id) AS targets,
            count(t.id) FILTER (WHERE t.r_visits > 0) AS visited
     FROM b_campaigns k JOIN branches b ON b.id = k.branch_id
     LEFT JOIN b_campaign_targets t ON t.branch_id = k.branch_id AND t.campaign_id = k.id
     WHERE k.deleted_at IS NULL AND k.end_date IS NOT NULL AND b.disabled_at IS NULL
     GROUP BY b.name, k.id, k.name, k.end_date, k.start_date ORDER BY b.name, k.start_date, k.name`,
  );
  const rows = list
    .filter((r) => {
      const end = new Date(`${r['end_date'] as string}T00:00:00`);
      return now >= new Date(end.getFullYear(), end.getMonth() + 1, end.getDate()) && n(r['targets']) - n(r['visited']) > 0;
    })
    .map((r) => ({
      branch: r['branch'] as string,
      name: r['name'] as string,
      end: r['end_date'] as string,
      targets: n(r['targets']),
      missing: n(r['targets']) - n(r['visited']),
      feedbackRate: ratio(n(r['visited']), n(r['targets'])),
    }));
  return [
    table(
      'overdue',
      '逾期未反馈（各网点；活动结束满一个月仍有目标未反馈）',
      [
        BRANCH_COL,
        { key: 'name', title: '活动名称', type: 'text', width: 22 },
        { key: 'end', title: '结束日期', type: 'date', width: 12 },
        { key: 'targets', title: '目标户数', type: 'int', sum: true },
        { key: 'missing', title: '未反馈', type: 'int', sum: true },
        { key: 'feedbackRate', title: '反馈率', type: 'percent' },
      ],
      rows,
      CITY,
    ),
  ];
}

export async function cityReport(q: Queryable, name: ReportName, p: Period, now: Date): Promise<Report> {
  let tables: ReportTable[];
  let notes: string[] = [];
  switch (name) {
    case 'campaign':
      tables = await campaignTables(q, p, now);
      break;
    case 'carriers':
      tables = await carrierTables(q, p);
      break;
    case 'maintenance':
      tables = await maintenanceTables(q, now);
      break;
    case 'subsidy':
      ({ tables, notes } = await subsidyTables(q, now));
      break;
    case 'quarterly':
      tables = await quarterlyTables(q, now);
      break;
    case 'overdue':
      tables = await overdueTables(q, now);
      break;
  }
  return { name, title: `${REPORT_TITLES[name]}（各网点汇总）`, branchName: CITY_SCOPE, from: p.from, to: p.to, generatedAt: now.toISOString(), tables, notes };
}

/** All of them in one REPEATABLE READ snapshot, so the sheets of one workbook agree with each other. */
export async function cityReports(
  db: { tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> },
  names: readonly ReportName[],
  p: Period,
  now: Date,
): Promise<Report[]> {
  return db.tx(async (q) => {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const out: Report[] = [];
    for (const name of names) out.push(await cityReport(q, name, p, now));
    return out;
  });
}
