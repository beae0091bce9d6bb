/**
 * The conflict review: each overwritten concurrent value, shown with whose record it is and when each value
 * was written. Resolving either keeps the current value or writes the overwritten one back (a normal edit,
 * so it syncs like any other and is itself stamped later than both).
 */
import { AppError } from '../../shared/errors';
import { ACCOUNT_TABLES } from '../../shared/syncProtocol';
import { CUSTOMER_COLUMN_LABELS } from '../../shared/customerColumns';
import { parseHlc } from '../../shared/hlc';
import type { SyncConflictView } from '../../shared/sync';
import type { Reader, Writer } from '../db/handles';
import { quoteIdent, tableShape } from '../db/tables';
import type { CallContext } from '../services/context';
import { recomputeGrades } from '../services/grades';

const TABLE_LABELS: Record<string, string> = {
  customers: '客户',
  villages: '行政村/城市单元',
  campaigns: '营销活动',
  campaign_targets: '活动目标客户',
  users: '用户',
  settings: '网点设置',
};

/** Columns of the other tables; a customer's are named by CUSTOMER_COLUMN_LABELS, as in history and audit. */
const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  deleted_at: '删除时间',
  stage: '阶段',
  carrier_id: '投递员',
  value: '设置值',
  body: '商函正文',
  title: '商函标题',
  signoff: '商函落款',
};

const fieldLabel = (tbl: string, field: string): string =>
  (tbl === 'customers' ? (CUSTOMER_COLUMN_LABELS[field] ?? FIELD_LABELS[field]) : (FIELD_LABELS[field] ?? CUSTOMER_COLUMN_LABELS[field])) ?? field;

interface ConflictRow {
  id: string;
  tbl: string;
  pk: string;
  field: string;
  kept_value: string | null;
  lost_value: string | null;
  kept_hlc: string;
  lost_hlc: string;
  detected_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: 'kept' | 'restored' | null;
}

const q = quoteIdent;
const hlcTime = (h: string) => new Date(parseHlc(h).millis).toISOString();
const shown = (json: string | null): string | null => {
  if (json === null) return null;
  const v = JSON.parse(json) as unknown;
  return v === null ? null : String(v);
};

function rowLabel(r: Reader, tbl: string, pk: string): string {
  if (tbl === 'customers' || tbl === 'villages' || tbl === 'campaigns') {
    return r.value<string>(`SELECT name FROM ${q(tbl)} WHERE id = ?`, [pk]) ?? '（已不存在）';
  }
  if (tbl === 'users') return r.value<string>('SELECT display_name FROM users WHERE id = ?', [pk]) ?? '（已不存在）';
  return pk;
}

function view(r: Reader, c: ConflictRow): SyncConflictView {
  return {
    id: c.id,
    table: c.tbl,
    tableLabel: TABLE_LABELS[c.tbl] ?? c.tbl,
    rowId: c.pk,
    rowLabel: rowLabel(r, c.tbl, c.pk),
    field: c.field,
    fieldLabel: fieldLabel(c.tbl, c.field),
    keptValue: shown(c.kept_value),
    lostValue: shown(c.lost_value),
    keptAt: hlcTime(c.kept_hlc),
    lostAt: hlcTime(c.lost_hlc),
    detectedAt: c.detected_at,
    resolvedAt: c.resolved_at,
    resolvedBy: c.resolved_by,
    resolution: c.resolution,
  };
}

export function listConflicts(r: Reader, includeResolved: boolean): SyncConflictView[] {
  const rows = r.all<ConflictRow>(`SELECT * FROM sync_conflicts ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY detected_at DESC LIMIT 2000`);
  return rows.map((c) => view(r, c));
}

export const openConflictCount = (r: Reader): number => r.value<number>('SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL') ?? 0;

export function resolveConflict(w: Writer, ctx: CallContext, id: string, choice: 'keep' | 'restore'): SyncConflictView {
  const c = w.get<ConflictRow>('SELECT * FROM sync_conflicts WHERE id = ?', [id]);
  if (!c) throw new AppError('NOT_FOUND', '没有这条冲突记录（可能已被其他电脑处理并同步过来）');
  if (c.resolved_at) throw new AppError('CONFLICT', `这条冲突已于 ${c.resolved_at.slice(0, 10)} 由 ${c.resolved_by ?? '他人'} 处理过`);
  const at = ctx.now.toISOString();
  if (choice === 'restore') {
    if (ACCOUNT_TABLES.includes(c.tbl)) throw new AppError('VALIDATION', '账号的冲突只能保留现值；如需修改账号，请在 设置 → 用户 中操作');
    const shape = tableShape(w, c.tbl);
    if (!shape || !shape.columns.has(c.field)) throw new AppError('VALIDATION', '这条记录的表或字段在本版本中已不存在，无法恢复，只能保留现值');
    const value = c.lost_value === null ? null : (JSON.parse(c.lost_value) as string | number | null);
    const hasUpdated = shape.columns.has('updated_at');
    const n = w.run(
      `UPDATE ${q(c.tbl)} SET ${q(c.field)} = ?${hasUpdated ? ', updated_at = ?' : ''} WHERE ${q(shape.pk)} = ?`,
      hasUpdated ? [value, at, c.pk] : [value, c.pk],
    );
    if (n === 0) throw new AppError('NOT_FOUND', '冲突涉及的记录已不存在，无法恢复，只能保留现值');
    if (c.tbl === 'customers') recomputeGrades(w, ctx.now, c.pk);
  }
  w.run('UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?', [
    at,
    ctx.actor,
    choice === 'keep' ? 'kept' : 'restored',
    id,
  ]);
  return view(w, w.get<ConflictRow>('SELECT * FROM sync_conflicts WHERE id = ?', [id])!);
}
