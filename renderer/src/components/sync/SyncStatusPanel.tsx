import { SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { AppError } from '../../../../shared/errors';
import type { SyncRunResult, SyncStatus } from '../../../../shared/sync';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useSingleFlight } from '../../lib/useSingleFlight';
import { syncErrorText, syncResultText } from './syncText';
import { announceSyncChange } from './useSyncStatus';

/** What the last 立即同步 on this screen came to. */
type RunOutcome = { ok: true; result: SyncRunResult } | { ok: false; offline: boolean; message: string };

/** The state of sync in words, and 立即同步. */
export function SyncStatusPanel({ status }: { status: SyncStatus }) {
  const { busy, run } = useSingleFlight();
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const { message } = App.useApp();
  const running = busy || status.running;
  // A failed 立即同步 just below says the same thing; one message is enough.
  const err = outcome && !outcome.ok ? null : syncErrorText(status);

  const runNow = () =>
    run(async () => {
      setOutcome(null);
      // The badge and this page show 正在同步 from the backend's own state while the run lasts.
      announceSyncChange();
      try {
        const result = await api['sync.now']({});
        setOutcome({ ok: true, result });
        message.success(`同步完成：${syncResultText(result)}`);
      } catch (e) {
        setOutcome({ ok: false, offline: e instanceof AppError && e.code === 'OFFLINE', message: errorText(e) });
      } finally {
        announceSyncChange();
      }
    });

  const items = [
    { key: 'hub', label: '市局服务器', children: status.hubUrl ?? '—' },
    { key: 'branch', label: '网点', children: status.branchName ?? <Typography.Text type="secondary">首次连通市局后显示</Typography.Text> },
    {
      key: 'success',
      label: '上次成功同步',
      children: <span data-testid="sync-last-success">{status.lastSuccessAt ? formatDateTime(status.lastSuccessAt) : '尚未成功同步过'}</span>,
    },
    { key: 'pending', label: '待同步', children: <span data-testid="sync-pending">{status.pending} 条变更</span> },
    {
      key: 'conflicts',
      label: '未处理的冲突',
      children: <span data-testid="sync-open-conflicts">{status.openConflicts > 0 ? `${status.openConflicts} 处，见下方冲突审核` : '没有'}</span>,
    },
    ...(status.offlineSince ? [{ key: 'offline', label: '离线', children: `自 ${formatDateTime(status.offlineSince)} 起连不上市局` }] : []),
    { key: 'attempt', label: '上次尝试', children: status.lastAttemptAt ? formatDateTime(status.lastAttemptAt) : '—' },
    {
      key: 'next',
      label: '下次自动同步',
      children: `${status.nextAttemptAt ? formatDateTime(status.nextAttemptAt) : '程序运行时自动进行'}（每 ${status.intervalMinutes} 分钟，失败后会更快重试）`,
    },
  ];

  return (
    <>
      {err && (
        // Offline is expected on a rural line: an information, not an error.
        <Alert
          type={err.offline ? 'info' : 'error'}
          showIcon
          title={err.offline ? '离线' : '同步未成功'}
          description={err.text}
          style={{ marginBottom: 12 }}
          data-testid="sync-error"
        />
      )}
      <Descriptions column={1} size="small" styles={{ label: { width: 120 } }} items={items} />
      <Space wrap style={{ marginTop: 12 }}>
        <Button type="primary" icon={<SyncOutlined spin={running} />} disabled={running} onClick={() => void runNow()} data-testid="sync-now">
          {running ? '正在同步…' : '立即同步'}
        </Button>
        {running && <Typography.Text type="secondary">正在与市局交换数据，可以继续其他工作</Typography.Text>}
      </Space>
      {outcome && <RunOutcomeView outcome={outcome} />}
    </>
  );
}

function RunOutcomeView({ outcome }: { outcome: RunOutcome }) {
  if (outcome.ok) {
    return <Alert type="success" showIcon title="同步完成" description={syncResultText(outcome.result)} style={{ marginTop: 12 }} data-testid="sync-result" />;
  }
  return (
    <Alert
      type={outcome.offline ? 'info' : 'error'}
      showIcon
      title={outcome.offline ? '这次没有连上市局' : '同步未成功'}
      description={outcome.message}
      style={{ marginTop: 12 }}
      data-testid="sync-result"
    />
  );
}
