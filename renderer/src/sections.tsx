import {
  BarChartOutlined,
  EnvironmentOutlined,
  FormOutlined,
  NotificationOutlined,
  SettingOutlined,
  SyncOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface Section {
  key: string;
  label: string;
  icon: ReactNode;
  /** Not built yet: the frame shows a friendly placeholder instead. */
  comingSoon?: boolean;
}

export const SECTIONS: readonly Section[] = [
  { key: 'customers', label: '客户', icon: <TeamOutlined /> },
  { key: 'villages', label: '行政村/城市单元', icon: <EnvironmentOutlined /> },
  { key: 'campaigns', label: '营销活动', icon: <NotificationOutlined />, comingSoon: true },
  { key: 'visits', label: '走访录入', icon: <FormOutlined />, comingSoon: true },
  { key: 'reports', label: '报表', icon: <BarChartOutlined />, comingSoon: true },
  { key: 'sync', label: '同步', icon: <SyncOutlined />, comingSoon: true },
  { key: 'settings', label: '设置', icon: <SettingOutlined /> },
];

export const DEFAULT_SECTION = 'customers';
