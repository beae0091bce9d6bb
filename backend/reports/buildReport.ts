import { REPORT_TITLES, type Report, type ReportName, type ReportTable } from '../../shared/domain';
import type { Reader } from '../db/handles';
import { getSetting, SETTING_BRANCH_NAME } from '../services/settings';
import { campaignReport, carrierReport, overdueReport, type Period } from './campaignReports';
import { maintenanceReport, quarterlyReport, subsidyReport } from './maintenanceReports';

// Titles live in shared/ so the 报表 screen lists the same names the workbooks carry.
export { REPORT_TITLES };

export function buildReport(r: Reader, name: ReportName, period: Period, now: Date): Report {
  let tables: ReportTable[];
  let notes: string[] = [];
  switch (name) {
    case 'campaign':
      tables = campaignReport(r, period, now);
      break;
    case 'maintenance':
      tables = maintenanceReport(r, now);
      break;
    case 'subsidy':
      ({ tables, notes } = subsidyReport(r, now));
      break;
    case 'quarterly':
      tables = quarterlyReport(r, now);
      break;
    case 'carriers':
      tables = carrierReport(r, period, now);
      break;
    case 'overdue':
      tables = overdueReport(r, now);
      break;
  }
  return {
    name,
    title: REPORT_TITLES[name],
    branchName: getSetting(r, SETTING_BRANCH_NAME) ?? '未命名网点',
    from: period.from,
    to: period.to,
    generatedAt: now.toISOString(),
    tables,
    notes,
  };
}
