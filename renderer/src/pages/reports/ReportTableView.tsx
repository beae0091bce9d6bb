import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReportCell, ReportColumn, ReportTable } from '../../../../shared/domain';
import { formatFen } from '../../components/campaign/money';
import { formatPercent } from '../../lib/format';

type Row = Record<string, ReportCell> & { _key: string };

/** A cell as the workbook shows it: ¥ with two decimals, rates with one decimal, counts with separators. */
export function cellText(c: ReportColumn, v: ReportCell): string {
  if (v === null || v === undefined || v === '') return '';
  switch (c.type) {
    case 'money':
      return formatFen(Number(v));
    case 'percent':
      return formatPercent(Number(v));
    case 'int':
      return Number(v).toLocaleString('zh-CN');
    default:
      return String(v);
  }
}

const numeric = (c: ReportColumn) => c.type === 'money' || c.type === 'percent' || c.type === 'int';

function columnsOf(t: ReportTable): ColumnsType<Row> {
  return t.columns.map((c, i) => ({
    key: c.key,
    dataIndex: c.key,
    title: c.title,
    align: numeric(c) ? 'right' : 'left',
    fixed: i === 0 ? 'left' : undefined,
    render: (v: ReportCell) => cellText(c, v),
    sorter: numeric(c)
      ? (a: Row, b: Row) => Number(a[c.key] ?? 0) - Number(b[c.key] ?? 0)
      : (a: Row, b: Row) => String(a[c.key] ?? '').localeCompare(String(b[c.key] ?? ''), 'zh-CN'),
  }));
}

/** One table of a report with its totals row pinned below the rows, as in the exported sheet. */
export function ReportTableView({ table }: { table: ReportTable }) {
  const rows: Row[] = table.rows.map((r, i) => ({ ...r, _key: String(i) }));
  const totals = table.totals;
  return (
    <Table<Row>
      rowKey="_key"
      size="small"
      bordered
      columns={columnsOf(table)}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 行` } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '没有数据' }}
      summary={
        totals
          ? () => (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  {table.columns.map((c, i) => (
                    <Table.Summary.Cell key={c.key} index={i} align={numeric(c) ? 'right' : 'left'}>
                      <Typography.Text strong>{cellText(c, totals[c.key] ?? null)}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            )
          : undefined
      }
    />
  );
}
