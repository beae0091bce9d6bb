import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Spin, Tabs } from 'antd';
import { useCallback } from 'react';
import type { Campaign } from '../../../../shared/domain';
import { api } from '../../api';
import { channelLabel } from '../../components/campaign/labels';
import { RateTable } from '../../components/campaign/RateTable';
import { ResultCards } from '../../components/campaign/ResultCards';
import { useLoader } from '../../lib/useLoader';
import { ResultsMoney } from './ResultsMoney';

/**
 * 结果: feedback, contact and success rates with turnover and revenue, overall and by carrier / village / variant /
 * channel; for letter campaigns the return rate, and once costs are entered cost, ROI and cost per success.
 */
export function ResultsTab({ campaign }: { campaign: Campaign }) {
  const load = useCallback(() => api['campaigns.results']({ id: campaign.id }), [campaign.id]);
  const res = useLoader(load);
  const r = res.data;
  if (!r) return res.error ? <Alert type="error" showIcon title={`读取活动结果失败：${res.error}`} /> : <Spin />;

  const byChannel = r.byChannel.map((x) => ({ ...x, label: x.key ? channelLabel(x.key) : x.label }));
  const variantName = new Map(campaign.variants.map((v) => [v.code, `${v.code} ${v.name}`]));
  const byVariant = r.byVariant.map((x) => ({ ...x, label: variantName.get(x.key) ?? x.label }));
  const tables = [
    { key: 'carrier', label: '按投递员', children: <RateTable rows={r.byCarrier} groupTitle="投递员" testId="results-carrier" /> },
    { key: 'village', label: '按行政村', children: <RateTable rows={r.byVillage} groupTitle="行政村/单元" testId="results-village" /> },
    { key: 'variant', label: '按方案', children: <RateTable rows={byVariant} groupTitle="方案" testId="results-variant" /> },
    { key: 'channel', label: '按渠道', children: <RateTable rows={byChannel} groupTitle="渠道" testId="results-channel" /> },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {r.overdue && (
        <Alert
          type="error"
          showIcon
          title={`活动已于 ${r.overdue.endedOn} 结束超过一个月，仍有 ${r.overdue.targetsWithoutOutcome} 户没有走访结果`}
          description="按要求，结果应在活动结束后一个月内全部反馈"
          data-testid="results-overdue"
        />
      )}
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button icon={<ReloadOutlined />} loading={res.loading} onClick={() => void res.reload()}>
          刷新
        </Button>
      </div>
      <ResultCards results={r} />
      <ResultsMoney results={r} variantLabel={(code) => variantName.get(code)} />
      <Card size="small">
        <Tabs items={tables} size="small" />
      </Card>
    </Space>
  );
}
