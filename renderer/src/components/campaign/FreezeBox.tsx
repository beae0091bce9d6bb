import { App, Button, Card, InputNumber, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Campaign } from '../../../../shared/domain';
import { api } from '../../api';
import { useReportedFlight } from '../../lib/useSingleFlight';
import { cleanFilter, type SegmentFilter } from './segmentFilter';

interface Props {
  campaign: Campaign;
  filter: SegmentFilter;
  selectable: number | null;
  onFrozen: (c: Campaign) => void;
}

/** 确定目标客户: takes up to `limit` selectable customers, 一等 first, as the campaign's target list — once. */
export function FreezeBox({ campaign, filter, selectable, onFrozen }: Props) {
  const [limit, setLimit] = useState<number | null>(campaign.targetCount || null);
  const { busy, run } = useReportedFlight();
  const { message } = App.useApp();
  const taking = selectable === null ? null : limit ? Math.min(limit, selectable) : selectable;

  const freeze = () =>
    run(async () => {
      const c = await api['campaigns.freeze']({ id: campaign.id, filter: cleanFilter(filter), ...(limit ? { limit } : {}) });
      message.success(`已确定目标客户 ${c.targets.toLocaleString('zh-CN')} 户`);
      onFrozen(c);
    });

  return (
    <Card size="small" title="确定目标客户">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space>
          <span>最多取</span>
          <InputNumber<number> min={1} max={1_000_000} precision={0} placeholder="全部" value={limit} onChange={setLimit} aria-label="目标户数上限" />
          <span>户（一等优先）</span>
        </Space>
        <Typography.Text type="secondary">{taking === null ? '正在统计…' : `将选入 ${taking.toLocaleString('zh-CN')} 户`}</Typography.Text>
        <Popconfirm
          title="确定目标客户？"
          description={
            <div style={{ maxWidth: 280 }}>
              选入的每位客户“筛选使用次数”加 1，并影响其数据等级。
              <br />
              确定后不能撤销，也不能重新筛选。
            </div>
          }
          okText="确定"
          cancelText="再想想"
          onConfirm={freeze}
          disabled={!taking}
        >
          <Button type="primary" block loading={busy} disabled={!taking} data-testid="freeze-button">
            确定目标客户
          </Button>
        </Popconfirm>
      </Space>
    </Card>
  );
}
