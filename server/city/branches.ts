/** The 网点 and 同步状况 pages: every branch with its sync state and size, from the hub's own tables. */
import type { CityBranchRow, SyncHealth } from '../../shared/city';
import type { Queryable } from '../db';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const later = (a: string | null, b: string | null): string | null => (a && b ? (a > b ? a : b) : (a ?? b));

export async function cityBranches(q: Queryable, _now: Date): Promise<CityBranchRow[]> {
  const rows = await q.query<Record<string, unknown>>(
    `SELECT b.id, b.name, b.created_at, b.disabled_at, b.last_push_at, b.last_pull_at, b.pending_changes, b.app_version, b.schema_version,
            b.rejected_count, b.last_rejected_reason, b.last_rejected_at,
            (SELECT count(*) FROM b_sync_conflicts k WHERE k.branch_id = b.id AND k.resolved_at IS NULL) AS conflicts,
            (SELECT count(*) FROM b_customers c WHERE c.branch_id = b.id AND c.deleted_at IS NULL) AS customers,
            (SELECT count(*) FROM b_villages v WHERE v.branch_id = b.id AND v.deleted_at IS NULL AND v.not_served_at IS NULL) AS villages
     FROM branches b ORDER BY b.name`,
  );
  return rows.map((r) => ({
    id: String(r['id']),
    name: String(r['name']),
    createdAt: iso(r['created_at'])!,
    disabled: r['disabled_at'] !== null,
    lastSyncAt: later(iso(r['last_push_at']), iso(r['last_pull_at'])),
    pending: r['pending_changes'] === null ? null : Number(r['pending_changes']),
    appVersion: (r['app_version'] as string | null) ?? null,
    schemaVersion: r['schema_version'] === null ? null : Number(r['schema_version']),
    openConflicts: Number(r['conflicts']),
    customers: Number(r['customers']),
    villages: Number(r['villages']),
    rejected: Number(r['rejected_count'] ?? 0),
    lastRejectedReason: (r['last_rejected_reason'] as string | null) ?? null,
    lastRejectedAt: iso(r['last_rejected_at']),
  }));
}

/** Silent: no contact for over a day (or never); rejecting: its last push had changes the hub refused. */
export async function syncHealth(q: Queryable, now: Date): Promise<SyncHealth> {
  const all = (await cityBranches(q, now)).filter((b) => !b.disabled);
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  return {
    silent: all.filter((b) => !b.lastSyncAt || b.lastSyncAt < dayAgo).map((b) => ({ id: b.id, name: b.name, lastSyncAt: b.lastSyncAt })),
    rejecting: all.filter((b) => b.rejected > 0).map((b) => ({ id: b.id, name: b.name, rejected: b.rejected, lastRejectedReason: b.lastRejectedReason })),
  };
}
