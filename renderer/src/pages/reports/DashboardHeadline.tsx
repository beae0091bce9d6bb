import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { Dashboard, PlanSeries } from '../../../../shared/dashboard';
import { formatFen, QUARTER_LABELS, RED } from './charts/common';

interface Figure {
  testId: string;
  title: string;
  value: string;
  note: string;
  /** Behind a plan or below a floor: shown in red. */
  bad: boolean;
}

const latest = (s: PlanSeries) => [...s.points].reverse().find((p) => p.actual !== null);
const planNote = (s: PlanSeries, show: (n: number) => string, none: string) =>
  s.current ? `${QUARTER_LABELS[s.current.quarter - 1]}末计划 ${show(s.current.plan)}` : none;

function figuresOf(d: Dashboard): Figure[] {
  const lowCampaigns = d.rates.filter((r) => r.feedbackLow).length;
  const count = (n: number) => `${n.toLocaleString('zh-CN')} 户`;
  return [
    {
      testId: 'headline-revenue',
      title: '年内收入',
      value: formatFen(latest(d.revenue)?.actual ?? 0),
      note: planNote(d.revenue, formatFen, '未设置年度收入目标（在“设置”中填写）'),
      bad: d.revenue.current ? !d.revenue.current.onTrack : false,
    },
    {
      testId: 'headline-maintenance',
      title: '年内已维护',
      value: count(latest(d.maintenance)?.actual ?? 0),
      note: planNote(d.maintenance, count, '本年尚未开始'),
      bad: d.maintenance.current ? !d.maintenance.current.onTrack : false,
    },
    {
      testId: 'headline-low-feedback',
      title: '反馈率不足 5% 的活动',
      value: `${lowCampaigns} 个`,
      note: `本期共 ${d.rates.length} 个活动`,
      bad: lowCampaigns > 0,
    },
    {
      testId: 'headline-coverage',
      title: `不足 ${d.coverage.minimum} 户的村`,
      value: `${d.coverage.belowMinimum} 个`,
      note: `共 ${d.coverage.villages.length} 个村/单元`,
      bad: d.coverage.belowMinimum > 0,
    },
    {
      testId: 'headline-usage',
      title: `登录少于 ${d.usage.floor} 次的周`,
      value: `${d.usage.weeksBelow} 周`,
      // Counted from the branch's start, so a branch set up this week has no missed weeks behind it.
      note: `${d.usage.since ? `自 ${d.usage.since} 开始使用，` : ''}已过 ${d.usage.weeks.filter((w) => !w.partial).length} 周`,
      bad: d.usage.weeksBelow > 0,
    },
  ];
}

/** The five figures the monthly review opens with; red where the branch is behind a plan or below a floor. */
export function DashboardHeadline({ d }: { d: Dashboard }) {
  return (
    <Row gutter={[12, 12]} data-testid="dashboard-headline">
      {figuresOf(d).map((f) => (
        <Col key={f.testId} xs={12} lg={8} xl={{ flex: '20%' }}>
          <Card size="small" style={f.bad ? { borderColor: RED } : undefined} data-testid={f.testId}>
            <Statistic title={f.title} value={f.value} styles={{ content: f.bad ? { color: RED } : {} }} />
            <Typography.Text type={f.bad ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {f.note}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
