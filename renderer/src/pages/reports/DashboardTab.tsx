import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Row, Select, Space, Spin, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { api } from '../../api';
import { coverageOption, gradesOption, usageOption } from './charts/branchCharts';
import { carriersOption, funnelOption, ratesOption } from './charts/campaignCharts';
import { planOption } from './charts/planCharts';
import { ChartCard } from './ChartCard';
import { DashboardHeadline } from './DashboardHeadline';
import { PeriodPicker, type PeriodValue } from './PeriodPicker';
import { useQueryLoader } from './useQueryLoader';

const half = { xs: 24, xl: 12 } as const;

/** 看板: the year's (or a quarter's) campaigns, plans, data quality and system use, each against its rule. */
export function DashboardTab() {
  const [period, setPeriod] = useState<PeriodValue>({ year: new Date().getFullYear(), quarter: null });
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const load = useCallback(() => api['dashboard.get']({ year: period.year, quarter: period.quarter, campaignId }), [period, campaignId]);
  const res = useQueryLoader(load);
  const { reload } = res;

  const d = res.data;
  const options = useMemo(
    () =>
      d && {
        funnel: funnelOption(d.funnel),
        rates: ratesOption(d.rates, d.rateFloor),
        revenue: planOption(d.revenue, { name: '累计收入', money: true }, d.period.quarter),
        maintenance: planOption(d.maintenance, { name: '累计维护', money: false }, d.period.quarter),
        grades: gradesOption(d.grades),
        coverage: coverageOption(d.coverage),
        carriers: carriersOption(d.carriers),
        usage: usageOption(d.usage),
      },
    [d],
  );

  const changePeriod = (p: PeriodValue) => {
    // A campaign of another period would make the funnel disagree with the rest of the page.
    setCampaignId(null);
    setPeriod(p);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <PeriodPicker value={period} onChange={changePeriod} />
        <Space>
          {d && (
            <Typography.Text type="secondary" data-testid="dashboard-asof">
              {d.period.from} 至 {d.period.to}，数据截至 {d.period.asOf}
            </Typography.Text>
          )}
          <Button icon={<ReloadOutlined />} loading={res.loading} onClick={() => void reload()}>
            刷新
          </Button>
        </Space>
      </div>
      {res.error && <Alert type="error" showIcon title={`读取报表看板失败：${res.error}`} />}
      {!d || !options ? (
        !res.error && <Spin style={{ display: 'block', margin: 48 }} />
      ) : (
        <>
          <DashboardHeadline d={d} />
          <Row gutter={[12, 12]}>
            <Col {...half}>
              <ChartCard
                title="营销漏斗"
                testId="chart-funnel"
                option={options.funnel}
                empty={d.funnel.targets === 0 && (campaignId ? '该活动还没有目标客户' : '本期没有已确定目标的营销活动')}
                rule={
                  <Select<string>
                    size="small"
                    value={campaignId ?? ''}
                    onChange={(v) => setCampaignId(v || null)}
                    options={[{ value: '', label: '本期全部活动' }, ...d.campaigns.map((c) => ({ value: c.id, label: c.name }))]}
                    style={{ width: 180 }}
                    aria-label="漏斗所示活动"
                    data-testid="funnel-campaign"
                  />
                }
              />
            </Col>
            <Col {...half}>
              <ChartCard
                title="反馈率与成功率"
                rule="反馈率不低于 5%"
                testId="chart-rates"
                option={options.rates}
                empty={d.rates.length === 0 && '本期没有营销活动'}
              />
            </Col>
            <Col {...half}>
              <ChartCard
                title="收入完成情况"
                rule={
                  d.revenue.annualTarget === null ? <Typography.Text type="warning">未设置年度收入目标</Typography.Text> : '季度累计计划 25% / 50% / 75% / 100%'
                }
                testId="chart-revenue"
                option={options.revenue}
                empty={d.revenue.annualTarget === null && d.revenue.points.every((p) => !p.actual) && '本年还没有收入，也未设置年度收入目标（在“设置”中填写）'}
              />
            </Col>
            <Col {...half}>
              <ChartCard title="数据维护完成情况" rule="季度累计计划 30% / 60% / 90% / 100%" testId="chart-maintenance" option={options.maintenance} />
            </Col>
            <Col {...half}>
              <ChartCard
                title="数据分级"
                rule="当前"
                testId="chart-grades"
                option={options.grades}
                empty={d.grades[1] + d.grades[2] + d.grades[3] + d.grades[4] === 0 && '还没有客户'}
              />
            </Col>
            <Col {...half}>
              <ChartCard
                title="村客户覆盖"
                rule={`每村不少于 ${d.coverage.minimum} 户（当前，不含不服务的村）`}
                testId="chart-coverage"
                option={options.coverage}
                height={Math.min(360, Math.max(200, 56 + 26 * d.coverage.villages.length))}
                empty={d.coverage.villages.length === 0 && '还没有本网点服务的行政村/城市单元'}
              />
            </Col>
            <Col {...half}>
              <ChartCard title="投递员业绩" testId="chart-carriers" option={options.carriers} empty={d.carriers.length === 0 && '本期没有派工'} />
            </Col>
            <Col {...half}>
              <ChartCard
                title="系统使用"
                rule={`每周登录不少于 ${d.usage.floor} 次`}
                testId="chart-usage"
                option={options.usage}
                empty={d.usage.weeks.length === 0 && (d.usage.since ? `网点自 ${d.usage.since} 开始使用，本期之后才有登录记录` : '该期间尚未开始')}
              />
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
