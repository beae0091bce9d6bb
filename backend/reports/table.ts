import type { ReportCell, ReportColumn, ReportTable } from '../../shared/domain';

/** A table with its totals row computed from the columns marked `sum` (rates are recomputed by the caller). */
export function table(key: string, title: string, columns: ReportColumn[], rows: Record<string, ReportCell>[], totalLabel?: string): ReportTable {
  if (!totalLabel) return { key, title, columns, rows, totals: null };
  const totals: Record<string, ReportCell> = { [columns[0]!.key]: totalLabel };
  for (const c of columns) if (c.sum) totals[c.key] = rows.reduce((s, r) => s + Number(r[c.key] ?? 0), 0);
  return { key, title, columns, rows, totals };
}

export const ratio = (n: ReportCell, d: ReportCell): number => (Number(d) ? Number(n) / Number(d) : 0);
