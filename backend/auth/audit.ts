/** The audit trail (操作日志): who did what, when, to which records. Append-only (see migration 0005). */
import type { AuditEntry } from '../../shared/domain';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { newId } from '../services/ids';

export function audit(w: Writer, ctx: Pick<CallContext, 'actor' | 'role' | 'now'>, action: string, target: string | null, ids: string[], details?: unknown): void {
  w.run('INSERT INTO audit_log (id, at, actor, role, action, target, target_ids, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    newId(),
    ctx.now.toISOString(),
    ctx.actor,
    ctx.role,
    action,
    target,
    JSON.stringify(ids.slice(0, 1000)),
    details === undefined ? null : JSON.stringify(details),
  ]);
}

export interface AuditQuery {
  actor?: string | undefined;
  action?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  offset: number;
  limit: number;
}

export function listAudit(r: Reader, q: AuditQuery): { rows: AuditEntry[]; total: number } {
  const conds: string[] = [];
  const params: (string | number)[] = [];
  if (q.actor) {
    conds.push('actor = ?');
    params.push(q.actor);
  }
  if (q.action) {
    conds.push('(action = ? OR action LIKE ?)');
    params.push(q.action, `${q.action}.%`);
  }
  if (q.targetId) {
    conds.push('target_ids LIKE ?');
    params.push(`%${q.targetId.replace(/[%_]/g, '')}%`);
  }
  if (q.from) {
    conds.push('at >= ?');
    params.push(q.from);
  }
  if (q.to) {
    conds.push('at < ?');
    params.push(q.to);
  }
  const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
  const total = Number(r.value(`SELECT COUNT(*) FROM audit_log ${where}`, params) ?? 0);
  const rows = r
    .all<{ id: string; at: string; actor: string | null; role: string | null; action: string; target: string | null; target_ids: string; details: string | null }>(
      `SELECT * FROM audit_log ${where} ORDER BY at DESC, id LIMIT ? OFFSET ?`,
      [...params, q.limit, q.offset],
    )
    .map((x) => ({
      id: x.id,
      at: x.at,
      actor: x.actor,
      role: x.role,
      action: x.action,
      target: x.target,
      targetIds: JSON.parse(x.target_ids) as string[],
      details: x.details ? (JSON.parse(x.details) as unknown) : null,
    }));
  return { rows, total };
}
