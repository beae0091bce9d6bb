import type { Village, VillageKind } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { pinyinInitials } from '../../shared/pinyin';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from './context';
import { audit } from '../auth/audit';
import { newId } from './ids';

interface VillageRow {
  id: string;
  code: string | null;
  name: string;
  kind: VillageKind;
  town_code: string | null;
  town_name: string | null;
  street: string | null;
  building: string | null;
  edition: string | null;
  initials: string | null;
  postal_code: string | null;
  not_served_at: string | null;
  not_served_by: string | null;
  created_at: string;
  updated_at: string;
  customer_count: number;
}

const SELECT = `
  SELECT v.id, v.code, v.name, v.kind, v.town_code, v.town_name, v.street, v.building, v.edition, v.initials, v.postal_code, v.not_served_at, v.not_served_by, v.created_at, v.updated_at,
         (SELECT COUNT(*) FROM customers c WHERE c.village_id = v.id AND c.deleted_at IS NULL) AS customer_count
  FROM villages v WHERE v.deleted_at IS NULL`;

const toVillage = (r: VillageRow): Village => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  townCode: r.town_code,
  townName: r.town_name,
  street: r.street,
  building: r.building,
  edition: r.edition,
  initials: r.initials ?? '',
  postalCode: r.postal_code,
  customerCount: Number(r.customer_count),
  notServedAt: r.not_served_at,
  notServedBy: r.not_served_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listVillages(r: Reader): Village[] {
  return r.all<VillageRow>(`${SELECT} ORDER BY v.town_name, v.name`).map(toVillage);
}

export function getVillage(r: Reader, id: string): Village {
  const row = r.get<VillageRow>(`${SELECT} AND v.id = ?`, [id]);
  if (!row) throw new AppError('NOT_FOUND', '该行政村不存在或已被删除');
  return toVillage(row);
}

/**
 * Names must be unique within a town, or clerks cannot tell villages apart in pickers; two official
 * 团结村 in different towns are told apart by their town and code.
 */
function assertNameFree(r: Reader, name: string, townCode: string | null, exceptId: string | null): void {
  const clash = r.value<string>('SELECT id FROM villages WHERE name = ? AND town_code IS ? AND deleted_at IS NULL AND id IS NOT ?', [name, townCode, exceptId]);
  if (clash) throw new AppError('CONFLICT', `已有名为“${name}”的村，请换一个名称（例如加上乡镇名）`, [{ field: 'name', message: '名称重复' }]);
}

export function createVillage(
  w: Writer,
  ctx: CallContext,
  input: { name: string; code: string | null; postalCode: string | null; kind: VillageKind; street: string | null; building: string | null },
): Village {
  assertNameFree(w, input.name, null, null);
  if (input.code && w.value('SELECT 1 FROM villages WHERE code = ? AND deleted_at IS NULL', [input.code])) {
    throw new AppError('CONFLICT', `区划代码 ${input.code} 已属于另一个村`, [{ field: 'code', message: '区划代码重复' }]);
  }
  const id = newId();
  const at = ctx.now.toISOString();
  w.run(`INSERT INTO villages (id, code, name, kind, street, building, postal_code, initials, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    id,
    input.code,
    input.name,
    input.kind,
    input.street,
    input.building,
    input.postalCode,
    pinyinInitials(input.name),
    at,
    at,
  ]);
  audit(w, ctx, 'village.create', 'village', [id], { name: input.name, code: input.code });
  return getVillage(w, id);
}

export function renameVillage(w: Writer, ctx: CallContext, input: { id: string; name: string }): Village {
  const current = getVillage(w, input.id);
  if (current.name === input.name) return current;
  assertNameFree(w, input.name, current.townCode, input.id);
  w.run('UPDATE villages SET name = ?, initials = ?, updated_at = ? WHERE id = ?', [input.name, pinyinInitials(input.name), ctx.now.toISOString(), input.id]);
  audit(w, ctx, 'village.edit', 'village', [input.id], { old: { name: current.name }, new: { name: input.name } });
  return getVillage(w, input.id);
}

/**
 * 不服务 / 服务: an official village outside the branch's area leaves every KPI and count but stays (customers may
 * point at it, the next edition of the division list still names it) and can be taken back.
 */
export function setVillageServed(w: Writer, ctx: CallContext, input: { id: string; served: boolean }): Village {
  const current = getVillage(w, input.id);
  if ((current.notServedAt === null) === input.served) return current;
  const at = ctx.now.toISOString();
  w.run('UPDATE villages SET not_served_at = ?, not_served_by = ?, updated_at = ? WHERE id = ?', [
    input.served ? null : at,
    input.served ? null : ctx.actor,
    at,
    input.id,
  ]);
  audit(w, ctx, input.served ? 'village.served' : 'village.notServed', 'village', [input.id], { name: current.name, customers: current.customerCount });
  return getVillage(w, input.id);
}
