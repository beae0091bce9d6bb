import {
  BarChartOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  FormOutlined,
  NotificationOutlined,
  SettingOutlined,
  SyncOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import type { OpName } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { roleMayCall } from './lib/session';
import { CampaignsPage } from './pages/campaigns/CampaignsPage';
import { CAMPAIGN_SECTION } from './pages/campaigns/route';
import { MAINTENANCE_SECTION, MaintenancePage } from './pages/maintenance/MaintenancePage';
import { REPORTS_SECTION, ReportsPage } from './pages/reports/ReportsPage';
import { SYNC_SECTION } from './pages/sync/route';
import { SyncPage } from './pages/sync/SyncPage';
import { USAGE_SECTION } from './pages/usage/route';
import { UsagePage } from './pages/usage/UsagePage';
import { VisitsPage } from './pages/visits/VisitsPage';

export const VISITS_SECTION = 'visits';

export interface Section {
  key: string;
  label: string;
  icon: ReactNode;
  /** Not built yet: the frame shows a friendly placeholder instead. */
  comingSoon?: boolean;
  /** The section's page, for sections the frame does not pick by key; it takes no props. */
  page?: ComponentType;
  /**
   * The operation the page exists for: a role the contract does not allow it is not offered the section, so the
   * menu follows the contract's roles instead of a list of its own.
   */
  needs: OpName;
}

export const SECTIONS: readonly Section[] = [
  { key: 'customers', label: '客户', icon: <TeamOutlined />, needs: 'customers.list' },
  { key: 'villages', label: '行政村/城市单元', icon: <EnvironmentOutlined />, needs: 'villages.list' },
  { key: MAINTENANCE_SECTION, label: '数据维护', icon: <DatabaseOutlined />, page: MaintenancePage, needs: 'maintenance.dashboard' },
  { key: USAGE_SECTION, label: '用邮信息', icon: <FileSearchOutlined />, page: UsagePage, needs: 'usage.summary' },
  { key: CAMPAIGN_SECTION, label: '营销活动', icon: <NotificationOutlined />, page: CampaignsPage, needs: 'campaigns.list' },
  { key: VISITS_SECTION, label: '走访录入', icon: <FormOutlined />, page: VisitsPage, needs: 'visits.record' },
  { key: REPORTS_SECTION, label: '报表', icon: <BarChartOutlined />, page: ReportsPage, needs: 'reports.get' },
  { key: SYNC_SECTION, label: '同步', icon: <SyncOutlined />, page: SyncPage, needs: 'sync.status' },
  { key: 'settings', label: '设置', icon: <SettingOutlined />, needs: 'settings.get' },
];

export const DEFAULT_SECTION = 'customers';

/** Where a role starts after log-in: a carrier comes to the PC to enter the round just walked. */
const START_SECTION: Partial<Record<Role, string>> = { carrier: VISITS_SECTION };

export function sectionsFor(role: Role): Section[] {
  return SECTIONS.filter((s) => roleMayCall(role, s.needs));
}

export function startSectionFor(role: Role): string {
  const offered = sectionsFor(role);
  const wanted = START_SECTION[role] ?? DEFAULT_SECTION;
  return (offered.find((s) => s.key === wanted) ?? offered[0])?.key ?? DEFAULT_SECTION;
}
