/**
 * Postal codes (邮政编码): set once per town and inherited by its villages, editable per village. A village's own
 * `postal_code` wins; an empty one falls back to its town's code, then to the branch's (init --postal-code), so
 * a village added later in a town is addressed without anyone typing the code again.
 */
import type { PostalCodes } from '../../shared/mail';
import { AppError } from '../../shared/errors';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { audit } from '../auth/audit';
import { getSetting } from '../services/settings';
import { SETTING_POSTAL_CODE } from '../services/setup';
import { stableId } from '../usage/keys';

export const townPostalId = (townCode: string) => stableId('town-postal-code', townCode);

/** SQL for a village's effective code; needs `v` (villages) in scope and the branch code as $branchPostal. */
export const EFFECTIVE_POSTAL_SQL = `COALESCE(NULLIF(v.postal_code, ''), (SELECT t.postal_code FROM town_postal_codes t WHERE t.town_code = v.town_code ORDER BY t.updated_at DESC LIMIT 1), $branchPostal)`;

export const branchPostalCode = (r: Reader): string | null => getSetting(r, SETTING_POSTAL_CODE) ?? null;

export function listPostalCodes(r: Reader): PostalCodes {
  const towns = new Map<string, PostalCodes['towns'][number]>();
  const townCodes = new Map(
    r
      .all<{ town_code: string; postal_code: string }>('SELECT town_code, postal_code FROM town_postal_codes ORDER BY updated_at')
      .map((t) => [t.town_code, t.postal_code]),
  );
  const branch = branchPostalCode(r);
  const rows = r.all<{ id: string; name: string; town_code: string | null; town_name: string | null; postal_code: string | null }>(
    'SELECT id, name, town_code, town_name, postal_code FROM villages WHERE deleted_at IS NULL ORDER BY town_name, name',
  );
  for (const v of rows) {
    const key = v.town_code ?? '';
    let t = towns.get(key);
    if (!t)
      towns.set(key, (t = { townCode: key, townName: v.town_name ?? (key ? null : '自建（无乡镇）'), postalCode: townCodes.get(key) ?? null, villages: [] }));
    const own = v.postal_code || null;
    t.villages.push({ id: v.id, name: v.name, postalCode: own ?? t.postalCode ?? branch, inherited: own === null });
  }
  return { branchPostalCode: branch, towns: [...towns.values()] };
}

/**
 * Sets a town's code. Villages that carried the town's previous code (or the branch's, as init wrote it) are
 * cleared so they inherit; a village whose code was edited by hand keeps it.
 */
export function setTownPostalCode(w: Writer, ctx: CallContext, townCode: string, postalCode: string): { villages: number } {
  const town = w.get<{ town_name: string | null }>('SELECT town_name FROM villages WHERE town_code = ? AND deleted_at IS NULL LIMIT 1', [townCode]);
  if (!town) throw new AppError('NOT_FOUND', `本网点没有乡镇代码为 ${townCode} 的行政村`, [{ field: 'townCode', message: '乡镇不存在' }]);
  const id = townPostalId(townCode);
  const old = w.value<string>('SELECT postal_code FROM town_postal_codes WHERE id = ?', [id]) ?? null;
  const at = ctx.now.toISOString();
  if (old === null)
    w.run('INSERT INTO town_postal_codes (id, town_code, town_name, postal_code, updated_at) VALUES (?, ?, ?, ?, ?)', [
      id,
      townCode,
      town.town_name,
      postalCode,
      at,
    ]);
  else w.run('UPDATE town_postal_codes SET postal_code = ?, updated_at = ? WHERE id = ?', [postalCode, at, id]);
  const inheritedCodes = [old, branchPostalCode(w), postalCode].filter((c): c is string => !!c);
  w.run(
    `UPDATE villages SET postal_code = NULL, updated_at = ? WHERE town_code = ? AND deleted_at IS NULL AND postal_code IN (${inheritedCodes.map(() => '?').join(', ')})`,
    [at, townCode, ...inheritedCodes],
  );
  audit(w, ctx, 'postalCode.town', 'village', [], { townCode, old, new: postalCode });
  return { villages: Number(w.value('SELECT COUNT(*) FROM villages WHERE town_code = ? AND deleted_at IS NULL AND postal_code IS NULL', [townCode]) ?? 0) };
}

/** A village's own code; null = inherit the town's again. */
export function setVillagePostalCode(w: Writer, ctx: CallContext, villageId: string, postalCode: string | null): void {
  const old = w.get<{ postal_code: string | null }>('SELECT postal_code FROM villages WHERE id = ? AND deleted_at IS NULL', [villageId]);
  if (!old) throw new AppError('NOT_FOUND', '该行政村不存在或已被删除');
  if (old.postal_code === postalCode) return;
  w.run('UPDATE villages SET postal_code = ?, updated_at = ? WHERE id = ?', [postalCode, ctx.now.toISOString(), villageId]);
  audit(w, ctx, 'village.edit', 'village', [villageId], { old: { postalCode: old.postal_code }, new: { postalCode } });
}
