import { Descriptions, Divider, Typography } from 'antd';
import type { Campaign } from '../../../../shared/domain';
import { channelLabel, OWNER_LABELS, periodText } from '../../components/campaign/labels';
import { formatFen } from '../../components/campaign/money';
import { StageSteps } from '../../components/campaign/StageSteps';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/session';

interface Props {
  campaign: Campaign;
  onChanged: (c: Campaign) => void;
}

const count = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('zh-CN')} 户`);

/** 概况: what the campaign is, how far it has come, and the stage buttons. */
export function OverviewTab({ campaign: c, onChanged }: Props) {
  const canMove = useCan('campaigns.moveStage');
  const items = [
    { key: 'products', label: '产品', children: c.products.join('、') || '—' },
    { key: 'channels', label: '渠道', children: c.channels.map(channelLabel).join('、') },
    { key: 'period', label: '起止日期', children: periodText(c) },
    { key: 'owner', label: '来源', children: OWNER_LABELS[c.owner] },
    { key: 'targetCount', label: '目标户数', children: count(c.targetCount) },
    { key: 'targets', label: '已确定目标', children: c.frozenAt ? `${count(c.targets)}（${formatDate(c.frozenAt)} 确定）` : '尚未确定' },
    { key: 'turnover', label: '目标流转额', children: formatFen(c.targetTurnover) },
    { key: 'revenue', label: '目标收入', children: formatFen(c.targetRevenue) },
    { key: 'variants', label: '测试方案', children: c.variants.length ? c.variants.map((v) => `${v.code} ${v.name}`).join('；') : '—' },
    { key: 'created', label: '创建', children: `${c.createdBy ?? '—'} · ${formatDateTime(c.createdAt)}` },
    {
      key: 'script',
      label: '话术',
      span: 2,
      children: c.script ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.script}</Typography.Paragraph> : '—',
    },
  ];
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        活动阶段
      </Typography.Title>
      <StageSteps campaign={c} canMove={canMove} onChanged={onChanged} />
      <Divider />
      <Typography.Title level={5}>活动信息</Typography.Title>
      <Descriptions bordered size="small" column={2} items={items} data-testid="campaign-overview" />
    </div>
  );
}
