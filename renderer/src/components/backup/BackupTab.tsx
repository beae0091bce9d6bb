import { CloudUploadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Collapse, Descriptions, Modal, Progress, Row, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { BackupFileInfo, BackupStatus, RestoreSource } from '../../../../shared/backup';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { useSession } from '../../lib/session';
import { BackupFileTable } from './BackupFileTable';
import { BackupSettingsForm } from './BackupSettingsForm';
import { intervalText, jobPercent, nextText, outcomeText } from './backupText';
import { RestoreFlow } from './RestoreFlow';
import { useBackupJob } from './useBackupJob';

/**
 * 设置 → 数据备份 (administrators): where backups go and how often, 立即备份 with progress, the backups found
 * there, and restoring one of them (or a safety copy made before an earlier restore).
 */
export function BackupTab() {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<{ source: RestoreSource; label: string } | null>(null);
  // Open until a destination is saved; after that the person opens it when they want to change something.
  const [settingsOpen, setSettingsOpen] = useState<boolean | null>(null);
  const session = useSession();

  const load = useCallback(() => {
    api['backup.status']({})
      .then((s) => {
        setStatus(s);
        setLoadError(null);
      })
      .catch((e: unknown) => setLoadError(errorText(e)));
  }, []);
  useEffect(load, [load]);
  const job = useBackupJob(status?.runningJobId ?? null, load);

  const openRestore = (f: BackupFileInfo) => setRestoring({ source: { path: f.path }, label: f.name });

  if (!status) return loadError ? <Alert type="error" showIcon title={`读取备份设置失败：${loadError}`} /> : null;
  const last = outcomeText(status.last);
  const running = job.status;
  const percent = running ? jobPercent(running) : null;

  return (
    <Row gutter={16}>
      <Col xs={24} xl={11}>
        <Card size="small" title="数据备份" data-testid="backup-card" style={{ marginBottom: 16 }}>
          <Descriptions
            column={1}
            size="small"
            styles={{ label: { width: 110 } }}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'dest', label: '备份位置', children: status.config.destination ?? <Typography.Text type="warning">未设置</Typography.Text> },
              {
                key: 'plan',
                label: '自动备份',
                children: `${intervalText(status.config.intervalHours)}；保留最近 ${status.config.keepDaily} 天和 ${status.config.keepWeekly} 周`,
              },
              {
                key: 'last',
                label: '上次备份',
                children: (
                  <Typography.Text type={last.tone === 'error' ? 'danger' : last.tone === 'success' ? 'success' : 'secondary'} data-testid="backup-last">
                    {last.text}
                  </Typography.Text>
                ),
              },
              { key: 'next', label: '下次自动备份', children: nextText(status, new Date()) },
            ]}
          />
          {running ? (
            <div data-testid="backup-progress" style={{ marginBottom: 12 }}>
              <Typography.Text>{running.phase}…</Typography.Text>
              <Progress percent={percent ?? 0} status="active" showInfo={percent !== null} />
              <Button size="small" onClick={job.cancel}>
                取消
              </Button>
            </div>
          ) : (
            <Space style={{ marginBottom: 12 }}>
              <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => void job.start()} disabled={!status.config.destination}>
                立即备份
              </Button>
              <Button icon={<ReloadOutlined />} onClick={load}>
                刷新
              </Button>
            </Space>
          )}
          {job.error && <Alert type="error" showIcon title={`备份失败：${job.error}`} style={{ marginBottom: 12 }} data-testid="backup-error" />}
          <Collapse
            size="small"
            activeKey={(settingsOpen ?? !status.config.destination) ? ['settings'] : []}
            onChange={(keys) => setSettingsOpen(keys.length > 0)}
            items={[
              {
                key: 'settings',
                label: '备份设置',
                children: (
                  <BackupSettingsForm
                    status={status}
                    onSaved={(s) => {
                      setStatus(s);
                      setSettingsOpen(false);
                    }}
                  />
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={13}>
        <Card size="small" title="备份文件" style={{ marginBottom: 16 }}>
          {status.filesError && <Alert type="warning" showIcon title={status.filesError} style={{ marginBottom: 12 }} />}
          <BackupFileTable
            files={status.files}
            onRestore={openRestore}
            testId="backup-files"
            empty={status.config.destination ? '备份位置中还没有备份' : '请先设置备份位置'}
          />
          {status.safetyCopies.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                恢复前的安全副本
              </Typography.Title>
              <Typography.Paragraph type="secondary">
                每次恢复前，本机当前的数据都先另存在数据目录中（保留最近 3 份），恢复错了可以从这里恢复回来。
              </Typography.Paragraph>
              <BackupFileTable files={status.safetyCopies} onRestore={openRestore} testId="backup-safety" empty="" />
            </>
          )}
        </Card>
      </Col>
      <Modal open={restoring !== null} title="从备份恢复" footer={null} width={640} onCancel={() => setRestoring(null)} destroyOnHidden maskClosable={false}>
        {restoring && (
          <RestoreFlow source={restoring.source} fileLabel={restoring.label} doneLabel="重新登录" onDone={session.logout} onBack={() => setRestoring(null)} />
        )}
      </Modal>
    </Row>
  );
}
