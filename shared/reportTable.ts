import type { ReportCell, ReportColumn, ReportTable } from './domain';

/** The scope a cross-branch report names in place of one branch. */
export const CITY_SCOPE = '全市';

/** A table with its totals row computed from the columns marked `sum` (rates are recomputed by the caller). */
export function table(key: string, title: string, columns: ReportColumn[], rows: Record<string, ReportCell>[], totalLabel?: string): ReportTable {
  if (!totalLabel) return { key, title, columns, rows, totals: null };
  const totals: Record<string, ReportCell> = { [columns[0]!.key]: totalLabel };
  for (const c of columns) if (c.sum) totals[c.key] = rows.reduce((s, r) => s + Number(r[c.key] ?? 0), 0);
  return { key, title, columns, rows, totals };
}

export const ratio = (n: ReportCell, d: ReportCell): number => (Number(d) ? Number(n) / Number(d) : 0);

/** The columns of every per-target campaign figure, at the branch and in the hub's city workbooks alike. */
export const RATE_COLUMNS: ReportColumn[] = [
  { key: 'targets', title: '目标户数', type: 'int', sum: true },
  { key: 'assigned', title: '已派工', type: 'int', sum: true },
  { key: 'visited', title: '已反馈', type: 'int', sum: true },
  { key: 'contacted', title: '已接触', type: 'int', sum: true },
  { key: 'interested', title: '有意向', type: 'int', sum: true },
  { key: 'success', title: '成功', type: 'int', sum: true },
  { key: 'feedbackRate', title: '反馈率', type: 'percent' },
  { key: 'contactRate', title: '接触率', type: 'percent' },
  { key: 'successRate', title: '成功率', type: 'percent' },
  { key: 'turnover', title: '流转额', type: 'money', sum: true, width: 14 },
  { key: 'revenue', title: '收入', type: 'money', sum: true, width: 14 },
];

/** Recomputes the rates of a totals row from its sums (rates do not add up). */
export function totalsWithRates(t: ReportTable): ReportTable {
  if (t.totals) {
    t.totals['feedbackRate'] = ratio(t.totals['visited'] ?? 0, t.totals['targets'] ?? 0);
    t.totals['contactRate'] = ratio(t.totals['contacted'] ?? 0, t.totals['targets'] ?? 0);
    t.totals['successRate'] = ratio(t.totals['success'] ?? 0, t.totals['targets'] ?? 0);
  }
  return t;
}
