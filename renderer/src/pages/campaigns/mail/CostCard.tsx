import { Button, Card, Col, InputNumber, Row, Space, Statistic, Table } from 'antd';
import { useEffect, useState } from 'react';
import type { CampaignCosts, CostReturnRow, MailResults } from '../../../../../shared/mail';
import { api } from '../../../api';
import { formatPercent } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useAction } from './useAction';

const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toFixed(2)}`);
const FIELDS: { key: keyof CampaignCosts; label: string }[] = [
  { key: 'letterFen', label: '每件商函（印制+邮资）' },
  { key: 'smsFen', label: '每条短信' },
  { key: 'phoneFen', label: '每次电话' },
  { key: 'fixedFen', label: '固定成本' },
];

const BREAKDOWN = [
  { title: '', dataIndex: 'label' },
  { title: '成本', render: (_: unknown, x: CostReturnRow) => yuan(x.cost) },
  { title: '收入', render: (_: unknown, x: CostReturnRow) => yuan(x.revenue) },
  { title: '成功户数', dataIndex: 'successes' },
  { title: 'ROI', render: (_: unknown, x: CostReturnRow) => (x.roi === null ? '—' : formatPercent(x.roi)) },
  { title: '每户成功成本', render: (_: unknown, x: CostReturnRow) => yuan(x.costPerSuccess) },
];

/** 成本与回报: return rate, cost, revenue, ROI and cost per success; costs typed in yuan, kept in fen. */
export function CostCard({ campaignId, results, onSaved }: { campaignId: string; results: MailResults; onSaved: (r: MailResults) => void }) {
  const { busy, run } = useAction();
  const canEdit = useCan('mail.setCosts');
  const [costs, setCosts] = useState<CampaignCosts>(results.costs);
  useEffect(() => setCosts(results.costs), [results.costs]);

  const save = () =>
    run('save', async () => {
      onSaved(await api['mail.setCosts']({ campaignId, ...costs }));
      return '已保存成本';
    });

  const r = results;
  return (
    <Card size="small" title="退信与成本回报">
      <Row gutter={16}>
        <Col span={4}>
          <Statistic title="商函件数" value={r.pieces} />
        </Col>
        <Col span={4}>
          <Statistic title="退信率" value={formatPercent(r.returnRate)} suffix={<span style={{ fontSize: 12 }}>（{r.returned} 件）</span>} />
        </Col>
        <Col span={4}>
          <Statistic title="成本" value={yuan(r.cost)} />
        </Col>
        <Col span={4}>
          <Statistic title="收入" value={yuan(r.revenue)} />
        </Col>
        <Col span={4}>
          <Statistic title="ROI" value={r.roi === null ? '—' : formatPercent(r.roi)} />
        </Col>
        <Col span={4}>
          <Statistic title="每户成功成本" value={yuan(r.costPerSuccess)} />
        </Col>
      </Row>
      {r.byReason.length > 0 && <div style={{ marginTop: 8 }}>退信原因：{r.byReason.map((x) => `${x.reason} ${x.count}`).join('，')}</div>}
      <Row gutter={16} style={{ marginTop: 12 }}>
        <Col span={12}>
          <Table<CostReturnRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={r.byVariant}
            columns={[{ ...BREAKDOWN[0]!, title: '方案' }, ...BREAKDOWN.slice(1)]}
          />
        </Col>
        <Col span={12}>
          <Table<CostReturnRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={r.byChannel}
            columns={[{ ...BREAKDOWN[0]!, title: '渠道（不含固定成本）' }, ...BREAKDOWN.slice(1)]}
          />
        </Col>
      </Row>
      <Space wrap style={{ marginTop: 12 }}>
        {FIELDS.map((f) => (
          <span key={f.key}>
            {f.label}：
            <InputNumber<number>
              min={0}
              precision={2}
              prefix="¥"
              disabled={!canEdit}
              value={costs[f.key] / 100}
              onChange={(v) => setCosts((c) => ({ ...c, [f.key]: Math.round((v ?? 0) * 100) }))}
              aria-label={f.label}
            />
          </span>
        ))}
        {canEdit && (
          <Button loading={busy === 'save'} onClick={() => void save()}>
            保存成本
          </Button>
        )}
      </Space>
    </Card>
  );
}
