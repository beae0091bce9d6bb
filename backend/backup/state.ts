/**
 * Backup settings and outcomes live in sync_state, this installation's local bookkeeping: never sent to the hub
 * (the destination is a drive of this PC, and the derived password key must not leave it), yet as durable as any
 * table. Keys start with "backup.".
 */
import { DEFAULT_INTERVAL_HOURS, DEFAULT_KEEP_DAILY, DEFAULT_KEEP_WEEKLY, type BackupConfig, type BackupOutcome } from '../../shared/backup';
import type { Reader, Writer } from '../db/handles';
import { getSetting, SETTING_BRANCH_NAME } from '../services/settings';
import { SETTING_COUNTY } from '../services/setup';
import { getSyncState, SYNC_KEYS } from '../sync/state';
import type { BranchIdentity } from './format';
import type { PasswordKey } from './keys';

const K = {
  destination: 'backup.destination',
  interval: 'backup.intervalHours',
  keepDaily: 'backup.keepDaily',
  keepWeekly: 'backup.keepWeekly',
  passwordKey: 'backup.passwordKey',
  last: 'backup.last',
  lastSuccess: 'backup.lastSuccess',
} as const;

const get = (r: Reader, key: string) => r.value<string>('SELECT value FROM sync_state WHERE key = ?', [key]) ?? null;

function put(w: Writer, key: string, value: string | null): void {
  if (value === null) w.run('DELETE FROM sync_state WHERE key = ?', [key]);
  else w.run('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
}

const num = (v: string | null, fallback: number) => (v !== null && Number.isFinite(Number(v)) ? Number(v) : fallback);

export function readPasswordKey(r: Reader): PasswordKey | null {
  const raw = get(r, K.passwordKey);
  return raw ? (JSON.parse(raw) as PasswordKey) : null;
}

export function readConfig(r: Reader, dataKey: boolean): BackupConfig {
  const pk = readPasswordKey(r);
  return {
    destination: get(r, K.destination),
    intervalHours: num(get(r, K.interval), DEFAULT_INTERVAL_HOURS),
    keepDaily: num(get(r, K.keepDaily), DEFAULT_KEEP_DAILY),
    keepWeekly: num(get(r, K.keepWeekly), DEFAULT_KEEP_WEEKLY),
    password: pk ? { login: pk.login, setAt: pk.setAt } : null,
    dataKey,
  };
}

export function writeConfig(
  w: Writer,
  c: Pick<BackupConfig, 'destination' | 'intervalHours' | 'keepDaily' | 'keepWeekly'>,
  passwordKey: PasswordKey | undefined,
): void {
  put(w, K.destination, c.destination);
  put(w, K.interval, String(c.intervalHours));
  put(w, K.keepDaily, String(c.keepDaily));
  put(w, K.keepWeekly, String(c.keepWeekly));
  if (passwordKey) put(w, K.passwordKey, JSON.stringify(passwordKey));
}

export function readLast(r: Reader): { last: BackupOutcome | null; lastSuccessAt: string | null } {
  const raw = get(r, K.last);
  return { last: raw ? (JSON.parse(raw) as BackupOutcome) : null, lastSuccessAt: get(r, K.lastSuccess) };
}

export function recordOutcome(w: Writer, o: BackupOutcome): void {
  put(w, K.last, JSON.stringify(o));
  if (o.ok) put(w, K.lastSuccess, o.at);
}

/** Every backup.* row: carried over a restore, so this PC keeps backing up where it did and says so truthfully. */
export function bookkeeping(r: Reader): [string, string][] {
  return r.all<{ key: string; value: string }>("SELECT key, value FROM sync_state WHERE key LIKE 'backup.%'").map((x) => [x.key, x.value]);
}

export function replaceBookkeeping(w: Writer, rows: readonly [string, string][]): void {
  w.run("DELETE FROM sync_state WHERE key LIKE 'backup.%'");
  for (const [k, v] of rows) put(w, k, v);
}

export function branchIdentity(r: Reader): BranchIdentity {
  return {
    name: getSetting(r, SETTING_BRANCH_NAME)?.trim() || null,
    county: getSetting(r, SETTING_COUNTY) ?? null,
    hubBranchId: getSyncState(r, SYNC_KEYS.branchId),
  };
}

/**
 * The hub's branch id decides when both sides have one (a renamed branch stays itself); otherwise the name
 * (and the county, when both know it).
 */
export function sameBranch(a: BranchIdentity, b: BranchIdentity): boolean {
  if (a.hubBranchId && b.hubBranchId) return a.hubBranchId === b.hubBranchId;
  if (a.name !== b.name) return false;
  return !a.county || !b.county || a.county === b.county;
}

/** An installation belongs to a branch once it has a name, villages or customers. */
export function belongsToBranch(r: Reader): boolean {
  const id = branchIdentity(r);
  if (id.name || id.hubBranchId) return true;
  return (r.value<number>('SELECT (SELECT count(*) FROM villages) + (SELECT count(*) FROM customers)') ?? 0) > 0;
}
