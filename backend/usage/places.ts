/**
 * Where an extract row lives, in the branch's own terms: the village it names (in a column or inside the
 * address) and the group/house part of the address, comparable with a customer's village, 组 and address.
 */
import type { Reader } from '../db/handles';
import { normaliseVillageName } from '../import/villageResolver';
import { addressTail, normaliseAddress, placeKey, type PlaceKey } from './normalise';

export interface BranchPlaces {
  /** The village a row names: by the village column first, then by a village name inside the address. */
  villageOf(villageText: string | null, address: string | null): string | null;
  /** Group/house part of an address (after any village it names). */
  placeOf(text: string): PlaceKey;
}

interface VillageRef {
  id: string;
  name: string;
  code: string | null;
  town_name: string | null;
}

const SUFFIXES = ['村', '社区'] as const;
const MAX_STEM = 10;
const BOUNDARY = /[省市区县旗乡镇道处\d]/;

export function branchPlaces(r: Reader): BranchPlaces {
  const villages = r.all<VillageRef>('SELECT id, name, code, town_name FROM villages WHERE deleted_at IS NULL');
  // Stems (东风 of 东风村委会) find the village; two villages with one stem (in two towns) are told apart by
  // the town named in the address, and otherwise not guessed between.
  const byStem = new Map<string, VillageRef[]>();
  const byCode = new Map<string, string>();
  // Names that do not end in 村/社区 (a city unit, a building) are rare; they are looked for one by one.
  const otherSpellings = new Set<string>();
  for (const v of villages) {
    const spelled = normaliseAddress(v.name);
    const stem = normaliseVillageName(spelled);
    byStem.set(stem, [...(byStem.get(stem) ?? []), v]);
    if (v.code) byCode.set(v.code, v.id);
    if (!SUFFIXES.some((x) => spelled.endsWith(x))) otherSpellings.add(spelled);
  }
  const pick = (candidates: VillageRef[] | undefined, context: string): string | null => {
    if (!candidates || candidates.length === 0) return null;
    if (candidates.length === 1) return candidates[0]!.id;
    const inTown = candidates.filter((v) => v.town_name && context.includes(normaliseAddress(v.town_name)));
    return inTown.length === 1 ? inTown[0]!.id : null;
  };
  /**
   * Every "<stem>村" / "<stem>社区" in a normalised address that names a branch village, found from the suffixes
   * backwards rather than by trying each village name in turn (hundreds per row of a 100k-row extract).
   */
  const others = [...otherSpellings];
  const mentions = (addr: string): { stem: string; end: number }[] => {
    const out: { stem: string; end: number }[] = [];
    for (const suffix of SUFFIXES) {
      for (let at = addr.indexOf(suffix); at >= 0; at = addr.indexOf(suffix, at + 1)) {
        for (let len = Math.min(MAX_STEM, at); len >= 1; len--) {
          const stem = addr.slice(at - len, at);
          // 王村 is common, but 王 inside 大王村 is not it: a one-character stem must follow a boundary.
          if (len === 1 && at > 1 && !BOUNDARY.test(addr[at - 2]!)) continue;
          if (byStem.has(stem)) {
            out.push({ stem, end: at + suffix.length });
            break;
          }
        }
      }
    }
    return out;
  };
  return {
    villageOf(villageText, address) {
      const addr = address ? normaliseAddress(address) : '';
      if (villageText) {
        const t = villageText.trim();
        if (/^\d{12}$/.test(t)) return byCode.get(t) ?? null;
        const found = pick(byStem.get(normaliseVillageName(normaliseAddress(t))), addr);
        if (found) return found;
      }
      const found = mentions(addr).sort((a, b) => b.stem.length - a.stem.length)[0];
      return found ? pick(byStem.get(found.stem), addr) : null;
    },
    placeOf(text) {
      const addr = normaliseAddress(text);
      const last = Math.max(-1, ...mentions(addr).map((m) => m.end));
      return placeKey(last >= 0 ? addr.slice(last) : addressTail(addr, others));
    },
  };
}
