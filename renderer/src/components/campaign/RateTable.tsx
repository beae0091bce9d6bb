import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { RateRow } from '../../../../shared/domain';
import { formatPercent } from '../../lib/format';
import { formatFen } from './money';

interface Props {
  rows: RateRow[];
  /** Header of the first column: 投递员, 行政村, 方案, 渠道. */
  groupTitle: string;
  testId?: string;
}

const num = (a: number, b: number) => a - b;

/** One grouping of the results: targets, visits, the three rates and the money, each column sortable. */
export function RateTable({ rows, groupTitle, testId }: Props) {
  const columns: ColumnsType<RateRow> = [
    { title: groupTitle, dataIndex: 'label', fixed: 'left', sorter: (a, b) => a.label.localeCompare(b.label, 'zh-CN') },
    { title: '目标', dataIndex: 'targets', align: 'right', sorter: (a, b) => num(a.targets, b.targets) },
    { title: '已派', dataIndex: 'assigned', align: 'right' },
    { title: '已反馈', dataIndex: 'visited', align: 'right', sorter: (a, b) => num(a.visited, b.visited) },
    { title: '成功', dataIndex: 'success', align: 'right', sorter: (a, b) => num(a.success, b.success) },
    { title: '反馈率', dataIndex: 'feedbackRate', align: 'right', render: formatPercent, sorter: (a, b) => num(a.feedbackRate, b.feedbackRate) },
    { title: '接触率', dataIndex: 'contactRate', align: 'right', render: formatPercent, sorter: (a, b) => num(a.contactRate, b.contactRate) },
    { title: '成功率', dataIndex: 'successRate', align: 'right', render: formatPercent, sorter: (a, b) => num(a.successRate, b.successRate) },
    { title: '流转额', dataIndex: 'turnover', align: 'right', render: formatFen, sorter: (a, b) => num(a.turnover, b.turnover) },
    { title: '收入', dataIndex: 'revenue', align: 'right', render: formatFen, sorter: (a, b) => num(a.revenue, b.revenue) },
  ];
  return (
    <Table<RateRow>
      rowKey={(r) => r.key || r.label}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
    />
  );
}
