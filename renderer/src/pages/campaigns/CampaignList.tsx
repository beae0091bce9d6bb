import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { STAGE_ORDER, STAGES, type Stage } from '../../../../shared/campaign';
import type { Campaign } from '../../../../shared/domain';
import { api } from '../../api';
import { channelLabel, OWNER_LABELS, periodText, STAGE_COLORS } from '../../components/campaign/labels';
import { useCan } from '../../lib/session';
import { useLoader } from '../../lib/useLoader';
import { CampaignFormModal } from './CampaignFormModal';
import { goToCampaign } from './route';

const loadCampaigns = () => api['campaigns.list']({});

const COLUMNS: ColumnsType<Campaign> = [
  {
    title: '活动名称',
    dataIndex: 'name',
    sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    render: (name: string, c) => (
      <a href={`#/campaigns/${encodeURIComponent(c.id)}/overview`} data-testid="campaign-link">
        {name}
      </a>
    ),
  },
  {
    title: '阶段',
    dataIndex: 'stage',
    width: 110,
    filters: STAGE_ORDER.map((s) => ({ text: STAGES[s], value: s })),
    onFilter: (v, c) => c.stage === v,
    sorter: (a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage),
    render: (s: Stage, c) => (
      <>
        <Tag color={STAGE_COLORS[s]}>{STAGES[s]}</Tag>
        {c.archivedYear !== null && <Tag data-testid="campaign-archived">已归档</Tag>}
      </>
    ),
  },
  { title: '渠道', dataIndex: 'channels', render: (cs: string[]) => cs.map(channelLabel).join('、') },
  {
    title: '活动时间',
    key: 'period',
    width: 230,
    render: (_: unknown, c) => periodText(c),
    sorter: (a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? ''),
  },
  {
    title: '目标户数',
    key: 'targets',
    width: 130,
    align: 'right',
    sorter: (a, b) => a.targets - b.targets,
    render: (_: unknown, c) => (c.frozenAt ? `${c.targets.toLocaleString('zh-CN')} 户` : c.targetCount ? `计划 ${c.targetCount.toLocaleString('zh-CN')}` : '—'),
  },
  {
    title: '来源',
    dataIndex: 'owner',
    width: 100,
    filters: [
      { text: OWNER_LABELS.branch, value: 'branch' },
      { text: OWNER_LABELS.hub, value: 'hub' },
    ],
    onFilter: (v, c) => c.owner === v,
    render: (o: Campaign['owner']) => <Tag color={o === 'hub' ? 'gold' : 'default'}>{OWNER_LABELS[o]}</Tag>,
  },
];

/** The branch's campaigns, newest first, with 新建活动. */
export function CampaignList() {
  const list = useLoader(loadCampaigns);
  const [creating, setCreating] = useState(false);
  const [query, setQuery] = useState('');
  const canCreate = useCan('campaigns.create');
  const rows = useMemo(() => (list.data ?? []).filter((c) => !query.trim() || c.name.includes(query.trim())), [list.data, query]);

  return (
    <Card
      title="营销活动"
      style={{ flex: 1 }}
      extra={
        <Space>
          <Input.Search allowClear placeholder="按名称查找" style={{ width: 220 }} onChange={(e) => setQuery(e.target.value)} />
          <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
            刷新
          </Button>
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建活动
            </Button>
          )}
        </Space>
      }
    >
      {list.error && <Alert type="error" showIcon title={`读取营销活动失败：${list.error}`} style={{ marginBottom: 12 }} />}
      <Table<Campaign>
        rowKey="id"
        size="middle"
        loading={list.loading && !list.data}
        columns={COLUMNS}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: canCreate ? '还没有营销活动，点击“新建活动”开始' : '还没有营销活动' }}
        data-testid="campaign-table"
      />
      <CampaignFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          goToCampaign(c.id, 'overview');
        }}
      />
    </Card>
  );
}
