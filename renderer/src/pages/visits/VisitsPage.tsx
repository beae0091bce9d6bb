import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api';
import { useSession } from '../../lib/session';
import { useLoader } from '../../lib/useLoader';
import { FollowUpList } from './FollowUpList';
import { OutcomeLegend } from './OutcomeLegend';
import { useOpenTargets } from './useOpenTargets';
import { VisitEntryTable } from './VisitEntryTable';

const loadCarriers = () => api['carriers.list']({});
const loadCampaigns = () => api['campaigns.list']({});
const loadFollowUps = () => api['campaigns.followUps']({});
const CARRIER_KEY = 'visitEntry:carrier';

function remembered(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * 走访录入: after the round, a carrier (or the clerk for them) enters every visit from the keyboard. A carrier
 * always enters their own round; a clerk first chooses whose.
 */
export function VisitsPage() {
  const { user } = useSession();
  const isCarrier = user.role === 'carrier';
  const carriers = useLoader(loadCarriers);
  const campaigns = useLoader(loadCampaigns);
  const followUps = useLoader(loadFollowUps);
  const [chosen, setChosen] = useState<string | null>(() => (isCarrier ? null : remembered(CARRIER_KEY)));
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const carrierId = isCarrier ? user.id : chosen;
  const open = useOpenTargets(carrierId, campaignId);

  useEffect(() => {
    if (isCarrier) return;
    try {
      if (chosen) sessionStorage.setItem(CARRIER_KEY, chosen);
    } catch {
      // Not remembered across a reload; nothing else is lost.
    }
  }, [chosen, isCarrier]);

  const campaignOptions = useMemo(() => (campaigns.data ?? []).filter((c) => c.frozenAt).map((c) => ({ value: c.id, label: c.name })), [campaigns.data]);
  const errors = [
    carriers.error && `读取投递员失败：${carriers.error}`,
    campaigns.error && `读取活动失败：${campaigns.error}`,
    open.error && `读取走访对象失败：${open.error}`,
  ].filter(Boolean);

  return (
    <Row gutter={[16, 16]} style={{ alignContent: 'flex-start' }}>
      <Col flex="1 1 900px">
        <Card title="走访录入" data-testid="visit-page">
          <Space wrap style={{ marginBottom: 12 }}>
            {isCarrier ? (
              <Typography.Text>
                投递员：<strong>{user.displayName}</strong>
              </Typography.Text>
            ) : (
              <Select
                style={{ width: 220 }}
                autoFocus={!chosen}
                placeholder="选择投递员"
                showSearch={{ optionFilterProp: 'label' }}
                loading={carriers.loading}
                options={(carriers.data ?? []).map((c) => ({ value: c.id, label: `${c.displayName}（${c.login}）` }))}
                value={chosen}
                onChange={(v: string) => setChosen(v)}
                notFoundContent="没有投递员账号"
                aria-label="投递员"
                data-testid="visit-carrier"
              />
            )}
            <Select
              style={{ width: 260 }}
              allowClear
              placeholder="全部活动"
              showSearch={{ optionFilterProp: 'label' }}
              options={campaignOptions}
              value={campaignId}
              onChange={(v: string | undefined) => setCampaignId(v ?? null)}
              aria-label="活动"
            />
            <Button icon={<ReloadOutlined />} disabled={!carrierId} loading={open.loading} onClick={() => void open.reload()}>
              刷新
            </Button>
            {open.targets && (
              <Typography.Text type="secondary" data-testid="visit-count">
                共 {open.targets.length} 户待走访
              </Typography.Text>
            )}
          </Space>
          <OutcomeLegend />
          {errors.map((e) => (
            <Alert key={String(e)} type="error" showIcon title={e} style={{ marginTop: 8 }} />
          ))}
          <div className="visit-entry-scroll" style={{ marginTop: 12 }}>
            {!carrierId ? (
              <Empty description="请先选择投递员" />
            ) : !open.targets ? (
              <Spin />
            ) : open.targets.length === 0 ? (
              <Empty description="没有待走访的对象" />
            ) : (
              <VisitEntryTable targets={open.targets} userId={user.id} showCampaign={!campaignId} onSaved={() => void followUps.reload()} />
            )}
          </div>
        </Card>
      </Col>
      <Col flex="1 1 360px">
        <FollowUpList rows={followUps.data} error={followUps.error} loading={followUps.loading} />
      </Col>
    </Row>
  );
}
