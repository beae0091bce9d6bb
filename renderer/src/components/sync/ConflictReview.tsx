import { Alert, App, Button, Popconfirm, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { SyncConflictView } from '../../../../shared/sync';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useLoader } from '../../lib/useLoader';
import { useCan } from '../../lib/session';
import { conflictValueText } from './syncText';
import { announceSyncChange } from './useSyncStatus';

function ValueCell({ value, at, strong }: { value: string | null; at: string; strong?: boolean }) {
  return (
    <div>
      <Typography.Text strong={strong ?? false}>{conflictValueText(value)}</Typography.Text>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          写于 {formatDateTime(at)}
        </Typography.Text>
      </div>
    </div>
  );
}

function ResolvedCell({ c }: { c: SyncConflictView }) {
  return (
    <Space orientation="vertical" size={0}>
      <Tag color={c.resolution === 'restored' ? 'blue' : 'green'}>{c.resolution === 'restored' ? '已恢复被覆盖的值' : '已保留现值'}</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.resolvedBy ?? ''} {formatDateTime(c.resolvedAt)}
      </Typography.Text>
    </Space>
  );
}

/**
 * 冲突审核: each value that lost to a later edit of the same field on another PC. 主管 and 管理员 decide; the
 * others see the list so they know why a value changed. Restoring is an ordinary edit, so it syncs onwards.
 */
export function ConflictReview({ version }: { version: string }) {
  const [includeResolved, setIncludeResolved] = useState(false);
  // Read at call time, so the switch and reload() agree without a new loader per render.
  const includeRef = useRef(false);
  const [acting, setActing] = useState<string | null>(null);
  const canResolve = useCan('sync.resolveConflict');
  const { message } = App.useApp();
  const { data, loading, error, reload } = useLoader(() => api['sync.conflicts']({ includeResolved: includeRef.current }));

  // A sync that brought conflicts in (or a resolution on another PC) changes the version: read the list again.
  const seenVersion = useRef(version);
  useEffect(() => {
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    void reload();
  }, [version, reload]);

  const toggle = (on: boolean) => {
    includeRef.current = on;
    setIncludeResolved(on);
    void reload();
  };

  const resolve = async (c: SyncConflictView, choice: 'keep' | 'restore') => {
    if (acting) return;
    setActing(c.id);
    try {
      await api['sync.resolveConflict']({ id: c.id, choice });
      message.success(
        choice === 'keep' ? `已保留“${c.rowLabel}”的${c.fieldLabel}现值` : `已把“${c.rowLabel}”的${c.fieldLabel}恢复为 ${conflictValueText(c.lostValue)}`,
      );
      announceSyncChange();
    } catch (e) {
      message.error(`处理失败：${errorText(e)}`);
    } finally {
      setActing(null);
      void reload();
    }
  };

  const columns: TableColumnsType<SyncConflictView> = [
    {
      title: '记录',
      key: 'row',
      width: 180,
      render: (_, c) => (
        <div>
          <Typography.Text strong>{c.rowLabel}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.tableLabel}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: '字段', dataIndex: 'fieldLabel', width: 100 },
    { title: '现值（保留的）', key: 'kept', render: (_, c) => <ValueCell value={c.keptValue} at={c.keptAt} strong /> },
    { title: '被覆盖的值', key: 'lost', render: (_, c) => <ValueCell value={c.lostValue} at={c.lostAt} /> },
    { title: '发现于', dataIndex: 'detectedAt', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: '处理',
      key: 'actions',
      width: 260,
      render: (_, c) =>
        c.resolvedAt ? (
          <ResolvedCell c={c} />
        ) : canResolve ? (
          <Space wrap>
            <Button size="small" loading={acting === c.id} disabled={acting !== null} onClick={() => void resolve(c, 'keep')}>
              保留现值
            </Button>
            <Popconfirm
              title="恢复被覆盖的值？"
              description={`“${c.rowLabel}”的${c.fieldLabel}将改为 ${conflictValueText(c.lostValue)}，并同步到市局和其他电脑`}
              okText="恢复"
              cancelText="取消"
              onConfirm={() => resolve(c, 'restore')}
            >
              <Button size="small" type="primary" ghost disabled={acting !== null}>
                恢复被覆盖的值
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          <Typography.Text type="secondary">待主管处理</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Switch checked={includeResolved} onChange={toggle} aria-label="显示已处理的冲突" />
        <span>显示已处理的</span>
        {!canResolve && <Typography.Text type="secondary">（只有主管和管理员可以处理冲突）</Typography.Text>}
      </Space>
      {error && <Alert type="error" showIcon title={`读取冲突失败：${error}`} style={{ marginBottom: 8 }} />}
      <Table<SyncConflictView>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: includeResolved ? '没有冲突记录' : '没有待处理的冲突：两台电脑同时修改同一内容时，被覆盖的值会列在这里' }}
        data-testid="sync-conflicts"
      />
    </>
  );
}
