/**
 * First start and branch set-up on the official division list: the branch names its county and the towns
 * it serves, confirms their villages, and may add villages the list lacks by hand (no code: 自建).
 */
import type { SetupStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Reader, Writer } from '../db/handles';
import type { Divisions } from '../divisions/divisions';
import type { CallContext } from './context';
import { pinyinInitials } from '../../shared/pinyin';
import { audit } from '../auth/audit';
import { newId } from './ids';
import { getSetting, setSetting, SETTING_BRANCH_NAME, SETTING_COUNTY, SETTING_POSTAL_CODE } from './settings';

export { SETTING_COUNTY, SETTING_POSTAL_CODE } from './settings';

export function setupStatus(r: Reader, divisions: Divisions): SetupStatus {
  const villages = Number(r.value('SELECT COUNT(*) FROM villages WHERE deleted_at IS NULL') ?? 0);
  const branchName = getSetting(r, SETTING_BRANCH_NAME) ?? null;
  const countyCode = getSetting(r, SETTING_COUNTY) ?? null;
  return {
    configured: branchName !== null || villages > 0,
    branchName,
    postalCode: getSetting(r, SETTING_POSTAL_CODE) ?? null,
    countyCode,
    countyName: countyCode ? (divisions.countyName(countyCode) ?? null) : null,
    villages,
    edition: divisions.edition,
  };
}

const kindOf = (name: string) => (/社区|居委会|居民委员会/.test(name) ? 'community' : 'village');

/** Adds official villages by code (skipping ones the branch already has); returns how many were added. */
export function addOfficialVillages(w: Writer, ctx: CallContext, divisions: Divisions, codes: string[], postalCode: string | null): number {
  const index = divisions.full();
  const at = ctx.now.toISOString();
  let added = 0;
  for (const code of codes) {
    const v = index.village(code);
    if (!v) throw new AppError('NOT_FOUND', `区划代码 ${code} 不存在（${index.edition} 年版区划）`);
    if (w.value('SELECT 1 FROM villages WHERE code = ? AND deleted_at IS NULL', [code])) continue;
    w.run(
      `INSERT INTO villages (id, code, name, kind, town_code, town_name, county_code, postal_code, edition, initials, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [newId(), v.code, v.name, kindOf(v.name), v.townCode, v.townName, v.countyCode, postalCode, index.edition, v.initials, at, at],
    );
    added++;
  }
  return added;
}

export interface CreateBranchInput {
  branchName: string;
  postalCode: string | null;
  countyCode: string;
  townCodes: string[];
  /** The villages the clerk left ticked; omitted = every village of the towns. */
  villageCodes?: string[] | undefined;
  /** Villages the list lacks: natural villages, new estates, city units. */
  extraVillages: { name: string; townCode?: string | null | undefined; kind: 'village' | 'community' | 'unit' }[];
}

export function createBranch(w: Writer, ctx: CallContext, divisions: Divisions, input: CreateBranchInput): { villages: number } {
  const index = divisions.full();
  const townsOfCounty = new Set(index.townsOf(input.countyCode).map((t) => t.code));
  for (const t of input.townCodes) {
    if (!index.town(t)) throw new AppError('NOT_FOUND', `乡镇/街道代码 ${t} 不存在（${index.edition} 年版区划）`);
    if (!townsOfCounty.has(t)) throw new AppError('VALIDATION', `乡镇/街道 ${t} 不属于区县 ${input.countyCode}`);
  }
  const allowed = new Set(input.townCodes);
  const codes = input.villageCodes ?? input.townCodes.flatMap((t) => index.villagesOf(t).map((v) => v.code));
  for (const c of codes) if (!allowed.has(c.slice(0, 9))) throw new AppError('VALIDATION', `村 ${c} 不在所选乡镇/街道中`);
  setSetting(w, SETTING_BRANCH_NAME, input.branchName);
  setSetting(w, SETTING_COUNTY, input.countyCode);
  if (input.postalCode) setSetting(w, SETTING_POSTAL_CODE, input.postalCode);
  let villages = addOfficialVillages(w, ctx, divisions, codes, input.postalCode);
  const at = ctx.now.toISOString();
  for (const extra of input.extraVillages) {
    const town = extra.townCode ? index.town(extra.townCode) : undefined;
    if (w.value('SELECT 1 FROM villages WHERE name = ? AND town_code IS ? AND deleted_at IS NULL', [extra.name, town?.code ?? null])) continue;
    w.run(
      `INSERT INTO villages (id, code, name, kind, town_code, town_name, county_code, postal_code, initials, created_at, updated_at)
       VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [newId(), extra.name, extra.kind, town?.code ?? null, town?.name ?? null, input.countyCode, input.postalCode, pinyinInitials(extra.name), at, at],
    );
    villages++;
  }
  audit(w, ctx, 'setup.branch', 'village', [], { branchName: input.branchName, countyCode: input.countyCode, townCodes: input.townCodes, villages });
  return { villages };
}

/**
 * A new edition of the national list: coded villages take the current official name and town; codes the
 * edition no longer has are reported and left alone (customers still point at them); 自建 villages are kept.
 */
export function applyEdition(w: Writer, ctx: CallContext, divisions: Divisions) {
  const index = divisions.full();
  const at = ctx.now.toISOString();
  const renamed: { code: string; from: string; to: string }[] = [];
  const missing: { code: string; name: string }[] = [];
  const coded = w.all<{ id: string; code: string; name: string }>('SELECT id, code, name FROM villages WHERE code IS NOT NULL AND deleted_at IS NULL');
  for (const v of coded) {
    const hit = index.village(v.code);
    if (!hit) {
      missing.push({ code: v.code, name: v.name });
      continue;
    }
    if (hit.name !== v.name) renamed.push({ code: v.code, from: v.name, to: hit.name });
    w.run('UPDATE villages SET name = ?, initials = ?, town_code = ?, town_name = ?, edition = ?, updated_at = ? WHERE id = ?', [
      hit.name,
      hit.initials,
      hit.townCode,
      hit.townName,
      index.edition,
      at,
      v.id,
    ]);
  }
  audit(w, ctx, 'divisions.edition', 'village', [], { edition: index.edition, checked: coded.length, renamed, missing });
  return { edition: index.edition, checked: coded.length, renamed, missing };
}
