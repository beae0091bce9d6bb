/**
 * Resolves the village a spreadsheet names to one of the branch's villages: by 12-digit code, then the exact
 * name, then the name without its official suffix (东风村 = 东风村委会 = 东风村民委员会). Two villages that
 * normalise alike are never guessed between: the row is reported for the clerk to decide.
 */
import type { Reader } from '../db/handles';

export type VillageResolution = { ok: true; id: string } | { ok: false; reason: string };

export interface VillageResolver {
  resolve(text: string): VillageResolution;
}

export function normaliseVillageName(name: string): string {
  return name.replace(/[\s\u3000]/g, '').replace(/(社区居民委员会|社区居委会|村民委员会|居民委员会|村委会|居委会|社区|村)$/, '');
}

interface VillageRef {
  id: string;
  name: string;
  code: string | null;
  town_name: string | null;
}

export function villageResolver(r: Reader): VillageResolver {
  const villages = r.all<VillageRef>('SELECT id, name, code, town_name FROM villages WHERE deleted_at IS NULL');
  const byCode = new Map(villages.filter((v) => v.code).map((v) => [v.code!, v.id]));
  const byName = new Map<string, VillageRef[]>();
  const byNorm = new Map<string, VillageRef[]>();
  for (const v of villages) {
    byName.set(v.name, [...(byName.get(v.name) ?? []), v]);
    const n = normaliseVillageName(v.name);
    byNorm.set(n, [...(byNorm.get(n) ?? []), v]);
  }
  const describe = (vs: VillageRef[]) => vs.map((v) => (v.town_name ? `${v.town_name}${v.name}` : v.name) + (v.code ? `(${v.code})` : '')).join('、');
  return {
    resolve(text) {
      const t = text.trim();
      if (/^\d{12}$/.test(t)) {
        const id = byCode.get(t);
        return id ? { ok: true, id } : { ok: false, reason: `区划代码 ${t} 不是本网点的行政村` };
      }
      for (const candidates of [byName.get(t), byNorm.get(normaliseVillageName(t))]) {
        if (!candidates || candidates.length === 0) continue;
        if (candidates.length === 1) return { ok: true, id: candidates[0]!.id };
        return { ok: false, reason: `村名“${t}”对应多个行政村（${describe(candidates)}），请改填区划代码` };
      }
      return { ok: false, reason: `本网点没有名为“${t}”的行政村，请先在“行政村”中添加或改正村名` };
    },
  };
}
