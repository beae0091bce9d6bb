/**
 * Where an extract row lives, in the branch's own terms: the village it names (in a column or inside the
 * address) and the group/house part of the address, comparable with a customer's village, 组 and address.
 */
import type { Reader } from '../db/handles';
import { normaliseVillageName } from '../import/villageResolver';
import { addressTail, normaliseAddress, placeKey, type PlaceKey } from './normalise';

export interface BranchPlaces {
  /** Every village's name as it appears in normalised addresses (东风村, 胜利社区). */
  spellings: string[];
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

export function branchPlaces(r: Reader): BranchPlaces {
  const villages = r.all<VillageRef>('SELECT id, name, code, town_name FROM villages WHERE deleted_at IS NULL');
  // Stems (东风 of 东风村委会) find the village; two villages with one stem (in two towns) are told apart by
  // the town named in the address, and otherwise not guessed between.
  const byStem = new Map<string, VillageRef[]>();
  const byCode = new Map<string, string>();
  const spellings = new Set<string>();
  for (const v of villages) {
    const stem = normaliseVillageName(normaliseAddress(v.name));
    byStem.set(stem, [...(byStem.get(stem) ?? []), v]);
    if (v.code) byCode.set(v.code, v.id);
    const spelled = normaliseAddress(v.name);
    spellings.add(spelled);
    if (stem.length >= 2) {
      spellings.add(`${stem}村`);
      spellings.add(`${stem}社区`);
    }
  }
  const pick = (candidates: VillageRef[] | undefined, context: string): string | null => {
    if (!candidates || candidates.length === 0) return null;
    if (candidates.length === 1) return candidates[0]!.id;
    const inTown = candidates.filter((v) => v.town_name && context.includes(normaliseAddress(v.town_name)));
    return inTown.length === 1 ? inTown[0]!.id : null;
  };
  const stemsLongestFirst = [...byStem.keys()].filter((s) => s.length >= 2).sort((a, b) => b.length - a.length);
  const spelledList = [...spellings];
  return {
    spellings: spelledList,
    villageOf(villageText, address) {
      const addr = address ? normaliseAddress(address) : '';
      if (villageText) {
        const t = villageText.trim();
        if (/^\d{12}$/.test(t)) return byCode.get(t) ?? null;
        const found = pick(byStem.get(normaliseVillageName(normaliseAddress(t))), addr);
        if (found) return found;
      }
      for (const stem of stemsLongestFirst) {
        if (addr.includes(`${stem}村`) || addr.includes(`${stem}社区`)) return pick(byStem.get(stem), addr);
      }
      return null;
    },
    placeOf: (text) => placeKey(addressTail(normaliseAddress(text), spelledList)),
  };
}
