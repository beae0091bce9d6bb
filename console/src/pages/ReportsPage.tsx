/**
 * 报表: the cross-branch workbooks (各网点汇总) — one row per branch and the city total for each branch report —
 * made at the hub as a job this page polls (with its progress, and cancellable), then downloaded.
 */
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Progress, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { REPORT_NAMES, REPORT_TITLES, type ReportName } from '../../../shared/domain';
import type { ReportJob } from '../../../shared/hubConsole';
import { ApiError, fileUrl, get, post } from '../api';
import { int } from '../format';

const HINTS: Record<ReportName, string> = {
  campaign: '各网点营销活动合计，及市局专项活动进度',
  maintenance: '客户数、年内维护率、属性丰富度、等级',
  subsidy: '一、二等数据条数与可发放的补贴',
  quarterly: '收入与维护的季度累计进度',
  carriers: '各网点投递员的走访与业绩',
  overdue: '活动结束满一个月仍未反馈的目标',
};

export function ReportsPage() {
  const { message } = App.useApp();
  const [names, setNames] = useState<ReportName[]>(['campaign', 'maintenance', 'subsidy']);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [job, setJob] = useState<ReportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const poll = (id: string) => {
    timer.current = window.setTimeout(() => {
      get<ReportJob>(`/reports/jobs/${id}`).then(
        (j) => {
          setJob(j);
          if (j.state === 'running') poll(id);
        },
        (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
      );
    }, 700);
  };

  const start = async () => {
    setError(null);
    try {
      const j = await post<ReportJob>('/reports/jobs', { names, from: range?.[0]?.format('YYYY-MM-DD') ?? null, to: range?.[1]?.format('YYYY-MM-DD') ?? null });
      setJob(j);
      poll(j.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  const cancel = async () => {
    if (!job) return;
    window.clearTimeout(timer.current);
    try {
      setJob(await post<ReportJob>(`/reports/jobs/${job.id}/cancel`));
      message.info('已取消生成');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  const running = job?.state === 'running';
  const percent = job ? Math.round((100 * job.done) / Math.max(job.total, 1)) : 0;
  return (
    <Card title="报表（各网点汇总）">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        每张报表一个工作表：各网点一行，末行为全市合计，数字与各网点自己的报表一致。日期范围只影响活动和投递员两张报表。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="报表">
          <Checkbox.Group
            value={names}
            onChange={(v) => setNames(v as ReportName[])}
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: 8 }}
          >
            {REPORT_NAMES.map((n) => (
              <Checkbox key={n} value={n}>
                <b>{REPORT_TITLES[n]}</b> <Typography.Text type="secondary">{HINTS[n]}</Typography.Text>
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item label="日期范围（可不填，即全部日期）">
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} placeholder={['开始日期', '结束日期']} />
        </Form.Item>
        <Space>
          <Button type="primary" icon={<FileExcelOutlined />} onClick={start} disabled={!names.length || running} loading={running}>
            生成工作簿
          </Button>
          {running && <Button onClick={cancel}>取消</Button>}
        </Space>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      {job && (
        <div style={{ marginTop: 20, maxWidth: 560 }} data-testid="report-job">
          <Progress
            percent={job.state === 'done' ? 100 : percent}
            status={job.state === 'failed' || job.state === 'cancelled' ? 'exception' : job.state === 'done' ? 'success' : 'active'}
          />
          <Typography.Paragraph style={{ margin: '4px 0 12px' }}>
            {job.state === 'failed' ? job.error : job.state === 'cancelled' ? '已取消' : job.step}
          </Typography.Paragraph>
          {job.state === 'done' && (
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={fileUrl(`/reports/jobs/${job.id}/file`)}
              download={job.fileName ?? undefined}
              data-testid="download-workbook"
            >
              下载工作簿（{int(Math.ceil((job.bytes ?? 0) / 1024))} KB）
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}
