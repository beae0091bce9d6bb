import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ExtractProblem, UsageImportPreview as Preview } from '../../../../shared/usage';
import { CountsRow, type CountItem } from '../../components/import/ImportCounts';
import { MappingEditor } from '../../components/import/MappingEditor';
import type { ExtractMapping } from './useUsageImport';

type SampleRow = Preview['sample'][number];

const OUTCOME: Record<SampleRow['outcome'], { label: string; color: string }> = {
  matched: { label: '自动匹配', color: 'green' },
  queued: { label: '待核对', color: 'orange' },
  unmatched: { label: '无候选', color: 'red' },
  discarded: { label: '此前已驳回', color: 'default' },
};

const sampleColumns: ColumnsType<SampleRow> = [
  { title: '行', dataIndex: 'row', width: 60 },
  { title: '姓名', dataIndex: 'name', width: 90 },
  { title: '手机', dataIndex: 'phone', width: 120 },
  { title: '身份证号', dataIndex: 'idNumber', width: 180 },
  { title: '村/地址', dataIndex: 'place', ellipsis: true },
  { title: '产品', dataIndex: 'product', width: 90 },
  { title: '结果', dataIndex: 'outcome', width: 100, render: (o: SampleRow['outcome']) => <Tag color={OUTCOME[o].color}>{OUTCOME[o].label}</Tag> },
  { title: '客户（得分）', key: 'customer', width: 140, render: (_, r) => (r.customerName ? `${r.customerName}（${r.score}）` : '—') },
];

const problemColumns: ColumnsType<ExtractProblem> = [
  { title: '行', dataIndex: 'row', width: 60 },
  { title: '列', dataIndex: 'column', width: 120 },
  { title: '问题', dataIndex: 'message' },
];

/** The numbers a clerk checks before applying an extract, a sample of rows with their outcome, and the problems. */
export function UsageImportPreview({ p, busy, onRemap }: { p: Preview; busy: boolean; onRemap: (m: ExtractMapping) => void }) {
  const counts: CountItem[] = [
    { key: 'rows', title: '数据行', value: p.dataRows },
    { key: 'matched', title: '自动匹配', value: p.matched, color: '#0b7a3e' },
    { key: 'queued', title: '待核对（有候选）', value: p.queued, ...(p.queued ? { color: '#d46b08' } : {}) },
    { key: 'unmatched', title: '无候选', value: p.unmatched, ...(p.unmatched ? { color: '#cf1322' } : {}) },
    { key: 'before', title: '按以前的核对/驳回', value: p.decidedBefore + p.discardedBefore },
    { key: 'problems', title: '有问题的行', value: p.problemRows, ...(p.problemRows ? { color: '#cf1322' } : {}) },
  ];
  return (
    <div data-testid="usage-import-preview">
      <Typography.Paragraph>
        文件“{p.fileName}”，工作表“{p.sheetName}”，第 {p.headerRow} 行是表头；业务类别 <b>{p.line ?? '按“业务类别”列'}</b>，数据日期 {p.asOf}
        （没有日期的行按此日期记录）。
      </Typography.Paragraph>
      <CountsRow items={counts} testId="usage-import-counts" style={{ marginBottom: 16 }} />
      <Typography.Title level={5}>列对应</Typography.Title>
      <MappingEditor headers={p.headers} fieldLabels={p.fieldLabels} value={p.mapping} disabled={busy} onChange={onRemap} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        前 {p.sample.length} 行的匹配结果
      </Typography.Title>
      <Table<SampleRow> rowKey="row" size="small" columns={sampleColumns} dataSource={p.sample} pagination={false} data-testid="usage-import-sample" />
      {p.problems.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            问题（{p.problemRows} 行{p.problems.length >= 500 ? '，只列前 500 处' : ''}）
          </Typography.Title>
          <Table<ExtractProblem>
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            size="small"
            columns={problemColumns}
            dataSource={p.problems}
            pagination={{ pageSize: 10 }}
            data-testid="usage-import-problems"
          />
        </>
      )}
    </div>
  );
}
