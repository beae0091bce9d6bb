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
import { CampaignsPage } from './pages/campaigns/CampaignsPage';
import { CAMPAIGN_SECTION } from './pages/campaigns/route';
import { MAINTENANCE_SECTION, MaintenancePage } from './pages/maintenance/MaintenancePage';
import { REPORTS_SECTION, ReportsPage } from './pages/reports/ReportsPage';
import { SYNC_SECTION } from './pages/sync/route';
import { SyncPage } from './pages/sync/SyncPage';
import { USAGE_SECTION } from './pages/usage/route';
import { UsagePage } from './pages/usage/UsagePage';
import { VisitsPage } from './pages/visits/VisitsPage';

export interface Section {
  key: string;
  label: string;
  icon: ReactNode;
  /** Not built yet: the frame shows a friendly placeholder instead. */
  comingSoon?: boolean;
  /** The section's page, for sections the frame does not pick by key; it takes no props. */
  page?: ComponentType;
}

export const SECTIONS: readonly Section[] = [
  { key: 'customers', label: '客户', icon: <TeamOutlined /> },
  { key: 'villages', label: '行政村/城市单元', icon: <EnvironmentOutlined /> },
  { key: MAINTENANCE_SECTION, label: '数据维护', icon: <DatabaseOutlined />, page: MaintenancePage },
  { key: USAGE_SECTION, label: '用邮信息', icon: <FileSearchOutlined />, page: UsagePage },
  { key: CAMPAIGN_SECTION, label: '营销活动', icon: <NotificationOutlined />, page: CampaignsPage },
  { key: 'visits', label: '走访录入', icon: <FormOutlined />, page: VisitsPage },
  { key: REPORTS_SECTION, label: '报表', icon: <BarChartOutlined />, page: ReportsPage },
  { key: SYNC_SECTION, label: '同步', icon: <SyncOutlined />, page: SyncPage },
  { key: 'settings', label: '设置', icon: <SettingOutlined /> },
];

export const DEFAULT_SECTION = 'customers';
