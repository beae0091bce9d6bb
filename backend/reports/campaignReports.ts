/**
 * Campaign summary and carrier performance across campaigns (issue 7), from the same results as the app shows —
 * including direct mail's return rate and the cost figures of mail.results (issue 10), blank where they do not
 * apply (no letter channel, no costs entered) rather than a misleading 0.
 */
import { ARCHIVED_IDS, archivedByYear, archiveReader } from '../archive/archived';
import { STAGES, type Stage } from '../../shared/campaign';
import type { CampaignResults, RateRow, ReportCell, ReportColumn, ReportTable } from '../../shared/domain';
import { campaignResults } from '../campaigns/results';
import type { Reader } from '../db/handles';
import { ratio, table } from './table';
import { RATE_COLUMNS, totalsWithRates } from '../../shared/reportTable';

export interface Period {
  from: string | null;
  to: string | null;
}

/** Return rate of letter campaigns and cost figures of priced ones, beside the summary's rates. */
const MAIL_COST_COLUMNS: ReportColumn[] = [
  { key: 'pieces', title: '商函件数', type: 'int', sum: true },
  { key: 'returned', title: '退信', type: 'int', sum: true },
  { key: 'returnRate', title: '退信率', type: 'percent' },
  { key: 'cost', title: '成本', type: 'money', sum: true, width: 14 },
  { key: 'roi', title: '投资回报率', type: 'percent', width: 12 },
  { key: 'costPerSuccess', title: '每成功成本', type: 'money', width: 14 },
];

const mailCostCells = (res: CampaignResults): Record<string, ReportCell> => ({
  pieces: res.mail?.pieces ?? null,
  returned: res.mail?.returned ?? null,
  returnRate: res.mail ? res.mail.returnRate : null,
  cost: res.cost?.cost ?? null,
  roi: res.cost?.roi ?? null,
  costPerSuccess: res.cost?.costPerSuccess ?? null,
});

const COST_COLUMNS: ReportColumn[] = [
  { key: 'campaign', title: '活动名称', type: 'text', width: 22 },
  { key: 'part', title: '分项', type: 'text', width: 12 },
  // sum: for the hub's city total, which adds up each branch's totals row (set below, over campaign lines only).
  { key: 'cost', title: '成本', type: 'money', width: 14, sum: true },
  { key: 'revenue', title: '收入', type: 'money', width: 14, sum: true },
  { key: 'successes', title: '成功', type: 'int', sum: true },
  { key: 'roi', title: '投资回报率', type: 'percent', width: 12 },
  { key: 'costPerSuccess', title: '每成功成本', type: 'money', width: 14 },
];

/**
 * 成本与回报: per priced campaign its overall line, then per variant (A/B tests only) and per channel. Nothing is
 * summed across lines (a variant's cost is part of the campaign's): the totals row adds the campaign lines only.
 */
function costRows(name: string, c: NonNullable<CampaignResults['cost']>): Record<string, ReportCell>[] {
  const line = (part: string, x: { cost: number; revenue: number; successes: number; roi: number | null; costPerSuccess: number | null }) => ({
    campaign: name,
    part,
    cost: x.cost,
    revenue: x.revenue,
    successes: x.successes,
    roi: x.roi,
    costPerSuccess: x.costPerSuccess,
  });
  const variants = c.byVariant.length > 1 || c.byVariant.some((v) => v.key) ? c.byVariant.map((v) => line(v.label, v)) : [];
  const channels = c.byChannel.filter((x) => x.cost > 0 || x.revenue > 0 || x.successes > 0).map((x) => line(`渠道：${x.label}`, x));
  return [line('合计', c), ...variants, ...channels];
}

const withRates = totalsWithRates;

const rateCells = (r: RateRow) => ({
  targets: r.targets,
  assigned: r.assigned,
  visited: r.visited,
  contacted: r.contacted,
  interested: r.interested,
  success: r.success,
  feedbackRate: r.feedbackRate,
  contactRate: r.contactRate,
  successRate: r.successRate,
  turnover: r.turnover,
  revenue: r.revenue,
});

/** Campaigns whose period overlaps [from, to] (no dates = all). */
export function campaignsIn(r: Reader, p: Period): { id: string; name: string; stage: Stage; start_date: string | null; end_date: string | null }[] {
  return r.all(
    `SELECT id, name, stage, start_date, end_date FROM campaigns WHERE deleted_at IS NULL
       AND (? IS NULL OR IFNULL(end_date, '9999') >= ?) AND (? IS NULL OR IFNULL(start_date, '0000') <= ?) ORDER BY start_date, name`,
    [p.from, p.from, p.to, p.to],
  );
}

/** Adds rows into the map by key and label, recomputing the rates of merged rows. */
export function merge(into: Map<string, RateRow>, rows: RateRow[]): void {
  for (const x of rows) {
    const k = `${x.key}\u0001${x.label}`;
    const y = into.get(k);
    if (!y) {
      into.set(k, { ...x });
      continue;
    }
    for (const f of ['targets', 'assigned', 'visited', 'contacted', 'interested', 'success', 'turnover', 'revenue'] as const) y[f] += x[f];
    y.feedbackRate = ratio(y.visited, y.targets);
    y.contactRate = ratio(y.contacted, y.targets);
    y.successRate = ratio(y.success, y.targets);
  }
}

