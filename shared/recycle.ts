/**
 * 已删除 (the recycle bin): customers deleted by hand or in a clean-up batch stay restorable for a retention
 * period; merged records (their history moved to the kept one) and erasures (个人信息删除) never come back.
 */

/** Days a deleted customer can be restored; after that it is past keeping and restoring is refused. */
export const RECYCLE_RETENTION_DAYS = 90;

/** The reasons offered when a customer is deleted by hand; free text is allowed too. */
export const DELETE_REASONS = ['重复建档', '已迁出', '已去世', '信息有误', '客户要求'] as const;

export interface DeletedCustomer {
  id: string;
  code: string | null;
  name: string;
  villageName: string | null;
  address: string | null;
  phone: string | null;
  deletedAt: string;
  deletedBy: string | null;
  /** 清理, 重复建档 …; null when none was given. */
  reason: string | null;
  /** The last moment it can be restored. */
  restorableUntil: string;
  /** Why 恢复 is not possible (past the retention period, ID number taken again); null when it is. */
  blocked: string | null;
}

export interface DeletedPage {
  rows: DeletedCustomer[];
  total: number;
  retentionDays: number;
}

/** delete_reason of a clean-up batch is "reason@time" (the batch key); people see only the reason. */
export const shownReason = (stored: string | null): string | null => (stored ? stored.replace(/@\d{4}-\d{2}-\d{2}T[\d:.]+Z$/, '') : null);
