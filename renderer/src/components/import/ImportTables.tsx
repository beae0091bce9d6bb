import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ImportPreview, ImportProblem } from '../../../../shared/domain';

type SampleRow = ImportPreview['sample'][number];

const problemColumns: ColumnsType<ImportProblem> = [
  { title: '行号', dataIndex: 'row', width: 80, sorter: (a, b) => a.row - b.row },
  { title: '列', dataIndex: 'column', width: 140, render: (c: string) => c || '整行' },
  { title: '问题', dataIndex: 'message' },
];

/** 行号 is the row as Excel shows it, so the clerk can go straight to it in the file. */
export function ImportProblemsTable({
  problems,
  more,
  testId = 'import-problems',
  empty = '没有发现问题',
}: {
  problems: ImportProblem[];
  more: boolean;
  testId?: string;
  empty?: string;
}) {
  return (
    <div data-testid={testId}>
      <Table<ImportProblem>
        rowKey={(p) => `${p.row}|${p.column}|${p.message}`}
        size="small"
        columns={problemColumns}
        dataSource={problems}
        pagination={problems.length > 8 ? { pageSize: 8, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` } : false}
        locale={{ emptyText: empty }}
      />
      {more && <Typography.Text type="secondary">只列出前 {problems.length} 条；全部问题在导入后可下载的错误报告中。</Typography.Text>}
    </div>
  );
}

const sampleColumns: ColumnsType<SampleRow> = [
  { title: '行号', dataIndex: 'row', width: 70 },
  { title: '姓名', dataIndex: 'name', width: 100 },
  { title: '手机', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
  { title: '身份证号', dataIndex: 'idNumber', width: 190, render: (v: string | null) => v ?? '—' },
  { title: '行政村', dataIndex: 'villageName', render: (v: string | null) => v ?? '—' },
  {
    title: '现有客户',
    dataIndex: 'match',
    width: 150,
    render: (m: string | null) => (m ? <Tag color="orange">{m}</Tag> : <Tag color="green">新客户</Tag>),
  },
];

/** The first rows as they will be saved, so a wrong column mapping shows before anything is written. */
export function ImportSampleTable({ sample }: { sample: SampleRow[] }) {
  return (
    <div data-testid="import-sample">
      <Table<SampleRow> rowKey="row" size="small" columns={sampleColumns} dataSource={sample} pagination={false} locale={{ emptyText: '没有可导入的行' }} />
    </div>
  );
}
