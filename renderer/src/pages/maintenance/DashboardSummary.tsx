import { Card, Progress, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { MaintenanceDashboard } from '../../../../shared/domain';
import { formatPercent } from '../../lib/format';

const RED = '#cf1322';
/** Targets are round numbers of the plans: 80%, 20%. */
const pct = (share: number) => `${Math.round(share * 100)}%`;

function Kpi({ title, value, note, bad }: { title: string; value: string | number; note?: ReactNode; bad?: boolean }) {
  return (
    <Card size="small" style={{ flex: 1, minWidth: 140 }}>
      <Statistic title={title} value={value} styles={{ content: bad ? { color: RED } : {} }} />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {note}
        </Typography.Text>
      )}
    </Card>
  );
}

function PlanCard({ plan }: { plan: MaintenanceDashboard['plan'] }) {
  const achieved = Math.min(plan.achievedShare, 1);
  return (
    <Card size="small" style={{ flex: 2, minWidth: 260 }} data-testid="maintenance-plan">
      <Statistic title="本年已维护 / 年度目标" value={plan.maintainedThisYear} suffix={<span style={{ fontSize: 16 }}>/ {plan.annualTarget} 户</span>} />
      {/* The bar is this year's progress; the tick marks where the quarter's plan says it should be by now. */}
      <div style={{ position: 'relative' }}>
        <Progress percent={Math.round(achieved * 1000) / 10} showInfo={false} status={plan.onTrack ? 'success' : 'exception'} size="small" />
        <div
          title={`第${plan.quarter}季度末计划`}
          style={{ position: 'absolute', top: 2, bottom: 2, left: `calc(${Math.min(plan.planShare, 1) * 100}% - 2px)`, width: 2, background: '#595959' }}
        />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        已完成 {formatPercent(plan.achievedShare)} · 第{plan.quarter}季度末计划 {formatPercent(plan.planShare)}（{plan.planCount} 户）{' '}
        {plan.onTrack ? <Tag color="green">达到进度</Tag> : <Tag color="red">落后于计划</Tag>}
      </Typography.Text>
    </Card>
  );
}

/** The programme's targets at a glance: each number turns red when the branch is short of it. */
export function DashboardSummary({ d }: { d: MaintenanceDashboard }) {
  const t = d.totals;
  return (
    <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 16 }} data-testid="maintenance-summary">
      <Kpi title="村/单元数" value={t.villages} note={t.villagesNotServed ? `另有 ${t.villagesNotServed} 个不服务的村未计入` : undefined} />
      <Kpi title="客户数" value={t.customers} />
      <Kpi
        title={`不足${d.targets.minCustomers}户的村`}
        value={t.villagesBelowMinimum}
        bad={t.villagesBelowMinimum > 0}
        note={`每村至少 ${d.targets.minCustomers} 户`}
      />
      <Kpi
        title={`维护率达${pct(d.targets.maintainedShare)}的村`}
        value={formatPercent(t.villagesMaintainedShare)}
        bad={t.villagesMaintainedShare < d.targets.maintainedShare}
        note={`${t.villagesMaintainedOk} / ${t.villages} 个，目标 ≥ ${pct(d.targets.maintainedShare)}`}
      />
      <Kpi title="属性丰富度" value={formatPercent(t.richness)} bad={t.richness < d.targets.richness} note={`目标 ≥ ${pct(d.targets.richness)}（年底）`} />
      <PlanCard plan={d.plan} />
    </div>
  );
}
