import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CampaignResults } from '../../../../shared/domain';
import type { CostReturnRow } from '../../../../shared/mail';
import { formatFen } from '../../components/campaign/money';
import { formatPercent } from '../../lib/format';

const RED = '#cf1322';
const roiText = (roi: number | null) => (roi === null ? '—' : formatPercent(roi));

const columns = (first: string): ColumnsType<CostReturnRow> => [
  { title: first, dataIndex: 'label' },
  { title: '成本', align: 'right', render: (_, x) => formatFen(x.cost) },
  { title: '收入', align: 'right', render: (_, x) => formatFen(x.revenue) },
  { title: '成功户数', dataIndex: 'successes', align: 'right' },
  { title: 'ROI', align: 'right', render: (_, x) => <span style={x.roi !== null && x.roi < 0 ? { color: RED } : undefined}>{roiText(x.roi)}</span> },
  { title: '每户成功成本', align: 'right', render: (_, x) => formatFen(x.costPerSuccess) },
];

interface Props {
  results: CampaignResults;
  /** "A 甲信" for a variant code, as the other tables of the tab show it. */
  variantLabel: (code: string) => string | undefined;
}

/**
 * 商函退信 and 成本与回报 in the 结果 tab: the same figures as the 商函/短信 tab (mail.results), so the two never
 * disagree. Costs are entered there; until then this says so instead of showing ¥0.
 */
export function ResultsMoney({ results: r, variantLabel }: Props) {
  const c = r.cost;
  return (
    <>
      {r.mail && (
        <Card size="small" title="商函退信" data-testid="results-mail">
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title="寄出商函" value={r.mail.pieces} suffix="件" />
            </Col>
            <Col span={6}>
              <Statistic title="退信" value={r.mail.returned} suffix="件" />
            </Col>
            <Col span={6}>
              <Statistic title="退信率" value={r.mail.pieces ? formatPercent(r.mail.returnRate) : '—'} data-testid="results-return-rate" />
            </Col>
            <Col span={6}>
              {r.mail.byReason.length > 0 ? (
                r.mail.byReason.map((x) => (
                  <Tag key={x.reason}>
                    {x.reason} {x.count}
                  </Tag>
                ))
              ) : (
                <Typography.Text type="secondary">{r.mail.pieces ? '暂无退信' : '尚未生成邮寄清单'}</Typography.Text>
              )}
            </Col>
          </Row>
        </Card>
      )}
      <Card size="small" title="成本与回报" data-testid="results-cost">
        {!c ? (
          <Typography.Text type="secondary">
            尚未填写成本：在“商函/短信”页填写每件商函、每条短信、每次电话的成本和固定成本后，这里显示成本、ROI 和每户成功成本。
          </Typography.Text>
        ) : (
          <>
            <Row gutter={16}>
              <Col span={6}>
                <Statistic title="成本" value={formatFen(c.cost)} data-testid="results-cost-total" />
              </Col>
              <Col span={6}>
                <Statistic title="收入" value={formatFen(c.revenue)} />
              </Col>
              <Col span={6}>
                <Statistic
                  title="ROI"
                  value={roiText(c.roi)}
                  styles={{ content: c.roi !== null && c.roi < 0 ? { color: RED } : {} }}
                  data-testid="results-roi"
                />
              </Col>
              <Col span={6}>
                <Statistic title="每户成功成本" value={formatFen(c.costPerSuccess)} suffix={<span style={{ fontSize: 12 }}>（成功 {c.successes} 户）</span>} />
              </Col>
            </Row>
            <Row gutter={16} style={{ marginTop: 12 }}>
              <Col span={12}>
                <Table<CostReturnRow>
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={c.byVariant.map((x) => ({ ...x, label: variantLabel(x.key) ?? x.label }))}
                  columns={columns('方案（含分摊的固定成本）')}
                />
              </Col>
              <Col span={12}>
                <Table<CostReturnRow> size="small" rowKey="key" pagination={false} dataSource={c.byChannel} columns={columns('渠道（不含固定成本）')} />
              </Col>
            </Row>
          </>
        )}
      </Card>
    </>
  );
}
