/** The audit trail (操作日志): who did what, when, to which records. Append-only (see migration 0005). */
import { isEntityId, type AuditAction, type AuditNames } from '../../shared/auditText';
import type { AuditEntry, Role } from '../../shared/domain';
import type { Reader, Writer } from '../db/handles';
import { where } from '../db/where';
import type { CallContext } from '../services/context';
import { newId } from '../services/ids';

/**
 * `action` is a named one (shared/auditText.ts: an operation of the contract or one of the older codes), so the
 * 操作日志 can always say it in Chinese. A role of null records an act whose role nobody proved (a failed log-in).
 */
export function audit(
  w: Writer,
  ctx: Pick<CallContext, 'actor' | 'now'> & { role: Role | null },
  action: AuditAction,
  target: string | null,
  ids: string[],
  details?: unknown,
): void {
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

export function listAudit(r: Reader, q: AuditQuery): { rows: AuditEntry[]; total: number; names: AuditNames } {
  const w = where().eq('actor', q.actor);
  // An action also finds the actions named under it (action.%).
  if (q.action) w.raw('(action = ? OR action LIKE ?)', q.action, `${q.action}.%`);
  w.contains('target_ids', q.targetId).cmp('at', '>=', q.from).cmp('at', '<', q.to);
  const { sql: whereSql, params } = w;
  const total = Number(r.value(`SELECT COUNT(*) FROM audit_log ${whereSql}`, params) ?? 0);
  const rows = r
    .all<{
      id: string;
      at: string;
      actor: string | null;
      role: string | null;
      action: string;
      target: string | null;
      target_ids: string;
      details: string | null;
    }>(`SELECT * FROM audit_log ${whereSql} ORDER BY at DESC, id LIMIT ? OFFSET ?`, [...params, q.limit, q.offset])
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
  return { rows, total, names: auditNames(r, rows) };
}

const TOWN_KEYS = new Set(['townCode', 'townCodes']);
/** Enough of a long list of targets to name the first few (the screen says 等 N 户 for the rest). */
const NAMED_TARGETS = 3;

/**
 * People read names, not ids: the customers (name + 客户编号), campaigns, users, villages, libraries and towns the
 * page's entries mention, looked up once for the page. Ids that name nothing any more are simply not in it.
 */
export function auditNames(r: Reader, rows: readonly AuditEntry[]): AuditNames {
  const ids = new Set<string>();
  const towns = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (isEntityId(v)) ids.add(v);
      else if (TOWN_KEYS.has(key) && /^\d{9}$/.test(v)) towns.add(v);
    } else if (Array.isArray(v)) v.slice(0, 50).forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const e of rows) {
    e.targetIds.slice(0, NAMED_TARGETS).forEach((id) => walk(id, ''));
    walk(e.details, '');
  }
  const names: Record<string, string> = {};
  const all = [...ids];
  for (let i = 0; i < all.length; i += 400) {
    const chunk = all.slice(i, i + 400);
    const marks = chunk.map(() => '?').join(', ');
    for (const c of r.all<{ id: string; name: string; code: string | null }>(`SELECT id, name, code FROM customers WHERE id IN (${marks})`, chunk)) {
      names[c.id] = c.name === '（已删除）' ? '已删除个人信息的客户' : c.code ? `${c.name}（${c.code}）` : c.name;
    }
    const simple: [string, string][] = [
      ['campaigns', 'name'],
      ['villages', 'name'],
      ['customer_libraries', 'name'],
      ['segments', 'name'],
    ];
    for (const [table, col] of simple) {
      for (const x of r.all<{ id: string; label: string }>(`SELECT id, ${col} AS label FROM ${table} WHERE id IN (${marks})`, chunk)) names[x.id] ??= x.label;
    }
    for (const u of r.all<{ id: string; display_name: string; login: string }>(`SELECT id, display_name, login FROM users WHERE id IN (${marks})`, chunk)) {
      names[u.id] ??= u.display_name && u.display_name !== u.login ? `${u.display_name}（${u.login}）` : u.login;
    }
    for (const q of r.all<{ id: string; name: string; file_name: string; row_number: number }>(
      `SELECT id, name, file_name, row_number FROM usage_queue WHERE id IN (${marks})`,
      chunk,
    )) {
      names[q.id] ??= `${q.name}（${q.file_name} 第 ${q.row_number} 行）`;
    }
  }
  const townList = [...towns];
  if (townList.length) {
    for (const t of r.all<{ town_code: string; town_name: string | null }>(
      `SELECT town_code, MAX(town_name) AS town_name FROM villages WHERE town_code IN (${townList.map(() => '?').join(', ')}) GROUP BY town_code`,
      townList,
    )) {
      if (t.town_name) names[`town:${t.town_code}`] = t.town_name;
    }
  }
  return names;
}
