/**
 * The formatted workbooks supervisors get (ExcelJS; SheetJS's community build writes no styles): one sheet per
 * table with a Chinese title, the branch, the date range and the time it was made, column widths, a frozen
 * header row, autofilter, numbers as numbers with ¥ and % formats, and a bold totals row. Written with the
 * streaming writer so a large report never sits in memory twice.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Report, ReportCell, ReportColumn, ReportTable } from '../domain';
import { csvText, formattedNumber, type CsvValue } from '../csv';
import { CITY_SCOPE } from '../reportTable';

const FORMATS: Record<ReportColumn['type'], string | undefined> = {
  text: undefined,
  date: undefined,
  int: '#,##0',
  money: '"¥"#,##0.00',
  percent: '0.0%',
};

const value = (c: ReportColumn, v: ReportCell) => (v === null || v === undefined ? null : c.type === 'money' ? Number(v) / 100 : v);

/** A report's first table is often named like the report itself; 营销活动汇总：营销活动汇总 would say it twice. */
const titled = (report: Report, t: ReportTable, sep: string) =>
  !t.title || report.title.startsWith(t.title) ? report.title : `${report.title}${sep}${t.title}`;

function sheetName(used: Set<string>, title: string): string {
  let name = title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
  for (let i = 2; used.has(name); i++) name = `${title.slice(0, 26)}${i}`;
  used.add(name);
  return name;
}

export async function reportWorkbook(reports: Report[], onProgress?: (done: number, total: number) => void): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const used = new Set<string>();
  const total = reports.reduce((s, r) => s + r.tables.length, 0);
  let done = 0;
  for (const report of reports) {
    for (const t of report.tables) {
      const ws = wb.addWorksheet(sheetName(used, report.tables.length > 1 ? titled(report, t, '-') : report.title), {
        views: [{ state: 'frozen', ySplit: 3 }],
      });
      ws.columns = t.columns.map((c) => ({
        key: c.key,
        width: c.width ?? Math.max(10, c.title.length * 2 + 2),
        style: FORMATS[c.type] ? { numFmt: FORMATS[c.type]! } : {},
      }));
      const range = report.from || report.to ? `${report.from ?? '开始'} 至 ${report.to ?? '今'}` : '全部日期';
      const title = ws.addRow([titled(report, t, '：')]);
      title.font = { bold: true, size: 14 };
      ws.addRow([
        `${report.branchName === CITY_SCOPE ? '范围' : '网点'}：${report.branchName}    日期范围：${range}    生成时间：${report.generatedAt.slice(0, 19).replace('T', ' ')}`,
      ]);
      const header = ws.addRow(t.columns.map((c) => c.title));
      header.font = { bold: true };
      header.eachCell((cell) => {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F3EC' } };
        cell.border = { bottom: { style: 'thin' } };
      });
      ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: t.columns.length } };
      title.commit();
      header.commit();
      for (const row of t.rows) ws.addRow(t.columns.map((c) => value(c, row[c.key] ?? null))).commit();
      if (t.totals) {
        const tr = ws.addRow(t.columns.map((c) => value(c, t.totals![c.key] ?? null)));
        tr.font = { bold: true };
        tr.commit();
      }
      for (const n of report.notes) ws.addRow([n]).commit();
      ws.commit();
      onProgress?.(++done, total);
    }
  }
  await wb.commit();
  return Buffer.concat(chunks);
}

/** CSV of one table (csv.ts: BOM, quoting, text that cannot run as a formula); money and rates stay numbers. */
export function reportCsv(report: Report, tableIndex = 0): string {
  const t = report.tables[tableIndex]!;
  const fmt = (c: ReportColumn, v: ReportCell): CsvValue => {
    if (v === null || v === undefined) return null;
    if (c.type === 'money') return formattedNumber(Number(v) / 100, 2);
    if (c.type === 'percent') return formattedNumber(Number(v) * 100, 1, '%');
    return v;
  };
  const rows: CsvValue[][] = [t.columns.map((c) => c.title), ...t.rows.map((r) => t.columns.map((c) => fmt(c, r[c.key] ?? null)))];
  if (t.totals) rows.push(t.columns.map((c) => fmt(c, t.totals![c.key] ?? null)));
  return csvText(rows);
}
