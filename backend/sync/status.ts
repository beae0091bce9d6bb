/** The sync state as the UI shows it. */
import type { SyncStatus } from '../../shared/sync';
import type { LocalDatabase } from '../db/localDatabase';
import { openConflictCount } from './conflicts';
import { DEFAULT_INTERVAL_MINUTES, getSyncState, readProblems, SYNC_KEYS } from './state';
import type { SyncRunner } from './runner';
import type { SyncService } from './syncService';

export function syncStatus(db: LocalDatabase, sync: SyncService, runner: SyncRunner): SyncStatus {
  return db.read((r) => {
    const url = getSyncState(r, SYNC_KEYS.hubUrl);
    const err = getSyncState(r, SYNC_KEYS.lastError);
    const configured = Boolean(url && getSyncState(r, SYNC_KEYS.token));
    return {
      configured,
      hubUrl: url,
      branchId: getSyncState(r, SYNC_KEYS.branchId),
      branchName: getSyncState(r, SYNC_KEYS.branchName),
      intervalMinutes: Number(getSyncState(r, SYNC_KEYS.interval) ?? DEFAULT_INTERVAL_MINUTES),
      running: sync.isRunning,
      pending: sync.isEnabled ? sync.pendingCount(r) : 0,
      openConflicts: openConflictCount(r),
      lastSuccessAt: getSyncState(r, SYNC_KEYS.lastSuccess),
      lastAttemptAt: getSyncState(r, SYNC_KEYS.lastAttempt),
      lastError: err ? (JSON.parse(err) as SyncStatus['lastError']) : null,
      offlineSince: getSyncState(r, SYNC_KEYS.offlineSince),
      nextAttemptAt: configured ? (runner.nextAttemptAt?.toISOString() ?? null) : null,
      problems: readProblems(r),
    };
  });
}
