/** 同步状况: the branches that need someone to call them — silent for over a day, or with changes the hub refused. */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Space, Table, Typography } from 'antd';
import type { SyncHealth } from '../../../shared/city';
import { get } from '../api';
import { nameColumn, numColumn } from '../components/columns';
import { ago, dateTime } from '../format';
import { useLoad } from '../useLoad';

type Silent = SyncHealth['silent'][number];
type Rejecting = SyncHealth['rejecting'][number];

export function SyncHealthPage() {
  const h = useLoad(() => get<{ now: string; active: number; health: SyncHealth }>('/sync-health'), 'sync');
  const now = h.data?.now ?? new Date().toISOString();
  const silent = h.data?.health.silent ?? [];
  const rejecting = h.data?.health.rejecting ?? [];
  const allWell = h.data && !silent.length && !rejecting.length;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="同步状况"
        extra={
          <Button icon={<ReloadOutlined />} onClick={h.reload} loading={h.loading}>
            刷新
          </Button>
        }
      >
        {h.error && <Alert type="error" showIcon title={`读取同步状况失败：${h.error}`} />}
        {allWell ? (
          <Result status="success" title="各网点同步正常" subTitle="一天内都同步过，也没有被拒绝的更改。" />
        ) : (
          <Typography.Paragraph style={{ margin: 0 }}>
            在用的 {h.data?.active ?? 0} 个网点中，{silent.length ? `${silent.length} 个超过一天未同步` : '各网点一天内都同步过'}；
            {rejecting.length ? `${rejecting.length} 个有被拒绝的更改` : '没有被拒绝的更改'}。请联系下列网点，请他们打开程序的“同步”页面查看提示并点“立即同步”。
          </Typography.Paragraph>
        )}
      </Card>
      {silent.length > 0 && (
        <Card title={`超过一天未同步（${silent.length}）`} size="small">
          <Table<Silent>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={silent}
            data-testid="silent-table"
            columns={[
              nameColumn<Silent>('网点', 'name', silent),
              {
                title: '最近同步',
                key: 'at',
                sorter: (a, b) => (a.lastSyncAt ?? '').localeCompare(b.lastSyncAt ?? ''),
                render: (_, b) => (b.lastSyncAt ? dateTime(b.lastSyncAt) : '—'),
              },
              {
                title: '已有多久',
                key: 'ago',
                render: (_, b) => <span style={{ color: '#cf1322' }}>{b.lastSyncAt ? ago(b.lastSyncAt, now) : '登记后从未同步'}</span>,
              },
            ]}
          />
        </Card>
      )}
      {rejecting.length > 0 && (
        <Card title={`有被拒绝的更改（${rejecting.length}）`} size="small">
          <Table<Rejecting>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={rejecting}
            data-testid="rejecting-table"
            columns={[
              nameColumn<Rejecting>('网点', 'name', rejecting),
              numColumn<Rejecting>('被拒绝条数', 'rejected', (b) => b.rejected),
              { title: '最近一次原因', dataIndex: 'lastRejectedReason', key: 'reason', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
