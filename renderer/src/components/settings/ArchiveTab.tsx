import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { ArchiveCandidate, ArchivedCampaign } from '../../../../shared/archive';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { useCan } from '../../lib/session';
import { useLoader } from '../../lib/useLoader';

const load = () => api['archive.overview']({});
const count = (n: number) => n.toLocaleString('zh-CN');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const INTRO =
  '结束满一年、一年内没有再录入走访的活动，可以把目标客户和走访记录移入按年份保存的归档文件：本机数据库变小、打开更快，' +
  '这些活动的结果和报表照常可查、可导出，备份时归档文件一并备份。归档不会通知市局删除任何数据。';

const CANDIDATE_COLUMNS: ColumnsType<ArchiveCandidate> = [
  { title: '活动名称', dataIndex: 'name' },
  { title: '结束日期', dataIndex: 'endDate', width: 120 },
  { title: '目标户数', dataIndex: 'targets', width: 110, align: 'right', render: count },
  { title: '走访记录', dataIndex: 'visits', width: 110, align: 'right', render: count },
  { title: '归入', dataIndex: 'year', width: 120, render: (y: number) => `${y} 年归档` },
];

const ARCHIVED_COLUMNS: ColumnsType<ArchivedCampaign> = [
  { title: '活动名称', dataIndex: 'name' },
  { title: '归档年份', dataIndex: 'year', width: 100 },
  { title: '目标户数', dataIndex: 'targets', width: 110, align: 'right', render: count },
  { title: '走访记录', dataIndex: 'visits', width: 110, align: 'right', render: count },
  { title: '归档时间', dataIndex: 'archivedAt', width: 160, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm') },
];

/**
 * 活动归档: campaigns that ended over a year ago move their targets and visits into a yearly archive file, which
 * keeps the working database small (it opens faster); their results and reports read the archive as before.
 */
export function ArchiveTab() {
  const { message } = App.useApp();
  const { data, loading, error, reload } = useLoader(load);
  const canRun = useCan('archive.run');
  const [selected, setSelected] = useState<string[]>([]);
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);

  const run = async () => {
    setRunning(true);
    setRunError(null);
    try {
      const r = await api['archive.run']({ ids: selected });
      message.success(
        `已归档 ${r.campaigns} 个活动（目标 ${count(r.targets)} 户、走访 ${count(r.visits)} 条），数据库 ${mb(r.imageBefore)} → ${mb(r.imageAfter)}`,
      );
      setSelected([]);
    } catch (e) {
      setRunError(errorText(e));
    } finally {
      setRunning(false);
      await reload();
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="archive-tab">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {INTRO}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      {data && data.missingYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`数据目录中缺少 ${data.missingYears.join('、')} 年的归档文件，这些年份已归档活动的结果暂时无法查看；请从备份恢复。`}
        />
      )}
      <Card
        size="small"
        title="可以归档的活动"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void reload()} disabled={loading}>
            刷新
          </Button>
        }
      >
        <Table<ArchiveCandidate>
          size="small"
          rowKey="id"
          loading={loading}
          columns={CANDIDATE_COLUMNS}
          dataSource={data?.candidates ?? []}
          pagination={false}
          locale={{ emptyText: '没有结束满一年的活动' }}
          rowSelection={canRun ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) } : undefined}
          data-testid="archive-candidates"
        />
        {canRun && (
          <Space style={{ marginTop: 12 }} wrap>
            <Popconfirm
              title={`归档所选的 ${selected.length} 个活动？`}
              description="目标客户和走访记录将移入归档文件，之后这些活动不能再派工或录入走访。"
              okText="归档"
              cancelText="取消"
              onConfirm={() => void run()}
              disabled={selected.length === 0}
            >
              <Button type="primary" loading={running} disabled={selected.length === 0}>
                归档所选活动
              </Button>
            </Popconfirm>
            {selected.length === 0 && <Typography.Text type="secondary">请先勾选要归档的活动</Typography.Text>}
          </Space>
        )}
        {runError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={runError} data-testid="archive-error" />}
      </Card>
      <Card size="small" title="已归档的活动">
        <Table<ArchivedCampaign>
          size="small"
          rowKey="id"
          columns={ARCHIVED_COLUMNS}
          dataSource={data?.archived ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '还没有归档过活动' }}
          data-testid="archive-done"
        />
      </Card>
    </Space>
  );
}
