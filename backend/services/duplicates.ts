/**
 * Duplicate finder over existing data (backend/services/duplicateRules.ts decides what counts as one person), the
 * clerk's 不是同一人 that keeps a pair from coming back, and a merge that keeps both records' history: the retired
 * record stays, soft-deleted and pointing at the one it was merged into, and its usage, maintenance and selection
 * history move over.
 */
import { CHANNEL_CODES } from '../../shared/campaign';
import { parseNoContact } from '../../shared/schemas';
import type { DuplicateGroup, DuplicateReason } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from './context';
import { getCustomer, recordMaintenance } from './customers';
import { audit } from '../auth/audit';
import { recomputeGrades } from './grades';
import { stableId } from '../usage/keys';
import { judgePair, keysOf, type PersonFacts, type PersonKeys } from './duplicateRules';

interface DupRow extends PersonFacts {
  code: string | null;
  village_name: string | null;
  updated_at: string;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
export const notDuplicateId = (a: string, b: string) => (a < b ? stableId('not-duplicate', a, b) : stableId('not-duplicate', b, a));

/** Records that could be one person: same ID number, same phone, or a name that sounds the same in one village. */
function candidatePairs(rows: DupRow[], keys: Map<string, PersonKeys>): [DupRow, DupRow][] {
  const buckets = new Map<string, DupRow[]>();
  const put = (k: string, x: DupRow) => buckets.set(k, [...(buckets.get(k) ?? []), x]);
  for (const x of rows) {
    const k = keys.get(x.id)!;
    if (x.id_number) put(`i\u0001${x.id_number}`, x);
    if (k.mobile) put(`m\u0001${k.mobile}`, x);
    for (const l of k.lines) put(`l\u0001${l}`, x);
    put(`n\u0001${x.village_id ?? ''}\u0001${k.sound}`, x);
  }
  const seen = new Set<string>();
  const out: [DupRow, DupRow][] = [];
  for (const group of buckets.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const k = pairKey(group[i]!.id, group[j]!.id);
        if (seen.has(k)) continue;
        seen.add(k);
        out.push([group[i]!, group[j]!]);
      }
    }
  }
  return out;
}

export function findDuplicates(r: Reader, limit = 500): DuplicateGroup[] {
  const rows = r.all<DupRow>(
    `SELECT c.id, c.code, c.name, c.id_number, c.phone, c.landline, c.village_id, v.name AS village_name, c.group_name, c.address, c.updated_at
     FROM customers c LEFT JOIN villages v ON v.id = c.village_id WHERE c.deleted_at IS NULL`,
  );
  const decided = new Set(
    r.all<{ a: string; b: string }>('SELECT customer_a AS a, customer_b AS b FROM customer_not_duplicates').map((d) => pairKey(d.a, d.b)),
  );
  const keys = new Map(rows.map((x) => [x.id, keysOf(x)]));
  const accepted: { a: DupRow; b: DupRow; score: number; reasons: DuplicateReason[] }[] = [];
  for (const [a, b] of candidatePairs(rows, keys)) {
    if (decided.has(pairKey(a.id, b.id))) continue;
    const j = judgePair(a, b, keys.get(a.id)!, keys.get(b.id)!);
    if (j) accepted.push({ a, b, ...j });
  }
  // Pairs that share a record make one group, so a record is never offered for two merges at once.
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    let x = id;
    while (parent.get(x) !== undefined && parent.get(x) !== x) x = parent.get(x)!;
    parent.set(id, x);
    return x;
  };
  for (const p of accepted) parent.set(root(p.a.id), root(p.b.id));
  const groups = new Map<string, { members: Map<string, DupRow>; pairs: typeof accepted }>();
  for (const p of accepted) {
    const g = groups.get(root(p.a.id)) ?? { members: new Map<string, DupRow>(), pairs: [] };
    g.members.set(p.a.id, p.a).set(p.b.id, p.b);
    g.pairs.push(p);
    groups.set(root(p.a.id), g);
  }
  return [...groups.values()]
    .map((g) => {
      const best = [...g.pairs].sort((x, y) => y.score - x.score)[0]!;
      return {
        score: best.score,
        group: {
          reasons: best.reasons,
          customers: [...g.members.values()].map((m) => ({
            id: m.id,
            code: m.code,
            name: m.name,
            idNumber: m.id_number,
            phone: m.phone,
            villageName: m.village_name,
            address: m.address,
            updatedAt: m.updated_at,
          })),
          pairs: g.pairs.map((p) => ({ a: p.a.id, b: p.b.id, reasons: p.reasons })),
        } satisfies DuplicateGroup,
      };
    })
    .sort((x, y) => y.score - x.score || x.group.customers[0]!.name.localeCompare(y.group.customers[0]!.name, 'zh-CN'))
    .slice(0, limit)
    .map((x) => x.group);
}

/** 不是同一人: each pair is remembered (one row per pair, the same id on every PC) and never proposed again. */
export function markNotDuplicate(w: Writer, ctx: CallContext, pairs: { a: string; b: string }[]): number {
  let marked = 0;
  for (const { a, b } of pairs) {
    for (const id of [a, b]) if (!w.value('SELECT 1 FROM customers WHERE id = ?', [id])) throw new AppError('NOT_FOUND', '要标记的客户不存在');
    const [first, second] = a < b ? [a, b] : [b, a];
    marked += w.run(
      'INSERT INTO customer_not_duplicates (id, customer_a, customer_b, decided_at, decided_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
      [notDuplicateId(a, b), first, second, ctx.now.toISOString(), ctx.actor],
    );
  }
  audit(w, ctx, 'customer.notDuplicate', 'customer', [...new Set(pairs.flatMap((p) => [p.a, p.b]))], { pairs: pairs.length, marked });
  return marked;
}

const FILLABLE = [
  'consent_at',
  'id_number',
  'birth_date',
  'sex',
  'phone',
  'landline',
  'village_id',
  'group_name',
  'address',
  'household_type',
  'income_band',
  'consent_source',
  'source',
  'influence',
  'referrer',
  'interests',
  'notes',
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
  w.run('UPDATE customers SET deleted_at = ?, deleted_by = ?, updated_at = ?, merged_into = ?, delete_reason = ? WHERE id = ?', [
    at,
    ctx.actor,
    at,
    keepId,
    '合并',
    mergeId,
  ]);
  const sets = [
    ...filled.map((c) => `${c} = ?`),
    'tags = ?',
    'no_contact = ?',
    'consent = ?',
    'selection_count = ?',
    'last_selected_at = ?',
    'updated_at = ?',
    'maintained_at = ?',
    'maintained_by = ?',
  ];
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
