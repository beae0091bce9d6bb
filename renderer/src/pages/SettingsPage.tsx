import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Typography } from 'antd';
import { useEffect } from 'react';
import type { AppInfo } from '../../../shared/domain';
import { transportName } from '../api';

interface Props {
  info: AppInfo | null;
  infoError: string | null;
  onReload: () => void;
}

export function SettingsPage({ info, infoError, onReload }: Props) {
  // The figures (pending changes, snapshot generation) move on; show them as of opening the page.
  useEffect(onReload, [onReload]);

  return (
    <Card
      title="设置"
      extra={
        <Button icon={<ReloadOutlined />} onClick={onReload}>
          刷新
        </Button>
      }
    >
      {infoError && <Alert type="error" showIcon title={`读取失败：${infoError}`} style={{ marginBottom: 16 }} />}
      <Descriptions
        bordered
        column={1}
        styles={{ label: { width: 200 } }}
        items={[
          { key: 'branch', label: '网点名称', children: info?.branchName ?? '—' },
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
  );
}
