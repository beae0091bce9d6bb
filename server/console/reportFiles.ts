/**
 * The cross-branch workbook the 报表 page downloads: the city reports of server/city/reports.ts, all read in one
 * REPEATABLE READ snapshot (the sheets of one workbook agree), written by the same workbook writer the branch
 * uses (shared/node/reportWorkbook.ts), so a city sheet and a branch sheet look alike.
 */
import { REPORT_TITLES, type Report, type ReportName } from '../../shared/domain';
import { reportWorkbook } from '../../shared/node/reportWorkbook';
import { cityReport, type Period } from '../city/reports';
import type { HubDb } from '../db';

export interface WorkbookProgress {
  now?: Date;
  /** Called before each step; the caller throws from it (or aborts `signal`) to stop. */
  onProgress?: (done: number, total: number, step: string) => void;
  signal?: AbortSignal;
}

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
  return reportWorkbook(reports);
}
