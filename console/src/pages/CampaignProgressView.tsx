/**
 * One 专项活动's progress per branch against its plan: targets selected, bound to a carrier (and within 3 days,
 * against 90%), visited (feedback rate, against 5%), success, turnover and revenue. A branch opens to its
 * carriers and villages.
 */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type ReactNode } from 'react';
import { FEEDBACK_FLOOR } from '../../../shared/campaign';
import type { CampaignProgress, CampaignProgressRow } from '../../../shared/city';
import { BIND_DAYS, BIND_TARGET } from '../../../shared/kpi';
import { get } from '../api';
import { nameColumn, numColumn } from '../components/columns';
import { EChart } from '../components/EChart';
import type { ChartOption } from '../components/echarts';
import { barLabel, floorLine, GREEN, Head, PALE_GREEN, PALE_RED, Rate, RED } from '../components/floors';
import { date, dateTime, floorPct, int, money, pct } from '../format';
import { useLoad } from '../useLoad';
import { CampaignDrillDrawer } from './CampaignDrillDrawer';
import { channelTags } from './CampaignsPage';

type Totals = CampaignProgress['total'];

/** ECharts draws no bar for '-': a branch without the campaign is not a branch at 0%. */
const NO_BAR = { value: '-' as const };

/** The columns of one row, for branches and for the 合计 line alike: a count and its rate share a cell. */
function cells(r: Totals): { key: string; value: ReactNode }[] {
  return [
    {
      key: 'targets',
      value: (
        <span>
          {int(r.targets)}/{int(r.plan)}
          {r.planRate !== null && (
            <>
              {' · '}
              <Rate value={r.planRate} floor={1} hint="已筛选户数占下达户数的比例" />
            </>
          )}
        </span>
      ),
    },
    { key: 'bound', value: `${int(r.bound)} · ${pct(r.bindRate)}` },
    { key: 'bound3', value: <Rate value={r.bindRate3Days} floor={BIND_TARGET} /> },
    {
      key: 'feedback',
      value: (
        <span>
          {int(r.visited)} · <Rate value={r.feedbackRate} floor={FEEDBACK_FLOOR} />
        </span>
      ),
    },
    { key: 'success', value: `${int(r.success)} · ${pct(r.successRate)}` },
    { key: 'turnover', value: money(r.turnoverFen) },
    { key: 'revenue', value: money(r.revenueFen) },
  ];
}

/**
 * A branch that has not pulled the campaign yet has nothing to show: its zeros would read as red failures, so its
 * row says why instead (never synced, or not since the campaign was issued).
 */
function rowCells(r: CampaignProgressRow): { key: string; value: ReactNode }[] {
  if (r.received) return cells(r);
  const why = r.lastSyncAt ? `尚未收到（最近同步 ${dateTime(r.lastSyncAt)}）` : '尚未收到（网点从未同步）';
  return cells(r).map((c) => ({
    key: c.key,
    value: c.key === 'targets' ? <Tag data-testid="not-received">{why}</Tag> : <Typography.Text type="secondary">—</Typography.Text>,
  }));
}

/** One empty list for every render while loading, so the chart's useMemo does not see new rows each time. */
const NO_ROWS: CampaignProgressRow[] = [];

