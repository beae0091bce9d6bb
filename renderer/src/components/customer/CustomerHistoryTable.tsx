import { Alert, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { MaintenanceEvent } from '../../../../shared/domain';
import { historyActionLabel, historyFieldsText } from '../../lib/customerLabels';
import { formatDateTime } from '../../lib/format';

const ACTION_COLORS: Record<string, string> = { create: 'green', import: 'blue', merge: 'purple', delete: 'red', verify: 'cyan' };

const columns: ColumnsType<MaintenanceEvent> = [
  { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
  { title: '操作人', dataIndex: 'by', width: 110, ellipsis: true, render: (v: string | null) => v ?? '—' },
  {
    title: '操作',
    dataIndex: 'action',
    width: 100,
    render: (a: string) => <Tag color={ACTION_COLORS[a]}>{historyActionLabel(a)}</Tag>,
  },
  { title: '字段', dataIndex: 'fields', ellipsis: true, render: (f: string[]) => historyFieldsText(f) || '—' },
];

interface Props {
  events: MaintenanceEvent[] | null;
  loading: boolean;
  error: string | null;
}

/** 维护记录: every creation, edit, import, merge, verification, deletion and restore, newest first. */
export function CustomerHistoryTable({ events, loading, error }: Props) {
  if (error) return <Alert type="error" showIcon title={`读取维护记录失败：${error}`} />;
  return (
    <div data-testid="customer-history">
      <Table<MaintenanceEvent>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={events ?? []}
        pagination={(events?.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: '暂无维护记录' }}
      />
    </div>
  );
}
