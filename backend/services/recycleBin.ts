/**
 * 已删除: the customers a person deleted, with who, when and why, restorable for RECYCLE_RETENTION_DAYS. A record
 * retired by a merge is not here (its history and usage moved to the kept record: bringing it back would make a
 * duplicate with nothing behind it), nor one erased on request (nothing personal is left to restore).
 */
import { AppError } from '../../shared/errors';
import { RECYCLE_RETENTION_DAYS, shownReason, type DeletedPage } from '../../shared/recycle';
import { ERASURE_REASON } from '../../shared/syncProtocol';
import type { Reader } from '../db/handles';
import { findByCode } from './customerCodes';

const DAY = 86_400_000;

const IN_BIN = `c.deleted_at IS NOT NULL AND c.merged_into IS NULL AND (c.delete_reason IS NULL OR c.delete_reason <> '${ERASURE_REASON}')`;

export const restorableUntil = (deletedAt: string): string => new Date(new Date(deletedAt).getTime() + RECYCLE_RETENTION_DAYS * DAY).toISOString();

/** Why the customer cannot be restored, or null. */
function blockedReason(r: Reader, c: { id: string; deleted_at: string; id_number: string | null }, now: Date): string | null {
  if (restorableUntil(c.deleted_at) < now.toISOString()) return `已超过 ${RECYCLE_RETENTION_DAYS} 天保留期，不能恢复`;
  if (c.id_number) {
    const other = r.value<string>('SELECT name FROM customers WHERE id_number = ? AND deleted_at IS NULL AND id <> ?', [c.id_number, c.id]);
    if (other) return `身份证号已登记在客户“${other}”名下，请先核对`;
  }
  return null;
}

interface BinRow {
  id: string;
  code: string | null;
  name: string;
  village_name: string | null;
  address: string | null;
  phone: string | null;
  id_number: string | null;
  deleted_at: string;
  deleted_by: string | null;
  delete_reason: string | null;
}

export function listDeleted(r: Reader, now: Date, input: { query?: string | undefined; offset: number; limit: number }): DeletedPage {
  const q = input.query?.trim();
  let filter = '';
  const params: (string | number)[] = [];
  if (q) {
    const byCode = findByCode(r, q);
    filter = ' AND (c.name LIKE ? OR c.phone LIKE ? OR c.address LIKE ? OR c.id = ?)';
    params.push(`%${q}%`, `%${q}%`, `%${q}%`, byCode.found ? byCode.id : '');
  }
  const from = `FROM customers c LEFT JOIN villages v ON v.id = c.village_id WHERE ${IN_BIN}${filter}`;
  const total = Number(r.value(`SELECT COUNT(*) ${from}`, params) ?? 0);
  const rows = r.all<BinRow>(
    `SELECT c.id, c.code, c.name, v.name AS village_name, c.address, c.phone, c.id_number, c.deleted_at, c.deleted_by, c.delete_reason
     ${from} ORDER BY c.deleted_at DESC, c.id LIMIT ? OFFSET ?`,
    [...params, input.limit, input.offset],
  );
  return {
    total,
    retentionDays: RECYCLE_RETENTION_DAYS,
    rows: rows.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      villageName: c.village_name,
      address: c.address,
      phone: c.phone,
      deletedAt: c.deleted_at,
      deletedBy: c.deleted_by,
      reason: shownReason(c.delete_reason),
      restorableUntil: restorableUntil(c.deleted_at),
      blocked: blockedReason(r, c, now),
    })),
  };
}

/** Refuses, with the reason a clerk can act on, a restore the recycle bin would not offer. */
export function assertRestorable(r: Reader, id: string, now: Date): void {
  const c = r.get<{ name: string; deleted_at: string | null; merged_into: string | null; delete_reason: string | null }>(
    'SELECT name, deleted_at, merged_into, delete_reason FROM customers WHERE id = ?',
    [id],
  );
  if (!c) throw new AppError('NOT_FOUND', '该客户不存在');
  if (!c.deleted_at) throw new AppError('CONFLICT', `客户“${c.name}”没有被删除，无需恢复`);
  if (c.merged_into) {
    const kept = r.value<string>('SELECT name FROM customers WHERE id = ?', [c.merged_into]) ?? '另一条记录';
    throw new AppError('CONFLICT', `客户“${c.name}”已合并到“${kept}”，信息和记录都在那条记录里，不能恢复`);
  }
  if (c.delete_reason === ERASURE_REASON) throw new AppError('CONFLICT', '该客户的个人信息已按删除请求清除，不能恢复');
  if (restorableUntil(c.deleted_at) < now.toISOString()) {
    throw new AppError('CONFLICT', `客户“${c.name}”删除已超过 ${RECYCLE_RETENTION_DAYS} 天保留期，不能恢复`);
  }
}
