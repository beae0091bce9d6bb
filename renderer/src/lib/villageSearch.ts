/**
 * Finding one of the branch's villages the way clerks type it: the name or part of it, the short name without
 * the official suffix (东风 or 东风村 finds 东风村民委员会), pinyin initials (dfc) or the 12-digit code.
 */
import type { Village } from '../../../shared/domain';

const SUFFIX = /(社区居民委员会|社区居委会|村民委员会|居民委员会|村委会|居委会|社区|村)$/;

/** 东风村民委员会 → 东风; what clerks call a village. */
export function shortVillageName(name: string): string {
  return name.replace(/[\s\u3000]/g, '').replace(SUFFIX, '') || name;
}

/** 0 exact, 1 starts with, 2 contains, 3 only the town matches; null = no match. Lower is better. */
export function villageRank(v: Pick<Village, 'name' | 'code' | 'initials' | 'townName'>, query: string): number | null {
  const q = query
    .trim()
    .toLowerCase()
    .replace(/[\s\u3000]/g, '');
  if (!q) return 2;
  if (/^\d+$/.test(q)) {
    if (!v.code) return null;
    if (v.code === q) return 0;
    return v.code.startsWith(q) ? 1 : v.code.includes(q) ? 2 : null;
  }
  if (/^[a-z]+$/.test(q)) {
    const initials = v.initials.toLowerCase();
    if (initials === q) return 0;
    return initials.startsWith(q) ? 1 : initials.includes(q) ? 2 : null;
  }
  const short = shortVillageName(v.name);
  const qShort = shortVillageName(q);
  if (v.name === q || short === qShort) return 0;
  if (v.name.startsWith(q) || short.startsWith(qShort)) return 1;
  if (v.name.includes(q) || v.name.includes(qShort)) return 2;
  if (v.townName?.includes(q)) return 3;
  return null;
}

/** The matching villages, best first; ties keep the list's order. */
export function searchVillages<V extends Pick<Village, 'name' | 'code' | 'initials' | 'townName'>>(villages: readonly V[], query: string): V[] {
  if (!query.trim()) return [...villages];
  const ranked: { v: V; rank: number; i: number }[] = [];
  villages.forEach((v, i) => {
    const rank = villageRank(v, query);
    if (rank !== null) ranked.push({ v, rank, i });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.i - b.i).map((x) => x.v);
}
