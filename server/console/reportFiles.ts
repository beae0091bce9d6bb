/**
 * The cross-branch workbook the 报表 page downloads: the city reports of server/city/reports.ts, all read in one
 * REPEATABLE READ snapshot (the sheets of one workbook agree), written one sheet per table.
 *
 * A stop-gap: the branch's workbook writer (backend/excel/reportWorkbook.ts) may not be imported by the hub, and
 * the hub's own is still to come; until it does, this writes the same layout (title, branch and period line,
 * header, ¥ and % formats, totals) plainly. Replace the body of cityReportWorkbook with a call to it then.
 */
import ExcelJS from 'exceljs';
import { REPORT_TITLES, type Report, type ReportColumn, type ReportName } from '../../shared/domain';
import { cityReport, type Period } from '../city/reports';
import type { HubDb } from '../db';

export interface WorkbookProgress {
  now?: Date;
  /** Called before each step; the caller throws from it (or aborts `signal`) to stop. */
  onProgress?: (done: number, total: number, step: string) => void;
  signal?: AbortSignal;
}

const FORMATS: Partial<Record<ReportColumn['type'], string>> = { int: '#,##0', money: '"¥"#,##0.00', percent: '0.0%' };

export async function cityReportWorkbook(db: HubDb, names: readonly ReportName[], period: Period, opts: WorkbookProgress = {}): Promise<Buffer> {
  const now = opts.now ?? new Date();
  const total = names.length + 1;
  const reports = await db.tx(async (q) => {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const out: Report[] = [];
    for (const [i, name] of names.entries()) {
      opts.signal?.throwIfAborted();
      opts.onProgress?.(i, total, `正在汇总：${REPORT_TITLES[name]}`);
      out.push(await cityReport(q, name, period, now));
    }
    return out;
  });
  opts.signal?.throwIfAborted();
  opts.onProgress?.(names.length, total, '正在写入工作簿');
  return writeWorkbook(reports);
}

async function writeWorkbook(reports: readonly Report[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const report of reports) {
    const range = report.from || report.to ? `${report.from ?? '开始'} 至 ${report.to ?? '今'}` : '全部日期';
    for (const t of report.tables) {
      let name = (report.tables.length > 1 ? `${REPORT_TITLES[report.name]}-${t.title}` : REPORT_TITLES[report.name]).replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
      for (let i = 2; used.has(name); i++) name = `${name.slice(0, 26)}${i}`;
      used.add(name);
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
      ws.columns = t.columns.map((c) => ({ key: c.key, width: c.width ?? Math.max(10, c.title.length * 2 + 2), style: FORMATS[c.type] ? { numFmt: FORMATS[c.type]! } : {} }));
      ws.addRow([`${report.title}：${t.title}`]).font = { bold: true, size: 14 };
      ws.addRow([`范围：${report.branchName}    日期范围：${range}    生成时间：${report.generatedAt.slice(0, 19).replace('T', ' ')}`]);
      const header = ws.addRow(t.columns.map((c) => c.title));
      header.font = { bold: true };
      ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: t.columns.length } };
      const cell = (c: ReportColumn, v: unknown) => (v === null || v === undefined ? null : c.type === 'money' ? Number(v) / 100 : v);
      for (const row of t.rows) ws.addRow(t.columns.map((c) => cell(c, row[c.key])));
      if (t.totals) ws.addRow(t.columns.map((c) => cell(c, t.totals![c.key]))).font = { bold: true };
      for (const note of report.notes) ws.addRow([note]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
