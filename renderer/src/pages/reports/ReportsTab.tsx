import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Segmented, Space, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { REPORT_NAMES, REPORT_TITLES, type ReportName } from '../../../../shared/domain';
import { api } from '../../api';
import { DownloadButton } from '../../components/DownloadButton';
import { formatDateTime } from '../../lib/format';
import { ExportPanel } from './ExportPanel';
import { ReportTableView } from './ReportTableView';
import type { ExportRange } from './useReportExport';
import { useQueryLoader } from './useQueryLoader';

/** Reports whose figures depend on the date range; the others describe the branch as it is now. */
const DATED: readonly ReportName[] = ['campaign', 'carriers'];

function ReportView({ name, range }: { name: ReportName; range: ExportRange }) {
  const load = useCallback(() => api['reports.get']({ name, ...range }), [name, range]);
  const res = useQueryLoader(load);
  const { reload } = res;
  const r = res.data;
  if (!r) return res.error ? <Alert type="error" showIcon title={`读取报表失败：${res.error}`} /> : <Spin style={{ display: 'block', margin: 48 }} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="report-view">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Text type="secondary">
          {r.branchName} · {r.from || r.to ? `${r.from ?? '最早'} 至 ${r.to ?? '今天'}` : '全部日期'} · 生成于 {formatDateTime(r.generatedAt)}
        </Typography.Text>
        <Button icon={<ReloadOutlined />} loading={res.loading} onClick={() => void reload()}>
          刷新
        </Button>
      </div>
      {r.notes.map((n) => (
        <Alert key={n} type="info" showIcon title={n} />
      ))}
      {r.tables.map((t, i) => (
        <Card
          key={t.key}
          size="small"
          title={t.title}
          data-testid={`report-table-${t.key}`}
          extra={
            <DownloadButton size="small" fetchFile={() => api['reports.csv']({ name, table: i, ...range })} failure="导出 CSV 失败">
              CSV
            </DownloadButton>
          }
        >
          <ReportTableView table={t} />
        </Card>
      ))}
    </Space>
  );
}

/** 报表: every report as a table (the same tables the workbook carries), CSV per table, and the workbook export. */
export function ReportsTab() {
  const [name, setName] = useState<ReportName>('campaign');
  const [dates, setDates] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = dates?.[0]?.format('YYYY-MM-DD');
  const to = dates?.[1]?.format('YYYY-MM-DD');
  // One object per distinct pair of dates, so the report reloads only when they really change.
  const range = useMemo<ExportRange>(() => ({ ...(from ? { from } : {}), ...(to ? { to } : {}) }), [from, to]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented<ReportName>
          value={name}
          onChange={setName}
          options={REPORT_NAMES.map((n) => ({ value: n, label: REPORT_TITLES[n] }))}
          data-testid="report-picker"
        />
        <DatePicker.RangePicker
          value={dates}
          onChange={(v) => setDates(v)}
          allowEmpty={[true, true]}
          placeholder={['开始日期', '结束日期']}
          aria-label="日期范围"
        />
        {!DATED.includes(name) && <Typography.Text type="secondary">此报表反映当前情况，不受日期范围影响</Typography.Text>}
      </Space>
      {/* The workbook export first: the tables below run long, and the export is what supervisors come for. */}
      <ExportPanel range={range} />
      <ReportView name={name} range={range} />
    </Space>
  );
}
