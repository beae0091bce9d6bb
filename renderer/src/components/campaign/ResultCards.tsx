import { WarningOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { FEEDBACK_FLOOR, OUTCOMES, type Outcome } from '../../../../shared/campaign';
import type { CampaignResults } from '../../../../shared/domain';
import { formatPercent } from '../../lib/format';
import { formatFen } from './money';

const RED = '#cf1322';

/** The headline figures: feedback (red below the 5% floor), contact and success rates, turnover and revenue. */
export function ResultCards({ results }: { results: CampaignResults }) {
  const o = results.overall;
  const low = results.feedbackLow;
  return (
    <>
      <Row gutter={12} data-testid="result-cards">
        <Col span={5}>
          <Card size="small" style={low ? { borderColor: RED } : undefined}>
            <Statistic
              title="反馈率"
              value={formatPercent(o.feedbackRate)}
              styles={{ content: low ? { color: RED } : {} }}
              prefix={low ? <WarningOutlined /> : null}
              data-testid="feedback-rate"
            />
            <Typography.Text type={low ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {low ? `低于 ${formatPercent(FEEDBACK_FLOOR)} 要求，请尽快录入走访结果` : `已反馈 ${o.visited} / ${o.targets} 户`}
            </Typography.Text>
          </Card>
        </Col>
        <Col span={5}>
          <Card size="small">
            <Statistic title="接触率" value={formatPercent(o.contactRate)} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              接触到 {o.contacted} 户
            </Typography.Text>
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title="成功率" value={formatPercent(o.successRate)} data-testid="success-rate" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              成功 {o.success} 户
            </Typography.Text>
          </Card>
        </Col>
        <Col span={5}>
          <Card size="small">
            <Statistic title="流转额" value={formatFen(o.turnover)} data-testid="turnover" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              有意向 {o.interested} 户
            </Typography.Text>
          </Card>
        </Col>
        <Col span={5}>
          <Card size="small">
            <Statistic title="收入" value={formatFen(o.revenue)} data-testid="revenue" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              目标 {o.targets} 户，已派 {o.assigned} 户
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <div style={{ marginTop: 12 }} data-testid="outcome-counts">
        <Typography.Text strong>走访结果：</Typography.Text>
        {(Object.keys(OUTCOMES) as Outcome[]).map((k) => (
          <Tag key={k} color={k === 'success' ? 'green' : k === 'interested' ? 'blue' : undefined}>
            {OUTCOMES[k].label} {results.outcomes[k] ?? 0}
          </Tag>
        ))}
        <Tag>未反馈 {o.targets - o.visited}</Tag>
      </div>
    </>
  );
}
