import { Alert, Button, Card, Empty, Progress, Statistic, Tag, Typography } from 'antd';
import type { UsageSummary } from '../../../../shared/usage';
import { api } from '../../api';
import { formatDate } from '../../lib/format';
import { goToSubPath } from '../../lib/hooks';
import { useCan } from '../../lib/session';
import { useLoader } from '../../lib/useLoader';
import { PLAN_STATE } from './PlanTab';
import { USAGE_SECTION } from './route';

const loadSummary = () => api['usage.summary']({});
/** A queue older than a month has missed "within a month" — the programme's rhythm for feeding results back. */
const STALE_DAYS = 30;

function QueueCard({ q, canOpen }: { q: UsageSummary['queue']; canOpen: boolean }) {
  const stale = q.oldestDays !== null && q.oldestDays > STALE_DAYS;
  return (
    <Card size="small" style={{ flex: 1, minWidth: 260 }} data-testid="usage-queue-card">
      <Statistic
        title="勾挑核对：待核对记录"
        value={q.pending}
        suffix={<span style={{ fontSize: 14 }}>条</span>}
        styles={{ content: q.pending ? { color: '#d46b08' } : {} }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        有候选 {q.ambiguous} · 无候选 {q.unmatched}
        {q.oldestAt && (
          <>
            {' · '}最早一条 {formatDate(q.oldestAt)}（{q.oldestDays} 天前）{stale && <Tag color="red">超过 {STALE_DAYS} 天</Tag>}
          </>
        )}
      </Typography.Text>
      {q.byLine.length > 0 && <div style={{ fontSize: 13, marginTop: 4 }}>{q.byLine.map((l) => `${l.line} ${l.pending}`).join(' · ')}</div>}
      {canOpen && q.pending > 0 && (
        <Button size="small" type="link" style={{ padding: 0 }} onClick={() => goToSubPath(USAGE_SECTION, 'queue')}>
          去核对
        </Button>
      )}
    </Card>
  );
}

function PlanCard({ p }: { p: UsageSummary['plan'] }) {
  const due = p.items.filter((i) => i.startQuarter <= p.quarter);
  return (
    <Card
      size="small"
      style={{ flex: 2, minWidth: 320 }}
      data-testid="usage-plan-card"
      title={`${p.year} 年名址库采集计划 · 第${p.quarter}季度`}
      extra={
        <Button size="small" type="link" onClick={() => goToSubPath(USAGE_SECTION, 'plan')}>
          查看计划
        </Button>
      }
    >
      {p.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年还没有采集计划" />
      ) : (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            已到期或进行中的 {p.dueNow} 个库中 {p.dueDone} 个达到目标
          </Typography.Text>
          {due.map((i) => (
            <div key={i.id} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <span style={{ width: 96, flex: 'none' }}>{i.libraryName}</span>
              <Progress
                size="small"
                showInfo={false}
                style={{ flex: 1, margin: 0 }}
                percent={i.target ? Math.min(100, Math.round((i.count / i.target) * 100)) : 100}
                status={i.state === 'late' ? 'exception' : i.state === 'done' ? 'success' : 'normal'}
              />
              <span style={{ width: 90, flex: 'none', textAlign: 'right' }}>
                {i.count} / {i.target}
              </span>
              <Tag color={PLAN_STATE[i.state].color}>{PLAN_STATE[i.state].label}</Tag>
            </div>
          ))}
        </>
      )}
    </Card>
  );
}

/** On the maintenance dashboard: how much of the business systems' data still waits for a clerk, and the collection plan. */
export function UsageDashboardCards() {
  const s = useLoader(loadSummary);
  const canOpen = useCan('usage.queue');
  if (s.error) return <Alert type="warning" showIcon title={`读取勾挑核对和采集计划失败：${s.error}`} style={{ marginBottom: 16 }} />;
  if (!s.data) return null;
  return (
    <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 16 }} data-testid="usage-summary">
      <QueueCard q={s.data.queue} canOpen={canOpen} />
      <PlanCard p={s.data.plan} />
    </div>
  );
}
