/** Backup and restore (数据备份/恢复): what the screen and the CLI see. Pure types and small rules. */

export const BACKUP_EXT = '.pbbak';
export const DEFAULT_INTERVAL_HOURS = 24;
export const DEFAULT_KEEP_DAILY = 7;
export const DEFAULT_KEEP_WEEKLY = 4;

export interface BackupConfig {
  /** The folder backups go to (a USB stick, another drive, a shared folder); null until chosen. */
  destination: string | null;
  /** Hours between scheduled backups; 0 = no scheduled backups. */
  intervalHours: number;
  /** The newest backup of each of this many days is kept… */
  keepDaily: number;
  /** …and the newest of each of this many weeks. */
  keepWeekly: number;
  /** Whose password opens the backups (set when the administrator saved the settings), or null. */
  password: { login: string; setAt: string } | null;
  /** The data folder is encrypted: backups are also sealed with its key (the recovery key opens them). */
  dataKey: boolean;
}

export interface BackupOutcome {
  at: string;
  ok: boolean;
  trigger: 'manual' | 'scheduled';
  /** Full path of the backup written. */
  file: string | null;
  bytes: number | null;
  /** Why it failed, in Chinese. */
  message: string | null;
  /** Old backups removed by rotation. */
  removed: number;
}

export interface BackupFileInfo {
  name: string;
  path: string;
  bytes: number;
  createdAt: string | null;
  branchName: string | null;
  /** Of this branch (so rotation may remove it and a restore is allowed). */
  sameBranch: boolean;
  /** ok: header readable and length right; incomplete: cut short (copy interrupted); unreadable: not a backup or damaged header. */
  state: 'ok' | 'incomplete' | 'unreadable';
  problem: string | null;
  /** What opens it. */
  opens: { password: string | null; key: boolean };
}

export interface BackupStatus {
  config: BackupConfig;
  last: BackupOutcome | null;
  lastSuccessAt: string | null;
  nextDueAt: string | null;
  runningJobId: string | null;
  files: BackupFileInfo[];
  /** Why the destination could not be listed (missing USB stick …). */
  filesError: string | null;
  /** Copies of the data kept aside before each restore (in the data folder), newest first. */
  safetyCopies: BackupFileInfo[];
}

export type RestoreSource = { path: string } | { uploadId: string };

export interface TableLoss {
  table: string;
  label: string;
  /** Rows made here after the backup. */
  added: number;
  /** Rows changed here after the backup (they go back to their old values). */
  changed: number;
  /** Rows deleted here after the backup (they come back). */
  removed: number;
}

export interface LossSummary {
  /** Customers added or changed after the backup: lost by the restore. */
  customers: number;
  /** Visit records made after the backup. */
  visits: number;
  /** Customers deleted after the backup that come back. */
  customersReturning: number;
  /** Every other row that goes back to the backup's state. */
  otherRows: number;
  tables: TableLoss[];
  nothingLost: boolean;
  /** The sentence the UI and the CLI show before asking. */
  text: string;
}

export interface BackupContents {
  branchName: string | null;
  createdAt: string;
  appVersion: string;
  schema: string;
  customers: number;
  visits: number;
  users: number;
  villages: number;
  admins: string[];
}

export type BackupInspection =
  | {
      state: 'locked';
      fileName: string;
      createdAt: string;
      branchName: string | null;
      needs: { password: string | null; key: boolean };
      wrong: 'password' | 'key' | null;
    }
  | {
      state: 'ready';
      fileName: string;
      contents: BackupContents;
      loss: LossSummary;
      /** Why this backup may not be restored here (another branch), or null. */
      refusal: string | null;
      /** Handed back to backup.restore: the restore proceeds only if nothing changed since this inspection. */
      confirmToken: string;
    };

export interface RestoreResult {
  branchName: string | null;
  customers: number;
  visits: number;
  loss: LossSummary;
  /** Where the data that was replaced is kept, or null when there was none. */
  safetyCopy: string | null;
}

/** 备份_<网点>_<yyyyMMdd-HHmm>.pbbak; the branch name made safe for every file system the clerk may plug in. */
export function backupFileName(branchName: string, at: Date, prefix = '备份'): string {
  const safe =
    branchName
      .replace(/[\\/:*?"<>|\s\u0000-\u001f]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 40) || '网点';
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}`;
  return `${prefix}_${safe}_${stamp}${BACKUP_EXT}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