export function campaignReport(r: Reader, p: Period, now: Date): ReportTable[] {
  const list = campaignsIn(r, p);
  const summary: Record<string, string | number | null>[] = [];
  const costs: Record<string, ReportCell>[] = [];
  const priced = { cost: 0, revenue: 0, successes: 0 };
  const groups = {
    byCarrier: new Map<string, RateRow>(),
    byVillage: new Map<string, RateRow>(),
    byVariant: new Map<string, RateRow>(),
    byChannel: new Map<string, RateRow>(),
  };
  for (const c of list) {
    const res = campaignResults(r, c.id, now);
    summary.push({ name: c.name, stage: STAGES[c.stage], start: c.start_date, end: c.end_date, ...rateCells(res.overall), ...mailCostCells(res) });
    if (res.cost) {
      costs.push(...costRows(c.name, res.cost));
      priced.cost += res.cost.cost;
      priced.revenue += res.cost.revenue;
      priced.successes += res.cost.successes;
    }
    merge(groups.byCarrier, res.byCarrier);
    merge(groups.byVillage, res.byVillage);
    merge(groups.byVariant, res.byVariant);
    merge(groups.byChannel, res.byChannel);
  }
  const sub = (key: string, title: string, first: string, m: Map<string, RateRow>) =>
    withRates(
      table(
        key,
        title,
        [{ key: 'label', title: first, type: 'text', width: 16 }, ...RATE_COLUMNS],
        [...m.values()].map((x) => ({ label: x.label, ...rateCells(x) })),
        '合计',
      ),
    );
  const head = withRates(
    table(
      'summary',
      '营销活动汇总',
      [
        { key: 'name', title: '活动名称', type: 'text', width: 22 },
        { key: 'stage', title: '阶段', type: 'text', width: 10 },
        { key: 'start', title: '开始', type: 'date', width: 12 },
        { key: 'end', title: '结束', type: 'date', width: 12 },
        ...RATE_COLUMNS,
        ...MAIL_COST_COLUMNS,
      ],
      summary,
      '合计',
    ),
  );
  // Over the priced campaigns only: revenue of a campaign nobody costed says nothing about the money spent.
  const pricedTotals = {
    roi: priced.cost > 0 ? (priced.revenue - priced.cost) / priced.cost : null,
    costPerSuccess: priced.successes > 0 ? Math.round(priced.cost / priced.successes) : null,
  };
  if (head.totals) Object.assign(head.totals, { returnRate: ratio(head.totals['returned'] ?? 0, head.totals['pieces'] ?? 0), ...pricedTotals });
  const costTable = table('costs', '成本与回报', COST_COLUMNS, costs);
  costTable.totals = { campaign: '合计（各活动）', part: null, cost: priced.cost, revenue: priced.revenue, successes: priced.successes, ...pricedTotals };
  return [
    head,
    sub('byCarrier', '按投递员', '投递员', groups.byCarrier),
    sub('byVillage', '按行政村', '行政村', groups.byVillage),
    sub('byVariant', '按方案', '方案', groups.byVariant),
    sub('byChannel', '按渠道', '渠道', groups.byChannel),
    costTable,
  ];
}

export function carrierReport(r: Reader, p: Period, now: Date): ReportTable[] {
  const rows = new Map<string, RateRow>();
  for (const c of campaignsIn(r, p)) merge(rows, campaignResults(r, c.id, now).byCarrier);
  const last = lastVisitByCarrier(r);
  return [
    withRates(
      table(
        'carriers',
        '投递员业绩',
        [{ key: 'label', title: '投递员', type: 'text', width: 14 }, ...RATE_COLUMNS, { key: 'lastVisit', title: '最近走访', type: 'date', width: 12 }],
        [...rows.values()].map((x) => ({ label: x.label, ...rateCells(x), lastVisit: last.get(x.key)?.slice(0, 10) ?? null })),
        '合计',
      ),
    ),
  ];
}

/** Each carrier's latest visit, in the working database or any year's archive. */
function lastVisitByCarrier(r: Reader): Map<string, string> {
  const sql = 'SELECT carrier_id, MAX(visited_at) AS last FROM visits';
  const last = new Map<string, string>();
  const keep = (rows: { carrier_id: string; last: string }[]) => {
    for (const x of rows) if (!(last.get(x.carrier_id)! >= x.last)) last.set(x.carrier_id, x.last);
  };
  keep(r.all(`${sql} GROUP BY carrier_id`));
  for (const { year, ids } of archivedByYear(r)) keep(archiveReader(r, year).all(`${sql} WHERE ${ARCHIVED_IDS} GROUP BY carrier_id`, [ids]));
  return last;
}

export function overdueReport(r: Reader, now: Date): ReportTable[] {
  const rows: Record<string, string | number | null>[] = [];
  for (const c of campaignsIn(r, { from: null, to: null })) {
    const res = campaignResults(r, c.id, now);
    if (!res.overdue) continue;
    rows.push({
      name: c.name,
      end: c.end_date,
      targets: res.overall.targets,
      missing: res.overdue.targetsWithoutOutcome,
      feedbackRate: res.overall.feedbackRate,
    });
  }
  return [
    table(
      'overdue',
      '逾期未反馈（活动结束满一个月仍有目标未反馈）',
      [
        { key: 'name', title: '活动名称', type: 'text', width: 22 },
        { key: 'end', title: '结束日期', type: 'date', width: 12 },
        { key: 'targets', title: '目标户数', type: 'int', sum: true },
        { key: 'missing', title: '未反馈', type: 'int', sum: true },
        { key: 'feedbackRate', title: '反馈率', type: 'percent' },
      ],
      rows,
      '合计',
    ),
  ];
}
