import { Alert, Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { OpOutput } from '../../../../shared/contract';

type FollowUp = OpOutput<'campaigns.followUps'>[number];

interface Props {
  rows: FollowUp[] | null;
  error: string | null;
  loading: boolean;
}

function columns(today: string): ColumnsType<FollowUp> {
  return [
    {
      title: '跟进日期',
      dataIndex: 'followUpDate',
      width: 120,
      render: (d: string) => <Tag color={d < today ? 'red' : d === today ? 'orange' : 'blue'}>{d}</Tag>,
    },
    { title: '姓名', dataIndex: 'name' },
    { title: '电话', dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
    { title: '活动', dataIndex: 'campaignName', ellipsis: true },
  ];
}

/** 本周待跟进: follow-ups due within the next seven days; overdue ones in red. */
export function FollowUpList({ rows, error, loading }: Props) {
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <Card size="small" title={`本周待跟进${rows ? `（${rows.length}）` : ''}`} data-testid="follow-ups">
      {error && <Alert type="error" showIcon title={`读取待跟进失败：${error}`} style={{ marginBottom: 8 }} />}
      <Table<FollowUp>
        rowKey="targetId"
        size="small"
        loading={loading && !rows}
        columns={columns(today)}
        dataSource={rows ?? []}
        pagination={rows && rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: '本周没有需要跟进的客户' }}
      />
    </Card>
  );
}
