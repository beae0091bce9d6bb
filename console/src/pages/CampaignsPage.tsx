/** 专项活动: the campaigns the 市局 issued; one opens to its progress per branch. */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { CHANNELS, type Channel } from '../../../shared/campaign';
import type { CampaignListItem } from '../../../shared/hubConsole';
import { get } from '../api';
import { nameColumn, numColumn } from '../components/columns';
import { date } from '../format';
import { useLoad } from '../useLoad';
import { CampaignProgressView } from './CampaignProgressView';
import { IssueCampaignModal } from './IssueCampaignModal';

export const channelTags = (channels: readonly string[]) =>
  channels.map((c) => (
    <Tag key={c} style={{ marginInlineEnd: 4 }}>
      {CHANNELS[c as Channel] ?? c}
    </Tag>
  ));

export function CampaignsPage({ campaignId, go }: { campaignId: string | null; go: (path: string) => void }) {
  const list = useLoad(() => get<CampaignListItem[]>('/campaigns'), 'campaigns');
  const [issuing, setIssuing] = useState(false);
  if (campaignId) return <CampaignProgressView id={campaignId} onBack={() => go('campaigns')} />;
  const rows = list.data ?? [];

  return (
    <Card
      title="专项活动"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>
            下达活动
          </Button>
        </Space>
      }
    >
      {list.error && <Alert type="error" showIcon title={`读取活动失败：${list.error}`} style={{ marginBottom: 12 }} />}
      <Table<CampaignListItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={rows}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '还没有下达过专项活动' }}
        data-testid="campaigns-table"
        columns={[
          nameColumn<CampaignListItem>('活动名称', 'name', rows, (name, c) => <a href={`#/campaigns/${encodeURIComponent(c.id)}`}>{name}</a>),
          { title: '渠道', key: 'channels', render: (_, c) => channelTags(c.channels) },
          { title: '开始', key: 'start', render: (_, c) => date(c.startDate), sorter: (a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '') },
          { title: '结束', key: 'end', render: (_, c) => date(c.endDate), sorter: (a, b) => (a.endDate ?? '').localeCompare(b.endDate ?? '') },
          numColumn<CampaignListItem>('网点数', 'branches', (c) => c.branches),
          {
            title: '下达日期',
            key: 'created',
            render: (_, c) => date(c.createdAt),
            sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
            defaultSortOrder: 'descend',
          },
          { title: '', key: 'open', render: (_, c) => <a href={`#/campaigns/${encodeURIComponent(c.id)}`}>查看进度</a> },
        ]}
      />
      <IssueCampaignModal
        open={issuing}
        onClose={() => setIssuing(false)}
        onIssued={(id) => {
          setIssuing(false);
          go(`campaigns/${encodeURIComponent(id)}`);
        }}
      />
    </Card>
  );
}
