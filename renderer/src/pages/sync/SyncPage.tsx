import { ReloadOutlined, SettingOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, List, Result, Row, Spin, Typography } from 'antd';
import type { SyncProblemView, SyncStatus } from '../../../../shared/sync';
import { ConflictReview } from '../../components/sync/ConflictReview';
import { SyncFilesPanel } from '../../components/sync/SyncFilesPanel';
import { SyncStatusPanel } from '../../components/sync/SyncStatusPanel';
import { useSyncStatus } from '../../components/sync/useSyncStatus';
import { formatDateTime } from '../../lib/format';
import { goToSection } from '../../lib/hooks';
import { useCan } from '../../lib/session';

/** 同步: where the branch stands with the city hub, 立即同步, sync files, problems and the conflict review. */
export function SyncPage() {
  // Polled more often than the top bar: this is the screen someone watches while a sync runs.
  const { status, error, reload } = useSyncStatus(5_000);
  const canConfigure = useCan('sync.configure');
  const canFiles = useCan('sync.exportFile');
  const canSeeConflicts = useCan('sync.conflicts');

  const body = !status ? (
    error ? (
      <Result status="error" title="读取同步状态失败" subTitle={error} extra={<Button onClick={reload}>重试</Button>} />
    ) : (
      <Spin description="正在读取同步状态…">
        <div style={{ height: 200 }} />
      </Spin>
    )
  ) : !status.configured ? (
    <NotConfigured canConfigure={canConfigure} />
  ) : (
    <Configured status={status} canFiles={canFiles} canSeeConflicts={canSeeConflicts} />
  );

  return (
    <Card
      title="同步"
      style={{ flex: 1 }}
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      }
    >
      {status && error && <Alert type="warning" showIcon title={`同步状态可能不是最新的：${error}`} style={{ marginBottom: 12 }} />}
      {body}
    </Card>
  );
}

function Configured({ status, canFiles, canSeeConflicts }: { status: SyncStatus; canFiles: boolean; canSeeConflicts: boolean }) {
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title="同步状态" style={{ height: '100%' }}>
            <SyncStatusPanel status={status} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="同步文件（没有网络时）" style={{ marginBottom: 16 }}>
            <SyncFilesPanel canUse={canFiles} />
          </Card>
          <Card size="small" title="问题记录">
            <Problems problems={status.problems} />
          </Card>
        </Col>
      </Row>
      {canSeeConflicts && (
        <Card size="small" title={`冲突审核${status.openConflicts > 0 ? `（待处理 ${status.openConflicts}）` : ''}`} style={{ marginTop: 16 }}>
          <ConflictReview version={`${status.openConflicts}|${status.lastSuccessAt ?? ''}`} />
        </Card>
      )}
    </>
  );
}

function Problems({ problems }: { problems: SyncProblemView[] }) {
  if (problems.length === 0) return <Typography.Text type="secondary">没有问题：本机的变更市局都已接收，市局下发的数据本机都已保存。</Typography.Text>;
  return (
    <List
      size="small"
      data-testid="sync-problems"
      dataSource={problems}
      pagination={problems.length > 5 ? { pageSize: 5, size: 'small' } : false}
      renderItem={(p) => (
        <List.Item>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(p.at)}
            </Typography.Text>
            <div>{p.what}</div>
          </div>
        </List.Item>
      )}
    />
  );
}

function NotConfigured({ canConfigure }: { canConfigure: boolean }) {
  return (
    <Result
      icon={<SwapOutlined style={{ color: '#0b7a3e' }} />}
      title="本网点还没有设置市局同步"
      subTitle={
        <div style={{ maxWidth: 560, margin: '0 auto' }}>
          <p>数据一直保存在本机，不设置同步也能正常使用。</p>
          <p>
            设置后，本机新增和修改的客户、走访记录会定期自动上传到市局，市局下发的营销活动也会自动下载；电脑损坏或更换时，还能从市局恢复本网点的全部数据。没有网络的网点可以用同步文件（U
            盘）交换。
          </p>
          <p>{canConfigure ? '需要市局提供的服务器地址和本网点的令牌。' : '请管理员在 设置 中填写市局提供的服务器地址和网点令牌。'}</p>
        </div>
      }
      extra={
        canConfigure ? (
          <Button type="primary" icon={<SettingOutlined />} onClick={() => goToSection('settings')}>
            去设置市局同步
          </Button>
        ) : null
      }
    />
  );
}