export function CampaignProgressView({ id, onBack }: { id: string; onBack: () => void }) {
  const p = useLoad(() => get<CampaignProgress>(`/campaigns/${encodeURIComponent(id)}`), id);
  const [drill, setDrill] = useState<CampaignProgressRow | null>(null);
  const rows = p.data?.branches ?? NO_ROWS;
  const t = p.data?.total;

  const titles: Record<string, ReactNode> = {
    targets: <Tooltip title="网点已筛选的目标户数 / 市局下达的户数 · 完成比例">已筛选/下达</Tooltip>,
    bound: <Tooltip title="已派给投递员的目标 · 派工率（不含拒绝上门的客户）">已派工 · 派工率</Tooltip>,
    bound3: (
      <Tooltip title={`活动开始 ${BIND_DAYS} 天内派给投递员的比例，应达 ${floorPct(BIND_TARGET)}`}>
        <Head title={`${BIND_DAYS}天派工率`} sub={`达标 ≥${floorPct(BIND_TARGET)}`} />
      </Tooltip>
    ),
    feedback: (
      <Tooltip title={`已录入走访结果的目标 · 反馈率，应达 ${floorPct(FEEDBACK_FLOOR)}`}>
        <Head title="已反馈 · 反馈率" sub={`达标 ≥${floorPct(FEEDBACK_FLOOR)}`} />
      </Tooltip>
    ),
    success: '成功 · 成功率',
    turnover: '流转额',
    revenue: '收入',
  };
  const sortBy: Record<string, (r: CampaignProgressRow) => number | null> = {
    targets: (r) => r.planRate ?? r.targets,
    bound: (r) => r.bindRate,
    bound3: (r) => r.bindRate3Days,
    feedback: (r) => r.feedbackRate,
    success: (r) => r.success,
    turnover: (r) => r.turnoverFen,
    revenue: (r) => r.revenueFen,
  };
  const columns: ColumnsType<CampaignProgressRow> = [
    nameColumn<CampaignProgressRow>('网点', 'branch', rows, (name, r) => (
      <Tooltip title="查看投递员和村的明细">
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setDrill(r)}>
          {name}
        </Button>
      </Tooltip>
    )),
    ...Object.keys(titles).map((k) => numColumn<CampaignProgressRow>(titles[k], k, sortBy[k]!, (r) => rowCells(r).find((c) => c.key === k)!.value)),
  ];

  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 300,
      grid: { left: 48, right: 24, top: 48, bottom: 28 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)}%` },
      xAxis: { type: 'category', data: rows.map((r) => r.branch), axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: `${BIND_DAYS}天内派工率`,
          barMaxWidth: 32,
          color: PALE_GREEN,
          data: rows.map((r) =>
            r.received ? { value: +(r.bindRate3Days * 100).toFixed(1), itemStyle: { color: r.bindRate3Days >= BIND_TARGET ? PALE_GREEN : PALE_RED } } : NO_BAR,
          ),
          label: barLabel,
          markLine: floorLine(BIND_TARGET, '派工'),
        },
        {
          type: 'bar',
          name: '反馈率',
          barMaxWidth: 32,
          color: GREEN,
          data: rows.map((r) =>
            r.received ? { value: +(r.feedbackRate * 100).toFixed(1), itemStyle: { color: r.feedbackRate >= FEEDBACK_FLOOR ? GREEN : RED } } : NO_BAR,
          ),
          label: barLabel,
          markLine: floorLine(FEEDBACK_FLOOR, '反馈'),
        },
      ],
    }),
    [rows],
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label="返回活动列表" />
            <span data-testid="campaign-title">{p.data?.name ?? '专项活动'}</span>
          </Space>
        }
        extra={
          <Button icon={<ReloadOutlined />} onClick={p.reload} loading={p.loading}>
            刷新
          </Button>
        }
      >
        {p.error && <Alert type="error" showIcon title={`读取活动进度失败：${p.error}`} style={{ marginBottom: 12 }} />}
        {p.data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {p.data.startDate || p.data.endDate ? `${date(p.data.startDate)} 至 ${date(p.data.endDate)}` : '未定日期'} · {channelTags(p.data.channels)}·{' '}
            {rows.length} 个网点。数字来自各网点最近一次同步，网点收到活动并筛选后才有“已筛选”；红色为未达标。
          </Typography.Paragraph>
        )}
        {t && (
          <Row gutter={[16, 12]}>
            <Col xs={12} md={4}>
              <Statistic title="下达户数" value={t.plan ?? 0} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="已筛选" value={t.targets} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic
                title={`${BIND_DAYS}天内派工率`}
                value={pct(t.bindRate3Days)}
                styles={{ content: { color: t.bindRate3Days >= BIND_TARGET ? GREEN : RED } }}
              />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="反馈率" value={pct(t.feedbackRate)} styles={{ content: { color: t.feedbackRate >= FEEDBACK_FLOOR ? GREEN : RED } }} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="成功" value={t.success} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title="收入" value={money(t.revenueFen)} />
            </Col>
          </Row>
        )}
        {rows.length > 0 && <EChart option={option} height={220} label="各网点派工率与反馈率" />}
      </Card>
      <Card size="small">
        <Table<CampaignProgressRow>
          rowKey="branchId"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={p.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="progress-table"
          summary={() =>
            t && rows.length > 1 ? (
              <Table.Summary fixed="bottom">
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0} className="summary-cell">
                    合计
                  </Table.Summary.Cell>
                  {cells(t).map((c, i) => (
                    <Table.Summary.Cell key={c.key} index={i + 1} align="right" className="summary-cell">
                      {c.value}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </Card>
      <CampaignDrillDrawer campaignId={id} row={drill} onClose={() => setDrill(null)} />
    </Space>
  );
}
