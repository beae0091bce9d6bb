import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { UsageFact } from '../../../../shared/domain';
import { formatDate } from '../../lib/format';

const columns: ColumnsType<UsageFact> = [
  { title: '业务', dataIndex: 'line', width: 90 },
  { title: '产品', dataIndex: 'product', render: (v: string | null) => v ?? '—' },
  { title: '首次', dataIndex: 'firstDate', width: 110, render: (v: string | null) => formatDate(v) || '—' },
  { title: '最近', dataIndex: 'lastDate', width: 110, render: (v: string | null) => formatDate(v) || '—' },
  { title: '金额档次', dataIndex: 'amountBand', width: 90, render: (v: string | null) => v ?? '—' },
  { title: '信息来源', dataIndex: 'source', width: 120, ellipsis: true },
];

/** 用邮信息: which postal products the customer uses. */
export function CustomerUsageTable({ usage }: { usage: UsageFact[] }) {
  return <Table<UsageFact> rowKey="id" size="small" columns={columns} dataSource={usage} pagination={false} locale={{ emptyText: '暂无用邮信息' }} />;
}
