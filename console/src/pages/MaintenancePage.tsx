/**
 * 数据维护: per branch, the village sizes, the share of villages maintained against 80%, the year's records
 * against the quarter's 30/60/90/100% plan, attribute richness against 20%, grades and the year's subsidy.
 */
import { Alert, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { CityMaintenance, MaintenanceRow } from '../../../shared/city';
import { MAINTAINED_SHARE_TARGET, RICHNESS_TARGET, SUBSIDY_PER_RECORD_FEN } from '../../../shared/kpi';
import { get } from '../api';
import { nameColumn, numColumn } from '../components/columns';
import { EChart } from '../components/EChart';
import type { ChartOption } from '../components/echarts';
import { barLabel, floorLine, GREEN, Head, Rate, RED } from '../components/floors';
import { floorPct, int, money } from '../format';
import { useLoad } from '../useLoad';

/** The plan share is the same for every branch (it follows the date); shown once in the column title. */
const quarterPlanShare = (rows: readonly MaintenanceRow[]): number => rows[0]?.quarterPlan ?? 0;
/** One empty list for every render while loading, so the chart's useMemo does not see new rows each time. */
const NO_ROWS: MaintenanceRow[] = [];

export function MaintenancePage() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const m = useLoad(() => get<CityMaintenance>(`/maintenance?year=${year}`), String(year));
  const rows = m.data?.branches ?? NO_ROWS;
  const quarter = m.data?.quarter ?? 1;

  const columns: ColumnsType<MaintenanceRow> = [
    nameColumn<MaintenanceRow>('网点', 'branch', rows),
    numColumn<MaintenanceRow>('客户数', 'customers', (r) => r.customers),
    numColumn<MaintenanceRow>(
      <Tooltip title="客户不足 100 户的村（或单位）">不足百户村</Tooltip>,
      'under',
      (r) => r.villagesUnder100,
      (r) => <span style={{ color: r.villagesUnder100 ? RED : undefined }}>{int(r.villagesUnder100)}</span>,
    ),
    numColumn<MaintenanceRow>(
      <Tooltip title={`一年内维护过的客户达 ${floorPct(MAINTAINED_SHARE_TARGET)} 的村 / 全部村，应达 ${floorPct(MAINTAINED_SHARE_TARGET)}`}>
        <Head title="维护达标村" sub={`达标 ≥${floorPct(MAINTAINED_SHARE_TARGET)}`} />
      </Tooltip>,
      'share',
      (r) => r.maintainedShare,
      (r) => (
        <span>
          {int(r.villagesMaintained)}/{int(r.villages)} · <Rate value={r.maintainedShare} floor={MAINTAINED_SHARE_TARGET} />
        </span>
      ),
    ),
    numColumn<MaintenanceRow>(
      <Tooltip title={`本年已维护条数占年度目标的比例；第${quarter}季度末应达 ${floorPct(quarterPlanShare(rows))}`}>
        <Head title="季度维护进度" sub={`计划 ${floorPct(quarterPlanShare(rows))}`} />
      </Tooltip>,
      'quarter',
      (r) => r.quarterReached,
      (r) => <Rate value={r.quarterReached} floor={r.quarterPlan} hint={`第${quarter}季度末应完成年度目标的 ${floorPct(r.quarterPlan)}`} />,
    ),
    numColumn<MaintenanceRow>(
      <Head title="属性丰富度" sub={`达标 ≥${floorPct(RICHNESS_TARGET)}`} />,
      'richness',
      (r) => r.richness,
      (r) => <Rate value={r.richness} floor={RICHNESS_TARGET} hint={`属性丰富的客户占比，应达 ${floorPct(RICHNESS_TARGET)}`} />,
    ),
    numColumn<MaintenanceRow>(
      <Tooltip title="一等 / 二等 / 三等 / 四等客户数">
        <Head title="等级" sub="一/二/三/四等" />
      </Tooltip>,
      'grades',
      (r) => r.grades[0] + r.grades[1],
      (r) => r.grades.map((g) => int(g)).join(' / '),
    ),
    numColumn<MaintenanceRow>(
      '年度补贴',
      'subsidy',
      (r) => r.subsidyFen,
      (r) =>
        r.subsidyPaid ? (
          <span style={{ color: GREEN }}>{money(r.subsidyFen)}</span>
        ) : (
          <Tooltip title={r.subsidyWhyNot}>
            <Tag color="red" style={{ marginInlineEnd: 0, cursor: 'help' }}>
              不发放
            </Tag>
          </Tooltip>
        ),
    ),
  ];

  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 300,
      grid: { left: 48, right: 24, top: 32, bottom: 28 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)}%` },
      xAxis: { type: 'category', data: rows.map((r) => r.branch), axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: '维护达标村占比',
          barMaxWidth: 40,
          data: rows.map((r) => ({
            value: +(r.maintainedShare * 100).toFixed(1),
            itemStyle: { color: r.maintainedShare >= MAINTAINED_SHARE_TARGET ? GREEN : RED },
          })),
          label: barLabel,
          markLine: floorLine(MAINTAINED_SHARE_TARGET, '达标线'),
        },
      ],
    }),
    [rows],
  );

  const paid = rows.filter((r) => r.subsidyPaid);
  const unpaid = rows.filter((r) => !r.subsidyPaid && r.subsidyWhyNot);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="数据维护"
        extra={
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={[0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: `${thisYear - d} 年` }))}
            aria-label="年份"
          />
        }
      >
        {m.error && <Alert type="error" showIcon title={`读取维护情况失败：${m.error}`} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {year} 年第 {quarter} 季度。维护补贴每条一、二等数据 {money(SUBSIDY_PER_RECORD_FEN)}，只发给完成季度维护计划（累计 30/60/90/100%）的网点：共{' '}
          {paid.length} 个网点可发放，合计 {money(paid.reduce((s, r) => s + r.subsidyFen, 0))}。红色为未达标；不发放的原因列在表下。
        </Typography.Paragraph>
        <Typography.Text strong>各网点维护达标村占比（达标线 {floorPct(MAINTAINED_SHARE_TARGET)}）</Typography.Text>
        <EChart option={option} height={220} label="各网点维护达标村占比" />
      </Card>
      <Card size="small">
        <Table<MaintenanceRow>
          rowKey="branchId"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={m.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="maintenance-table"
          footer={
            unpaid.length
              ? () => (
                  <div data-testid="subsidy-why-not">
                    <Typography.Text strong>不发放补贴的原因：</Typography.Text>
                    {unpaid.map((r) => (
                      <div key={r.branchId}>
                        {r.branch}：{r.subsidyWhyNot}
                      </div>
                    ))}
                  </div>
                )
              : undefined
          }
        />
      </Card>
    </Space>
  );
}
