import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, SetupStatus } from '../../../shared/domain';
import { api, transportName } from '../api';
import { ArchiveTab } from '../components/settings/ArchiveTab';
import { AuditTab } from '../components/settings/AuditTab';
import { BackupTab } from '../components/backup/BackupTab';
import { BranchSettingsForm } from '../components/settings/BranchSettingsForm';
import { UsersTab } from '../components/settings/UsersTab';
import { HubSettingsCard } from '../components/sync/HubSettingsCard';
import { errorText } from '../lib/errors';
import { useCan, useSession } from '../lib/session';

interface Props {
  info: AppInfo | null;
  infoError: string | null;
  onReload: () => void;
}

export function SettingsPage({ info, infoError, onReload }: Props) {
  const [status, setStatus] = useState<SetupStatus | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const session = useSession();
  const canUsers = useCan('users.list');
  const canAudit = useCan('audit.list');
  const canBackup = useCan('backup.status');
  const canArchive = useCan('archive.overview');

  const loadStatus = useCallback(() => {
    api['setup.status']({})
      .then((s) => {
        setStatus(s);
        setStatusError(null);
      })
      .catch((e: unknown) => setStatusError(errorText(e)));
  }, []);
  const reload = useCallback(() => {
    onReload();
    loadStatus();
  }, [onReload, loadStatus]);
  // The figures (pending changes, snapshot generation) move on; show them as of opening the page.
  useEffect(reload, [reload]);

  const branch = (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <Card size="small" title="网点" style={{ marginBottom: 16 }}>
          <Descriptions
            column={1}
            size="small"
            styles={{ label: { width: 140 } }}
            items={[
              { key: 'villages', label: '村/社区/单元', children: status ? `${status.villages} 个` : '—' },
              { key: 'edition', label: '区划数据', children: status ? <span data-testid="division-edition">{status.edition} 年版统计用区划代码</span> : '—' },
            ]}
          />
        </Card>
        <Card size="small" title="网点设置">
          <BranchSettingsForm
            key={status ? 'loaded' : 'loading'}
            county={
              status?.countyCode
                ? { code: status.countyCode, name: status.countyName ?? status.countyCode, fullName: status.countyName ?? status.countyCode }
                : null
            }
            onSaved={() => {
              reload();
              // The lock timeout may have changed.
              session.refresh();
            }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="本机数据">
          <Descriptions
            column={1}
            size="small"
            styles={{ label: { width: 160 } }}
            items={[
              { key: 'version', label: '版本', children: info?.version ?? '—' },
              { key: 'schema', label: '数据库结构版本', children: info?.schemaVersion ?? '—' },
              {
                key: 'dir',
                label: '数据目录',
                // Copyable so an administrator can paste it into a file manager to make a backup.
                children: info ? <Typography.Text copyable>{info.dataDir}</Typography.Text> : '—',
              },
              { key: 'snapshot', label: '快照代数', children: info ? String(info.snapshotGeneration) : '—' },
              { key: 'pending', label: '待写入快照的变更', children: info ? `${info.pendingLogRecords} 条（已安全记入变更日志）` : '—' },
              { key: 'mode', label: '运行方式', children: transportName === 'ipc' ? '桌面程序' : '浏览器模式（仅本机访问）' },
            ]}
          />
        </Card>
        <HubSettingsCard />
      </Col>
    </Row>
  );

  return (
    <Card
      title="设置"
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      }
    >
      {(infoError || statusError) && <Alert type="error" showIcon title={`读取失败：${infoError ?? statusError}`} style={{ marginBottom: 16 }} />}
      <Tabs
        destroyOnHidden
        items={[
          { key: 'branch', label: '网点与本机', children: branch },
          ...(canUsers ? [{ key: 'users', label: '用户', children: <UsersTab /> }] : []),
          ...(canBackup ? [{ key: 'backup', label: '数据备份', children: <BackupTab /> }] : []),
          ...(canArchive ? [{ key: 'archive', label: '活动归档', children: <ArchiveTab /> }] : []),
          ...(canAudit ? [{ key: 'audit', label: '操作日志', children: <AuditTab /> }] : []),
        ]}
      />
    </Card>
  );
}
