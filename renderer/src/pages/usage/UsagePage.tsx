import { Card, Tabs } from 'antd';
import type { ReactNode } from 'react';
import type { OpName } from '../../../../shared/contract';
import { goToSubPath, useHashSubPath } from '../../lib/hooks';
import { roleMayCall, useSession } from '../../lib/session';
import { LibrariesTab } from './LibrariesTab';
import { LinesTab } from './LinesTab';
import { PlanTab } from './PlanTab';
import { QueueTab } from './QueueTab';
import { USAGE_SECTION } from './route';
import { UsageImportTab } from './UsageImportTab';

const TABS: { key: string; label: string; children: ReactNode; needs: OpName }[] = [
  { key: 'import', label: '导入提取数据', children: <UsageImportTab />, needs: 'usage.importStart' },
  { key: 'queue', label: '勾挑核对', children: <QueueTab />, needs: 'usage.queue' },
  { key: 'libraries', label: '专业库与名址库', children: <LibrariesTab />, needs: 'usage.libraries' },
  { key: 'plan', label: '采集计划', children: <PlanTab />, needs: 'usage.plan' },
  { key: 'lines', label: '业务类别', children: <LinesTab />, needs: 'usage.lines' },
];

/**
 * 用邮信息: the quarterly extracts of the business systems matched to customers, the review queue for the rest,
 * the libraries built on usage and tags, and the yearly plan for building them. The tab lives in the address.
 */
export function UsagePage() {
  const sub = useHashSubPath();
  const { role } = useSession().user;
  const tabs = TABS.filter((t) => roleMayCall(role, t.needs)).map(({ needs: _needs, ...t }) => t);
  const active = tabs.some((t) => t.key === sub) ? sub : (tabs[0]?.key ?? 'libraries');
  return (
    <Card title="用邮信息" style={{ flex: 1 }} styles={{ body: { paddingTop: 8 } }}>
      <Tabs activeKey={active} onChange={(key) => goToSubPath(USAGE_SECTION, key)} items={tabs} destroyOnHidden />
    </Card>
  );
}
