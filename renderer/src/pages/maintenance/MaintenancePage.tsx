import { Card, Tabs } from 'antd';
import type { ReactNode } from 'react';
import type { OpName } from '../../../../shared/contract';
import { goToSubPath, useHashSubPath } from '../../lib/hooks';
import { roleMayCall, useSession } from '../../lib/session';
import { BirthdaysTab } from './BirthdaysTab';
import { CleanupTab } from './CleanupTab';
import { DashboardTab } from './DashboardTab';
import { DuplicatesTab } from './DuplicatesTab';
import { VerificationTab } from './VerificationTab';
import { RecycleBinTab } from './RecycleBinTab';
import { MAINTENANCE_SECTION, RECYCLE_TAB } from './route';

export { MAINTENANCE_SECTION } from './route';

/** Each tab with the operation that lists its content: a tab the role may not read is not offered. */
const TABS: { key: string; label: string; children: ReactNode; needs: OpName }[] = [
  { key: 'dashboard', label: '维护看板', children: <DashboardTab />, needs: 'maintenance.dashboard' },
  { key: 'verification', label: '核查抽样', children: <VerificationTab />, needs: 'verification.current' },
  { key: 'duplicates', label: '重复客户', children: <DuplicatesTab />, needs: 'customers.duplicates' },
  { key: 'cleanup', label: '清理', children: <CleanupTab />, needs: 'cleanup.list' },
  { key: RECYCLE_TAB, label: '已删除', children: <RecycleBinTab />, needs: 'customers.deleted' },
  { key: 'birthdays', label: '近期生日', children: <BirthdaysTab />, needs: 'customers.birthdays' },
];

/**
 * 数据维护: the maintenance rules of the programme in one place. The tab lives in the address (#/maintenance/cleanup)
 * so a reload stays put; a tab is rebuilt each time it is shown, so it never shows figures from before a merge.
 */
export function MaintenancePage() {
  const sub = useHashSubPath();
  const { role } = useSession().user;
  const tabs = TABS.filter((t) => roleMayCall(role, t.needs)).map(({ needs: _needs, ...t }) => t);
  const active = tabs.some((t) => t.key === sub) ? sub : 'dashboard';
  return (
    <Card title="数据维护" style={{ flex: 1 }} styles={{ body: { paddingTop: 8 } }}>
      <Tabs activeKey={active} onChange={(key) => goToSubPath(MAINTENANCE_SECTION, key)} items={tabs} destroyOnHidden />
    </Card>
  );
}
