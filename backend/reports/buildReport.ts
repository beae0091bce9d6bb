import type { Report, ReportName, ReportTable } from '../../shared/domain';
import type { Reader } from '../db/handles';
import { getSetting, SETTING_BRANCH_NAME } from '../services/settings';
import { campaignReport, carrierReport, overdueReport, type Period } from './campaignReports';
import { maintenanceReport, quarterlyReport, subsidyReport } from './maintenanceReports';

export const REPORT_TITLES: Record<ReportName, string> = {
  campaign: '营销活动汇总',
  maintenance: '数据维护报表',
  subsidy: '维护补贴',
  quarterly: '季度进度',
  carriers: '投递员业绩',
  overdue: '逾期未反馈',
};

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
