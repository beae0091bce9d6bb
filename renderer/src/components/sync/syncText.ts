/**
 * How the sync state reads to a clerk, as plain data (no React) so the top-bar tag and the 同步 page say the
 * same thing and the wording can be unit-tested. Offline is a normal state of a rural line: it reads calmly,
 * in grey, never in red.
 */
import type { SyncRunResult, SyncStatus } from '../../../../shared/sync';
import { formatDateTime } from '../../lib/format';

export type SyncTone = 'none' | 'running' | 'ok' | 'pending' | 'offline' | 'conflict' | 'error';

export interface SyncBadgeView {
  text: string;
  tone: SyncTone;
  /** A sentence or two for the tooltip. */
  detail: string;
}

const never = '尚未成功同步过';

function lastSuccessText(s: SyncStatus): string {
  return s.lastSuccessAt ? `上次成功同步：${formatDateTime(s.lastSuccessAt)}` : never;
}

function nextAttemptText(s: SyncStatus): string {
  return s.nextAttemptAt ? `下次自动同步：${formatDateTime(s.nextAttemptAt)}` : '';
}

const sentences = (...parts: string[]) => parts.filter(Boolean).join('；');

/**
 * One tag for the top bar. Precedence follows what a clerk must act on first: conflicts wait for a person,
 * errors other than offline need someone to look, offline and pending changes resolve themselves.
 */
export function syncBadge(s: SyncStatus): SyncBadgeView {
  if (!s.configured) return { text: '未设置同步', tone: 'none', detail: '尚未设置市局同步，数据保存在本机；管理员可在 设置 中填写市局服务器地址和网点令牌' };
  const pending = s.pending > 0 ? `待同步 ${s.pending} 条变更` : '没有待同步的变更';
  if (s.running) return { text: '正在同步…', tone: 'running', detail: sentences('正在与市局交换数据', pending) };
  if (s.openConflicts > 0) {
    return {
      text: `有冲突 ${s.openConflicts}`,
      tone: 'conflict',
      detail: sentences(`${s.openConflicts} 处两台电脑同时修改的内容等待主管审核`, lastSuccessText(s)),
    };
  }
  if (s.offlineSince) {
    return {
      text: `离线 自 ${formatDateTime(s.offlineSince)}`,
      tone: 'offline',
      detail: sentences('市局服务器暂时连不上，数据照常保存在本机，线路恢复后会自动同步', pending, nextAttemptText(s)),
    };
  }
  if (s.lastError) return { text: '同步未成功', tone: 'error', detail: sentences(s.lastError.message, pending) };
  if (s.pending > 0) return { text: `待同步 ${s.pending} 条`, tone: 'pending', detail: sentences(lastSuccessText(s), nextAttemptText(s)) };
  if (s.lastSuccessAt)
    return { text: `已同步 ${formatDateTime(s.lastSuccessAt)}`, tone: 'ok', detail: sentences('本机的变更市局都已收到', nextAttemptText(s)) };
  return { text: '尚未同步', tone: 'pending', detail: sentences(never, nextAttemptText(s)) };
}

/** The outcome of 立即同步 or of importing a reply file: 上传 n 条 / 下载 n 条 / 新冲突 n 条. */
export function syncResultText(r: SyncRunResult): string {
  const parts = [`上传 ${r.pushed} 条`, `下载 ${r.pulled} 条`, `新冲突 ${r.conflicts} 条`];
  if (r.rejected > 0) parts.push(`市局拒收 ${r.rejected} 条（见下方问题记录）`);
  return parts.join(' / ');
}

/** The last error in plain Chinese, with when it happened; null when the last attempt went through. */
export function syncErrorText(s: SyncStatus): { offline: boolean; text: string } | null {
  if (!s.lastError) return null;
  const at = formatDateTime(s.lastError.at);
  if (s.lastError.code === 'OFFLINE') {
    const since = s.offlineSince ? `自 ${formatDateTime(s.offlineSince)} 起` : '';
    return {
      offline: true,
      text: `${since}连不上市局服务器（最近一次 ${at}）。这在线路不稳时很常见：数据照常保存在本机，程序会自动再试，也可以用同步文件交换。`,
    };
  }
  return { offline: false, text: `${at} 同步未成功：${s.lastError.message}` };
}

/** A value of the conflict review: empty values are named, so "cleared" is not mistaken for "missing". */
export function conflictValueText(v: string | null): string {
  return v === null || v === '' ? '（空）' : v;
}
