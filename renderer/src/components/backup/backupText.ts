/** What the 数据备份 screens say, as pure functions (unit-tested without a browser). */
import type { BackupFileInfo, BackupOutcome, BackupStatus } from '../../../../shared/backup';
import { formatBytes } from '../../../../shared/backup';
import type { JobStatus } from '../../../../shared/domain';
import { formatDateTime } from '../../lib/format';

export const INTERVAL_CHOICES: { value: number; label: string }[] = [
  { value: 0, label: '不自动备份' },
  { value: 6, label: '每 6 小时' },
  { value: 12, label: '每 12 小时' },
  { value: 24, label: '每天' },
  { value: 48, label: '每 2 天' },
  { value: 168, label: '每周' },
];

export function intervalText(hours: number): string {
  return INTERVAL_CHOICES.find((c) => c.value === hours)?.label ?? `每 ${hours} 小时`;
}

/** One line for the last backup: when, how it went, and why not if it failed. */
export function outcomeText(o: BackupOutcome | null): { tone: 'success' | 'error' | 'none'; text: string } {
  if (!o) return { tone: 'none', text: '还没有备份过' };
  const when = `${formatDateTime(o.at)}（${o.trigger === 'scheduled' ? '自动' : '手动'}）`;
  if (o.ok) {
    const removed = o.removed ? `，清理旧备份 ${o.removed} 个` : '';
    return { tone: 'success', text: `${when} 成功，${formatBytes(o.bytes ?? 0)}，已读回校验${removed}` };
  }
  return { tone: 'error', text: `${when} 失败：${o.message ?? '原因不明'}` };
}

export function nextText(s: Pick<BackupStatus, 'config' | 'nextDueAt'>, now: Date): string {
  if (!s.config.destination) return '请先设置备份位置';
  if (s.config.intervalHours === 0 || !s.nextDueAt) return '已关闭自动备份';
  const due = new Date(s.nextDueAt);
  return due.getTime() <= now.getTime() ? '程序运行时将很快开始' : formatDateTime(s.nextDueAt);
}

export function fileStateText(f: BackupFileInfo): { color: string; text: string } {
  if (f.state === 'incomplete') return { color: 'error', text: '不完整' };
  if (f.state === 'unreadable') return { color: 'error', text: '无法读取' };
  if (!f.sameBranch) return { color: 'default', text: `其他网点：${f.branchName ?? '未命名'}` };
  return { color: 'success', text: '正常' };
}

export function opensText(f: Pick<BackupFileInfo, 'opens'>): string {
  const ways = [f.opens.password ? `管理员 ${f.opens.password} 的密码` : null, f.opens.key ? '本机密钥或恢复密钥' : null].filter(Boolean);
  return ways.length ? ways.join(' 或 ') : '—';
}

/** Progress of a backup job in percent (null while its size is not known yet). */
export function jobPercent(s: Pick<JobStatus, 'done' | 'total'>): number | null {
  if (!s.total) return null;
  return Math.min(100, Math.floor((s.done / s.total) * 100));
}
