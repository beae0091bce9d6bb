import { Alert, App, Button, Card, Col, Row, Select, Space, Statistic, Tag } from 'antd';
import { useCallback, useRef, useState } from 'react';
import type { Campaign } from '../../../../shared/domain';
import { api } from '../../api';
import { CarrierTotalsTable } from '../../components/campaign/CarrierTotalsTable';
import { VillageDispatchTable } from '../../components/campaign/VillageDispatchTable';
import { errorText } from '../../lib/errors';
import { formatPercent } from '../../lib/format';
import { useCan, useSession } from '../../lib/session';
import { useLoader } from '../../lib/useLoader';
import { goToPrint } from './route';

const loadCarriers = () => api['carriers.list']({});

/**
 * 派工: targets to carriers — whole villages by hand, or balanced automatically — and the binding rate. A dispatch
 * can move the campaign on to 营销执行, so the campaign is read again after one (`onChanged`).
 */
export function DispatchTab({ campaign, onChanged }: { campaign: Campaign; onChanged?: () => void }) {
  const loadStatus = useCallback(() => api['dispatch.status']({ id: campaign.id }), [campaign.id]);
  const status = useLoader(loadStatus);
  const carriers = useLoader(loadCarriers);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const inFlight = useRef(false);
  const canDispatch = useCan('dispatch.auto');
  const { user } = useSession();
  const { message } = App.useApp();
  const s = status.data;

  const run = async (key: string, call: () => Promise<{ assigned: number }>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(key);
    try {
      const { assigned } = await call();
      message.success(assigned ? `已派工 ${assigned} 户` : '没有需要派工的目标客户');
      await status.reload();
      if (assigned) onChanged?.();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  };

  if (!campaign.frozenAt) return <Alert type="info" showIcon title="请先在“数据筛选”中确定目标客户，再派工" />;
  const errors = [status.error && `读取派工情况失败：${status.error}`, carriers.error && `读取投递员失败：${carriers.error}`].filter(Boolean);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {errors.map((e) => (
        <Alert key={String(e)} type="error" showIcon title={e} />
      ))}
      <Row gutter={16} data-testid="dispatch-summary">
        <Col span={s?.doorRefused ? 5 : 6}>
          <Statistic title="目标户数" value={s?.targets ?? '—'} />
        </Col>
        {s && s.doorRefused > 0 && (
          <Col span={4}>
            <Statistic title="要求不上门（不派工）" value={s.doorRefused} data-testid="dispatch-door-refused" />
          </Col>
        )}
        <Col span={s?.doorRefused ? 5 : 6}>
          <Statistic title="已派工" value={s?.assigned ?? '—'} />
        </Col>
        <Col span={s?.doorRefused ? 5 : 6}>
          <Statistic title="绑定率" value={s ? formatPercent(s.bindingRate) : '—'} />
        </Col>
        <Col span={s?.doorRefused ? 5 : 6}>
          <Statistic
            title="3 日内派出"
            value={s ? formatPercent(s.assignedWithin3Days) : '—'}
            suffix={s && (s.met90In3Days ? <Tag color="green">已达 90%</Tag> : <Tag color="red">未达 90%</Tag>)}
          />
        </Col>
      </Row>
      {s && s.doorRefused > 0 && (
        <Alert type="info" showIcon title={`${s.doorRefused} 户客户要求不上门，不派给投递员，也不计入绑定率；商函、短信等其他渠道仍可联系。`} />
      )}
      {canDispatch && (
        <Card size="small" title="自动均衡派工">
          <Space wrap>
            <Select
              mode="multiple"
              style={{ minWidth: 360 }}
              placeholder="选择参加本次走访的投递员"
              loading={carriers.loading}
              options={(carriers.data ?? []).map((c) => ({ value: c.id, label: `${c.displayName}（${c.login}）` }))}
              value={chosen}
              onChange={setChosen}
              showSearch={{ optionFilterProp: 'label' }}
              notFoundContent="没有投递员账号，请管理员在“设置”中添加"
              data-testid="auto-carriers"
            />
            <Button
              type="primary"
              disabled={chosen.length === 0}
              loading={busy === 'auto'}
              onClick={() => void run('auto', () => api['dispatch.auto']({ id: campaign.id, carrierIds: chosen }))}
            >
              自动均衡派工
            </Button>
            <span style={{ color: '#888' }}>按村整体分配、按户数均衡；只分配尚未派工的目标</span>
          </Space>
        </Card>
      )}
      <Row gutter={16}>
        <Col flex="1 1 520px">
          <Card size="small" title="按村派工">
            <VillageDispatchTable
              rows={s?.byVillage ?? []}
              carriers={carriers.data ?? []}
              busyVillage={busy}
              canDispatch={canDispatch}
              onAssign={(villageId, carrierId) => void run(villageId ?? '__none__', () => api['dispatch.village']({ id: campaign.id, villageId, carrierId }))}
            />
          </Card>
        </Col>
        <Col flex="0 1 460px">
          <Card size="small" title="各投递员">
            <CarrierTotalsTable
              rows={s?.byCarrier ?? []}
              onPrint={(carrierId) => goToPrint(campaign.id, carrierId)}
              canPrint={(id) => user.role !== 'carrier' || id === user.id}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
