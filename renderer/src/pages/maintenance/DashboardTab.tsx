import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { api } from '../../api';
import { formatDate } from '../../lib/format';
import { useLoader } from '../../lib/useLoader';
import { UsageDashboardCards } from '../usage/UsageDashboardCards';
import { DashboardSummary } from './DashboardSummary';
import { VillageKpiTable } from './VillageKpiTable';

const loadDashboard = () => api['maintenance.dashboard']({});

/** 维护看板: the branch against the maintenance targets of the programme, then village by village. */
export function DashboardTab() {
  const dash = useLoader(loadDashboard);
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{dash.data ? `统计日期 ${formatDate(dash.data.asOf)}` : ''}</Typography.Text>
        <Button icon={<ReloadOutlined />} size="small" onClick={() => void dash.reload()}>
          刷新
        </Button>
      </Space>
      {dash.error && <Alert type="error" showIcon title={`读取维护看板失败：${dash.error}`} style={{ marginBottom: 12 }} />}
      {!dash.data && dash.loading && <Spin style={{ display: 'block', margin: 48 }} />}
      {dash.data && (
        <>
          <DashboardSummary d={dash.data} />
          <UsageDashboardCards />
          <VillageKpiTable d={dash.data} />
        </>
      )}
    </div>
  );
}
