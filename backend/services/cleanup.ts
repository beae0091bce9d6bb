/**
 * Clean-up (docs/domain.md): records never selected, with no ID number, no phone and no usage info are verified
 * and then deleted. Deletes are soft and carry a batch mark, so a whole batch can be undone.
 */
import type { CleanupCandidate } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from './context';
import { recordMaintenance } from './customers';
import { audit } from '../auth/audit';
import { yearWindowStart } from '../../shared/grading';

const CANDIDATES = `
  FROM customers c LEFT JOIN villages v ON v.id = c.village_id
  WHERE c.deleted_at IS NULL
    AND ((c.selection_count = 0
      AND NOT EXISTS (SELECT 1 FROM selection_events s WHERE s.customer_id = c.id)
      AND c.id_number IS NULL AND c.phone IS NULL AND c.landline IS NULL
      AND NOT EXISTS (SELECT 1 FROM usage_facts u WHERE u.customer_id = c.id))
      -- returned mail (backend/mail/returns.ts): the address must be verified, whatever else is known
      OR c.address_flag LIKE '退信%')
    AND (c.verified_at IS NULL OR c.verified_at < $since)`;

export function cleanupCandidates(r: Reader, now: Date, offset: number, limit: number): { rows: CleanupCandidate[]; total: number } {
  const since = yearWindowStart(now).toISOString();
  const total = Number(r.value(`SELECT COUNT(*) ${CANDIDATES}`, { $since: since }) ?? 0);
  const rows = r
    .all<{ id: string; name: string; village_name: string | null; address: string | null; created_at: string; source: string | null }>(
      `SELECT c.id, c.name, v.name AS village_name, c.address, c.created_at, c.source ${CANDIDATES} ORDER BY v.name, c.name LIMIT $limit OFFSET $offset`,
      { $since: since, $limit: limit, $offset: offset },
    )
    .map((x) => ({ id: x.id, name: x.name, villageName: x.village_name, address: x.address, createdAt: x.created_at, source: x.source }));
  return { rows, total };
}

/** "Verified, keep": leaves the candidate list for a year. */
export function keepCustomers(w: Writer, ctx: CallContext, ids: string[]): number {
  const at = ctx.now.toISOString();
  let n = 0;
  for (const id of ids) {
    const changed = w.run(
      'UPDATE customers SET verified_at = ?, verified_by = ?, maintained_at = ?, maintained_by = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
      [at, ctx.actor, at, ctx.actor, at, id],
    );
    if (changed) {
      recordMaintenance(w, ctx, id, 'verify', ['verified_at']);
      n++;
    }
  }
  audit(w, ctx, 'customer.verify', 'customer', ids, { kept: n });
  return n;
}

export function deleteMany(w: Writer, ctx: CallContext, ids: string[], reason: string): { deleted: number; batch: string } {
  if (ids.length === 0) throw new AppError('VALIDATION', '请先选择要删除的客户');
  const at = ctx.now.toISOString();
  const batch = `${reason}@${at}`;
  let deleted = 0;
  for (const id of ids) {
    if (
      w.run('UPDATE customers SET deleted_at = ?, deleted_by = ?, updated_at = ?, delete_reason = ? WHERE id = ? AND deleted_at IS NULL', [
        at,
        ctx.actor,
        at,
        batch,
        id,
      ])
    ) {
      recordMaintenance(w, ctx, id, 'delete', [reason]);
      deleted++;
    }
  }
  audit(w, ctx, 'customer.delete', 'customer', ids, { reason, batch, deleted });
  return { deleted, batch };
}

/** Undoes a whole delete batch. A record whose ID number was taken again meanwhile stays deleted. */
export function restoreBatch(w: Writer, ctx: CallContext, batch: string): { restored: number; blocked: number } {
  const rows = w.all<{ id: string; id_number: string | null }>('SELECT id, id_number FROM customers WHERE delete_reason = ? AND deleted_at IS NOT NULL', [
    batch,
  ]);
  if (rows.length === 0) throw new AppError('NOT_FOUND', '没有可撤销的删除记录');
  const at = ctx.now.toISOString();
  let restored = 0;
  let blocked = 0;
  for (const r of rows) {
    if (r.id_number && w.value('SELECT 1 FROM customers WHERE id_number = ? AND deleted_at IS NULL', [r.id_number])) {
      blocked++;
      continue;
    }
    w.run('UPDATE customers SET deleted_at = NULL, deleted_by = NULL, delete_reason = NULL, updated_at = ? WHERE id = ?', [at, r.id]);
    recordMaintenance(w, ctx, r.id, 'restore', []);
    restored++;
  }
  audit(
    w,
    ctx,
    'customer.restore',
    'customer',
    rows.map((r) => r.id),
    { batch, restored, blocked },
  );
  return { restored, blocked };
}
