/** This installation's sync bookkeeping in sync_state: never sent to the hub, kept durable like any table. */
import type { Reader, Writer } from '../db/handles';

export const SYNC_KEYS = {
  node: 'node',
  hlc: 'hlc',
  cursor: 'cursor',
  enabled: 'enabled',
  hubUrl: 'hub.url',
  token: 'hub.token',
  branchId: 'hub.branchId',
  branchName: 'hub.branchName',
  interval: 'interval.minutes',
  lastSuccess: 'last.success',
  lastAttempt: 'last.attempt',
  lastError: 'last.error',
  offlineSince: 'offline.since',
  problems: 'problems',
  /** Set while a new installation is being restored from the hub: the only time a pull may bring accounts. */
  restoring: 'restore.pending',
} as const;
export type SyncKey = (typeof SYNC_KEYS)[keyof typeof SYNC_KEYS];

export const DEFAULT_INTERVAL_MINUTES = 10;

export function getSyncState(r: Reader, key: SyncKey): string | null {
  return r.value<string>('SELECT value FROM sync_state WHERE key = ?', [key]) ?? null;
}

export function setSyncState(w: Writer, key: SyncKey, value: string | null): void {
  if (value === null) w.run('DELETE FROM sync_state WHERE key = ?', [key]);
  else w.run('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
}

/** A change or row the hub refused, or a pulled row this installation could not store: shown on 同步. */
export interface SyncProblem {
  at: string;
  what: string;
}

const MAX_PROBLEMS = 50;

export function addProblems(w: Writer, at: string, what: readonly string[]): void {
  if (!what.length) return;
  const list = readProblems(w);
  list.unshift(...what.map((x) => ({ at, what: x })));
  setSyncState(w, SYNC_KEYS.problems, JSON.stringify(list.slice(0, MAX_PROBLEMS)));
}

export function readProblems(r: Reader): SyncProblem[] {
  const raw = getSyncState(r, SYNC_KEYS.problems);
  return raw ? (JSON.parse(raw) as SyncProblem[]) : [];
}
