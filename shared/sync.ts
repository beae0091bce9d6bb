/** What the UI shows of sync (the 同步 page, the top bar, the conflict review). */
export interface SyncProblemView {
  at: string;
  what: string;
}

export interface SyncStatus {
  configured: boolean;
  hubUrl: string | null;
  /** The token's branch part only; the secret is never sent to the UI. */
  branchId: string | null;
  branchName: string | null;
  intervalMinutes: number;
  running: boolean;
  /** Changes made here that the hub has not acknowledged yet. */
  pending: number;
  openConflicts: number;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: { code: string; message: string; at: string } | null;
  /** Since when the hub has been unreachable (null when the last attempt reached it). */
  offlineSince: string | null;
  nextAttemptAt: string | null;
  /** Changes the hub refused and pulled rows this PC could not store, newest first. */
  problems: SyncProblemView[];
}

export interface SyncRunResult {
  pushed: number;
  pulled: number;
  conflicts: number;
  rejected: number;
}

export interface SyncConflictView {
  id: string;
  table: string;
  /** 客户, 行政村, … */
  tableLabel: string;
  rowId: string;
  /** The customer's name (or the row's name) so a supervisor knows whose record it is. */
  rowLabel: string;
  field: string;
  fieldLabel: string;
  keptValue: string | null;
  lostValue: string | null;
  /** When each value was written (from its clock), ISO. */
  keptAt: string;
  lostAt: string;
  detectedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: 'kept' | 'restored' | null;
}
