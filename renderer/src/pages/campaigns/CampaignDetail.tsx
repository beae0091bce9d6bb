import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Spin, Tabs, Tag } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import type { OpName } from '../../../../shared/contract';
import { STAGES } from '../../../../shared/campaign';
import type { Campaign } from '../../../../shared/domain';
import { api } from '../../api';
import { OWNER_LABELS, STAGE_COLORS } from '../../components/campaign/labels';
import { roleMayCall, useCan, useSession } from '../../lib/session';
import { useLoader } from '../../lib/useLoader';
import { CampaignFormModal } from './CampaignFormModal';
import { DispatchTab } from './DispatchTab';
import { MailTab } from './mail/MailTab';
import { OverviewTab } from './OverviewTab';
import { ResultsTab } from './ResultsTab';
import { goToCampaign, goToCampaignList, type DetailTab } from './route';
import { SelectTab } from './SelectTab';
import { TestTab } from './TestTab';

interface Props {
  id: string;
  tab: DetailTab;
}

/** One campaign: 概况, 数据筛选, 测试, 派工, 结果 — the tab lives in the address. */
export function CampaignDetail({ id, tab }: Props) {
  const load = useCallback(() => api['campaigns.get']({ id }), [id]);
  const loaded = useLoader(load);
  const [fresh, setFresh] = useState<Campaign | null>(null);
  const [editing, setEditing] = useState(false);
  const canEdit = useCan('campaigns.update');
  const { role } = useSession().user;
  const campaign = fresh ?? loaded.data;

  if (!campaign) {
    return (
      <Card style={{ flex: 1 }}>
        {loaded.error ? (
          <Alert type="error" showIcon title={`读取活动失败：${loaded.error}`} action={<Button onClick={goToCampaignList}>返回列表</Button>} />
        ) : (
          <Spin />
        )}
      </Card>
    );
  }

  const changed = (c: Campaign) => setFresh(c);
  // A tab that changed the campaign indirectly (a test started) asks for it again; a failure leaves the old copy.
  const refresh = () => void api['campaigns.get']({ id }).then(setFresh, () => undefined);
  // Each tab with the operation it is for: a tab the role may not use is not offered (a carrier reads 概况, 派工 for
  // printing their own list, and 结果).
  const tabs: { key: DetailTab; label: string; children: ReactNode; needs: OpName }[] = [
    { key: 'overview', label: '概况', children: <OverviewTab campaign={campaign} onChanged={changed} />, needs: 'campaigns.get' },
    { key: 'select', label: '数据筛选', children: <SelectTab campaign={campaign} onChanged={changed} />, needs: 'segments.count' },
    { key: 'test', label: '测试', children: <TestTab campaign={campaign} onChanged={refresh} />, needs: 'campaigns.startTest' },
    { key: 'dispatch', label: '派工', children: <DispatchTab campaign={campaign} onChanged={refresh} />, needs: 'dispatch.status' },
    { key: 'mail', label: '商函/短信', children: <MailTab campaign={campaign} />, needs: 'mail.list' },
    { key: 'results', label: '结果', children: <ResultsTab campaign={campaign} />, needs: 'campaigns.results' },
  ];
  // An archived campaign's targets and visits are in its year's archive file: its figures read, nothing more.
  const archived = campaign.archivedYear !== null;
  const items = tabs
    .filter((t) => roleMayCall(role, t.needs) && (!archived || t.key === 'overview' || t.key === 'results'))
    .map(({ needs: _needs, ...t }) => t);
  const active = items.some((t) => t.key === tab) ? tab : 'overview';

  return (
    <Card
      style={{ flex: 1 }}
      styles={{ body: { paddingTop: 4 } }}
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={goToCampaignList} aria-label="返回活动列表" />
          <span data-testid="campaign-title">{campaign.name}</span>
          <Tag color={STAGE_COLORS[campaign.stage]}>{STAGES[campaign.stage]}</Tag>
          <Tag>{OWNER_LABELS[campaign.owner]}</Tag>
          {archived && <Tag>已归档</Tag>}
        </Space>
      }
      extra={
        canEdit && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            编辑
          </Button>
        )
      }
    >
      {archived && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="campaign-archived-note"
          title={`该活动已于结束一年后移入 ${campaign.archivedYear} 年的归档文件：结果和报表照常可查、可导出，不能再派工或录入走访。`}
        />
      )}
      <Tabs activeKey={active} onChange={(k) => goToCampaign(id, k as DetailTab)} items={items} destroyOnHidden />
      {canEdit && (
        <CampaignFormModal
          open={editing}
          campaign={campaign}
          onClose={() => setEditing(false)}
          onSaved={(c) => {
            setEditing(false);
            setFresh(c);
          }}
        />
      )}
    </Card>
  );
}
