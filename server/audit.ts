/**
 * The hub's own audit trail: who registered or revoked a branch, issued a campaign, made or disabled an account,
 * exported a city workbook, logged in or failed to — in Chinese words a 市局管理员 reads without a manual.
 * Console actions are recorded by the dispatcher after they succeed; the command line records as 命令行.
 */
import type { HubAuditRow } from '../shared/hubConsole';
import type { Queryable } from './db';

export interface AuditEntry {
  userId: string | null;
  /** The account's login, or 命令行 for `npm run hub -- …`. */
  login: string;
  /** What was done, in Chinese (e.g. 登记网点). */
  action: string;
  /** What it was done to, by name (e.g. 黄河涯支局). */
  subject?: string;
  source?: string;
}

export const CLI_ACTOR = '命令行';

export async function recordAudit(q: Queryable, e: AuditEntry, at: Date): Promise<void> {
  await q.query('INSERT INTO hub_audit (at, user_id, login, action, subject, source) VALUES ($1, $2, $3, $4, $5, $6)', [
    at,
    e.userId,
    e.login,
    e.action,
    (e.subject ?? '').slice(0, 500),
    (e.source ?? '').slice(0, 100),
  ]);
}

/** The newest entries first, at most `limit`. */
export async function listAudit(q: Queryable, limit = 500): Promise<HubAuditRow[]> {
  const rows = await q.query<{ at: Date | string; login: string; action: string; subject: string; source: string }>(
    'SELECT at, login, action, subject, source FROM hub_audit ORDER BY seq DESC LIMIT $1',
    [limit],
  );
  return rows.map((r) => ({ at: new Date(r.at).toISOString(), login: r.login, action: r.action, subject: r.subject, source: r.source }));
}
