/** One branch of a 专项活动, by carrier and by village. */
import { Alert, Drawer, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FEEDBACK_FLOOR } from '../../../shared/campaign';
import type { CampaignDrill, CampaignDrillRow, CampaignProgressRow } from '../../../shared/city';
import { get } from '../api';
import { nameColumn, numColumn } from '../components/columns';
import { Rate } from '../components/floors';
import { floorPct, int, money, pct } from '../format';
import { useLoad } from '../useLoad';

function columns(first: string, rows: CampaignDrillRow[]): ColumnsType<CampaignDrillRow> {
  return [
    nameColumn<CampaignDrillRow>(first, 'label', rows),
    numColumn<CampaignDrillRow>('目标户数', 'targets', (r) => r.targets),
    numColumn<CampaignDrillRow>('已反馈', 'visited', (r) => r.visited),
    numColumn<CampaignDrillRow>(
      `反馈率（≥${floorPct(FEEDBACK_FLOOR)}）`,
      'feedback',
      (r) => r.feedbackRate,
      (r) => <Rate value={r.feedbackRate} floor={FEEDBACK_FLOOR} />,
    ),
    numColumn<CampaignDrillRow>('接触到', 'contacted', (r) => r.contacted),
    numColumn<CampaignDrillRow>(
      '成功 · 成功率',
      'success',
      (r) => r.success,
      (r) => `${int(r.success)} · ${pct(r.successRate)}`,
    ),
    numColumn<CampaignDrillRow>(
      '流转额',
      'turnover',
      (r) => r.turnoverFen,
      (r) => money(r.turnoverFen),
    ),
    numColumn<CampaignDrillRow>(
      '收入',
      'revenue',
      (r) => r.revenueFen,
      (r) => money(r.revenueFen),
    ),
  ];
}

export function CampaignDrillDrawer({ campaignId, row, onClose }: { campaignId: string; row: CampaignProgressRow | null; onClose: () => void }) {
  return (
    <Drawer open={row !== null} onClose={onClose} size={Math.min(920, window.innerWidth - 60)} title={row ? `${row.branch}：按投递员和村` : ''} destroyOnHidden>
      {row && <DrillBody campaignId={campaignId} branchId={row.branchId} />}
    </Drawer>
  );
}

function DrillBody({ campaignId, branchId }: { campaignId: string; branchId: string }) {
  const d = useLoad(
    () => get<CampaignDrill>(`/campaigns/${encodeURIComponent(campaignId)}/branches/${encodeURIComponent(branchId)}`),
    `${campaignId}/${branchId}`,
  );
  if (d.error) return <Alert type="error" showIcon title={`读取明细失败：${d.error}`} />;
  const table = (first: string, rows: CampaignDrillRow[], testId: string) => (
    <Table<CampaignDrillRow>
      rowKey="key"
      size="small"
      loading={d.loading}
      columns={columns(first, rows)}
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
    />
  );
  return (
    <Tabs
      items={[
        { key: 'carrier', label: '按投递员', children: table('投递员', d.data?.byCarrier ?? [], 'drill-carriers') },
        { key: 'village', label: '按村', children: table('村', d.data?.byVillage ?? [], 'drill-villages') },
      ]}
    />
  );
}
