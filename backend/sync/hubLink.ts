/**
 * The link to the hub as the user sets it up (address, branch token, interval) and one online sync run
 * with its outcome recorded for the 同步 page: last success, the error in plain Chinese, offline since when.
 */
import { AppError } from '../../shared/errors';
import type { LocalDatabase } from '../db/localDatabase';
import { parseBranchToken } from '../../shared/node/branchToken';
import { HttpTransport, normaliseHubUrl } from './httpTransport';
import { DEFAULT_INTERVAL_MINUTES, getSyncState, setSyncState, SYNC_KEYS } from './state';
import type { SyncRunResult, SyncService } from './syncService';

export interface HubSettings {
  hubUrl: string;
  token: string;
  intervalMinutes?: number | undefined;
}

export function configureHub(db: LocalDatabase, sync: SyncService, s: HubSettings): { queued: number } {
  const url = normaliseHubUrl(s.hubUrl);
  const { branchId } = parseBranchToken(s.token);
  const interval = s.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES;
  if (!Number.isInteger(interval) || interval < 1 || interval > 24 * 60) throw new AppError('VALIDATION', '自动同步间隔应为 1–1440 分钟');
  return db.write(
    'sync.configure',
    (w) => {
      const before = getSyncState(w, SYNC_KEYS.branchId);
      if (before && before !== branchId && (Number(getSyncState(w, SYNC_KEYS.cursor)) || 0) > 0) {
        throw new AppError('CONFLICT', '本机已与另一个网点的市局数据同步过，不能改用其他网点的令牌；如确需更换，请联系市局');
      }
      const oldToken = getSyncState(w, SYNC_KEYS.token);
      setSyncState(w, SYNC_KEYS.hubUrl, url);
      setSyncState(w, SYNC_KEYS.token, s.token.trim());
      setSyncState(w, SYNC_KEYS.branchId, branchId);
      setSyncState(w, SYNC_KEYS.interval, String(interval));
      const requeued = oldToken && oldToken !== s.token.trim() ? sync.requeueAccounts(w) : 0;
      return { queued: sync.enable(w) + requeued };
    },
    { fromHub: true },
  );
}

export function hubLink(db: LocalDatabase): { url: string; token: string; intervalMinutes: number } | null {
  return db.read((r) => {
    const url = getSyncState(r, SYNC_KEYS.hubUrl);
    const token = getSyncState(r, SYNC_KEYS.token);
    if (!url || !token) return null;
    return { url, token, intervalMinutes: Number(getSyncState(r, SYNC_KEYS.interval) ?? DEFAULT_INTERVAL_MINUTES) };
  });
}

export async function syncOnline(db: LocalDatabase, sync: SyncService, now: () => Date, signal?: AbortSignal): Promise<SyncRunResult> {
  const link = hubLink(db);
  if (!link) throw new AppError('VALIDATION', '尚未设置市局同步，请先在 设置 中填写市局服务器地址和网点令牌');
  try {
    const result = await sync.run(new HttpTransport(link.url, link.token, signal));
    recordOutcome(db, now(), null);
    return result;
  } catch (e) {
    const err = e instanceof AppError ? e : new AppError('INTERNAL', `同步失败：${e instanceof Error ? e.message : String(e)}`);
    recordOutcome(db, now(), err);
    throw err;
  }
}

export function recordOutcome(db: LocalDatabase, at: Date, err: AppError | null): void {
  db.write(
    'sync.outcome',
    (w) => {
      const iso = at.toISOString();
      setSyncState(w, SYNC_KEYS.lastAttempt, iso);
      if (!err) {
        setSyncState(w, SYNC_KEYS.lastSuccess, iso);
        setSyncState(w, SYNC_KEYS.lastError, null);
        setSyncState(w, SYNC_KEYS.offlineSince, null);
        return;
      }
      setSyncState(w, SYNC_KEYS.lastError, JSON.stringify({ code: err.code, message: err.message, at: iso }));
      if (err.code === 'OFFLINE' && !getSyncState(w, SYNC_KEYS.offlineSince)) setSyncState(w, SYNC_KEYS.offlineSince, iso);
    },
    { fromHub: true },
  );
}
