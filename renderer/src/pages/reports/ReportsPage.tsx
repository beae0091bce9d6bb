import { Card, Result, Tabs } from 'antd';
import type { ReactNode } from 'react';
import type { OpName } from '../../../../shared/contract';
import { goToSubPath, useHashSubPath } from '../../lib/hooks';
import { roleMayCall, useSession } from '../../lib/session';
import { DashboardTab } from './DashboardTab';
import { ReportsTab } from './ReportsTab';

export const REPORTS_SECTION = 'reports';

const TABS: { key: string; label: string; children: ReactNode; needs: OpName }[] = [
  { key: 'dashboard', label: '看板', children: <DashboardTab />, needs: 'dashboard.get' },
  { key: 'tables', label: '报表', children: <ReportsTab />, needs: 'reports.get' },
];

/** 报表: the dashboard of charts and the report tables with their exports; the tab lives in the address. */
export function ReportsPage() {
  const sub = useHashSubPath();
  const { role } = useSession().user;
  const tabs = TABS.filter((t) => roleMayCall(role, t.needs)).map(({ needs: _needs, ...t }) => t);
  if (tabs.length === 0) return <Result status="403" title="报表仅供营业员、主管和管理员查看" />;
  const active = tabs.some((t) => t.key === sub) ? sub : tabs[0]!.key;
  return (
    <Card title="报表" style={{ flex: 1 }} styles={{ body: { paddingTop: 8 } }}>
      <Tabs activeKey={active} onChange={(key) => goToSubPath(REPORTS_SECTION, key)} items={tabs} destroyOnHidden />
    </Card>
  );
}
