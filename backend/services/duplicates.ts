/**
 * Duplicate finder over existing data (same ID number; same name + phone; similar names in the same village)
 * and a merge that keeps both records' history: the retired record stays, soft-deleted and pointing at the
 * one it was merged into, and its usage, maintenance and selection history move over.
 */
import { CHANNEL_CODES } from '../../shared/campaign';
import { parseNoContact } from '../../shared/schemas';
import type { DuplicateGroup } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from './context';
import { getCustomer, recordMaintenance } from './customers';
import { audit } from '../auth/audit';
import { recomputeGrades } from './grades';

interface DupRow {
  id: string;
  name: string;
  id_number: string | null;
  phone: string | null;
  village_id: string | null;
  village_name: string | null;
  address: string | null;
  updated_at: string;
}

/** Names one edit apart (张三 / 张山), same length, same surname: typing slips, not different people. */
function similarNames(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length || a.length < 2 || a[0] !== b[0]) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++diff > 1) return false;
  return true;
}

export function findDuplicates(r: Reader, limit = 500): DuplicateGroup[] {
  const rows = r.all<DupRow>(
    `SELECT c.id, c.name, c.id_number, c.phone, c.village_id, v.name AS village_name, c.address, c.updated_at
     FROM customers c LEFT JOIN villages v ON v.id = c.village_id WHERE c.deleted_at IS NULL`,
  );
  const groups: DuplicateGroup[] = [];
  const paired = new Set<string>();
  const key = (ids: string[]) => [...ids].sort().join('|');
  const push = (reason: DuplicateGroup['reason'], members: DupRow[]) => {
    const k = key(members.map((m) => m.id));
    if (members.length < 2 || paired.has(k)) return;
    paired.add(k);
    groups.push({
      reason,
      customers: members.map((m) => ({ id: m.id, name: m.name, idNumber: m.id_number, phone: m.phone, villageName: m.village_name, address: m.address, updatedAt: m.updated_at })),
    });
  };
  const bucket = (f: (x: DupRow) => string | null) => {
    const m = new Map<string, DupRow[]>();
    for (const x of rows) {
      const k = f(x);
      if (k) m.set(k, [...(m.get(k) ?? []), x]);
    }
    return [...m.values()].filter((g) => g.length > 1);
  };
  for (const g of bucket((x) => x.id_number)) push('idNumber', g);
  for (const g of bucket((x) => (x.phone ? `${x.name}\u0001${x.phone}` : null))) push('namePhone', g);
  for (const village of bucket((x) => x.village_id)) {
    for (let i = 0; i < village.length; i++) {
      for (let j = i + 1; j < village.length; j++) {
        const a = village[i]!;
        const b = village[j]!;
        // Two different ID numbers or two different phones mean two people, however alike the names.
        if (a.id_number && b.id_number && a.id_number !== b.id_number) continue;
        if (a.phone && b.phone && a.phone !== b.phone) continue;
        if (similarNames(a.name, b.name)) push('similarName', [a, b]);
      }
    }
  }
  return groups.slice(0, limit);
}

const FILLABLE = [
  'consent_at',
  'id_number', 'birth_date', 'sex', 'phone', 'landline', 'village_id', 'group_name', 'address', 'household_type', 'income_band',
  'consent_source', 'source', 'influence', 'referrer', 'interests', 'notes',
] as const;

/** The person's latest recorded consent decision wins; without dates, the kept record's stands. */
function consentAfterMerge(keep: Record<string, string | number | null>, gone: Record<string, string | number | null>): number {
  const k = keep['consent_at'] ? String(keep['consent_at']) : '';
  const g = gone['consent_at'] ? String(gone['consent_at']) : '';
  return Number(g > k ? gone['consent'] : keep['consent']);
}

/** Merges `mergeId` into `keepId`: empty fields of the kept record are filled, history moves, nothing is lost. */
export function mergeCustomers(w: Writer, ctx: CallContext, keepId: string, mergeId: string) {
  if (keepId === mergeId) throw new AppError('VALIDATION', '不能把客户合并到自己');
  const keep = w.get<Record<string, string | number | null>>('SELECT * FROM customers WHERE id = ? AND deleted_at IS NULL', [keepId]);
  const gone = w.get<Record<string, string | number | null>>('SELECT * FROM customers WHERE id = ? AND deleted_at IS NULL', [mergeId]);
  if (!keep || !gone) throw new AppError('NOT_FOUND', '要合并的客户不存在或已被删除');
  if (keep['id_number'] && gone['id_number'] && keep['id_number'] !== gone['id_number']) {
    throw new AppError('CONFLICT', '两条记录的身份证号不同，是两个人，不能合并');
  }
  const at = ctx.now.toISOString();
  const filled = FILLABLE.filter((c) => (keep[c] === null || keep[c] === '') && gone[c] !== null && gone[c] !== '');
  const tags = [...new Set([...(JSON.parse(String(keep['tags'])) as string[]), ...(JSON.parse(String(gone['tags'])) as string[])])];
  // A refusal recorded on either record is the person's wish: the merged record keeps both.
  const noContact = parseNoContact(String(keep['no_contact'] ?? '[]')).concat(parseNoContact(String(gone['no_contact'] ?? '[]')));
  // Free the ID number first: only one live record may hold it.
  w.run('UPDATE customers SET deleted_at = ?, updated_at = ?, merged_into = ?, delete_reason = ? WHERE id = ?', [at, at, keepId, '合并', mergeId]);
  const sets = [...filled.map((c) => `${c} = ?`), 'tags = ?', 'no_contact = ?', 'consent = ?', 'selection_count = ?', 'last_selected_at = ?', 'updated_at = ?', 'maintained_at = ?', 'maintained_by = ?'];
  const lastSel = [keep['last_selected_at'], gone['last_selected_at']].filter(Boolean).sort().pop() ?? null;
  w.run(`UPDATE customers SET ${sets.join(', ')} WHERE id = ?`, [
    ...filled.map((c) => gone[c] ?? null),
    JSON.stringify(tags),
    JSON.stringify(CHANNEL_CODES.filter((c) => noContact.includes(c))),
    consentAfterMerge(keep, gone),
    Number(keep['selection_count']) + Number(gone['selection_count']),
    lastSel,
    at,
    at,
    ctx.actor,
    keepId,
  ]);
  for (const t of ['usage_facts', 'maintenance_events', 'selection_events']) w.run(`UPDATE ${t} SET customer_id = ? WHERE customer_id = ?`, [keepId, mergeId]);
  recordMaintenance(w, ctx, keepId, 'merge', [...filled, `merged:${mergeId}`]);
  audit(w, ctx, 'customer.merge', 'customer', [keepId, mergeId], { kept: keepId, retired: mergeId, filled });
  recomputeGrades(w, ctx.now, keepId);
  return getCustomer(w, keepId);
}
