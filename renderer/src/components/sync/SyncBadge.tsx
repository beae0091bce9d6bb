import {
  CheckCircleOutlined,
  CloudUploadOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  SwapOutlined,
  SyncOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { goToSection } from '../../lib/hooks';
import { SYNC_SECTION } from '../../pages/sync/route';
import { syncBadge, type SyncTone } from './syncText';
import { useSyncStatus } from './useSyncStatus';

const LOOK: Record<SyncTone, { color: string; icon: ReactNode }> = {
  none: { color: 'default', icon: <SwapOutlined /> },
  running: { color: 'processing', icon: <SyncOutlined spin /> },
  ok: { color: 'success', icon: <CheckCircleOutlined /> },
  pending: { color: 'processing', icon: <CloudUploadOutlined /> },
  // Grey on purpose: a line that drops every afternoon is normal, not an alarm.
  offline: { color: 'default', icon: <DisconnectOutlined /> },
  conflict: { color: 'warning', icon: <WarningOutlined /> },
  error: { color: 'error', icon: <ExclamationCircleOutlined /> },
};

/** The sync state in the top bar; a click opens the 同步 page. */
export function SyncBadge() {
  const { status, error } = useSyncStatus();
  const view = status
    ? syncBadge(status)
    : { text: error ? '同步状态未知' : '正在读取…', tone: 'none' as const, detail: error ? `读取同步状态失败：${error}` : '' };
  const look = LOOK[view.tone];
  return (
    <Tooltip title={view.detail ? `${view.detail}。点击查看同步详情` : '点击查看同步详情'}>
      <Tag
        icon={look.icon}
        color={look.color}
        data-testid="sync-state"
        data-tone={view.tone}
        role="button"
        tabIndex={0}
        style={{ cursor: 'pointer', marginInlineEnd: 0 }}
        onClick={() => goToSection(SYNC_SECTION)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') goToSection(SYNC_SECTION);
        }}
      >
        {view.text}
      </Tag>
    </Tooltip>
  );
}
