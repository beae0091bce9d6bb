/**
 * Matches an extract row to the branch's customers, in the order the issue gives: ID number, then mobile +
 * name, then name + address within the branch's villages. Each candidate gets a score; only a clear winner
 * (AUTO_MIN or more, and well ahead of the runner-up) is applied without a clerk. Everything else goes to the
 * review queue with its candidates. An ID number on both sides that differs rules a candidate out entirely:
 * same name, different person.
 */
import { CANDIDATE_MIN_SCORE } from '../../shared/usage';
import type { Reader } from '../db/handles';
import { comparePlaces, normaliseName, type PlaceKey } from './normalise';
import type { BranchPlaces } from './places';

export const AUTO_MIN = 80;
/** The winner must lead the runner-up by this much; two near-equal candidates are a clerk's call. */
export const AUTO_LEAD = 20;
const WEAK_HINT = 20;
const MAX_CANDIDATES = 5;

export interface MatchInput {
  nameKey: string;
  idNumber: string | null;
  phone: string | null;
  villageId: string | null;
  place: PlaceKey | null;
}

export interface Candidate {
  id: string;
  score: number;
  reasons: string[];
}

export type MatchOutcome = { kind: 'matched'; customerId: string; candidates: Candidate[] } | { kind: 'queued' | 'unmatched'; candidates: Candidate[] };

export interface IndexedCustomer {
  id: string;
  name: string;
  nameKey: string;
  idNumber: string | null;
  phone: string | null;
  landline: string | null;
  villageId: string | null;
  /** 组 and address as one text; its place key is worked out only when a candidate needs it. */
  addressText: string;
  place?: PlaceKey;
}

export interface Matcher {
  match(row: MatchInput): MatchOutcome;
  customer(id: string): IndexedCustomer | undefined;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export function scoreCandidate(row: MatchInput, c: IndexedCustomer, placeOf: (c: IndexedCustomer) => PlaceKey): Candidate | null {
  if (row.idNumber && c.idNumber && row.idNumber !== c.idNumber) return null;
  const nameEq = row.nameKey === c.nameKey;
  const reasons: string[] = [];
  const say = (r: string) => reasons.push(r);
  let score: number;
  if (row.idNumber && row.idNumber === c.idNumber) {
    say('身份证号相同');
    score = nameEq ? 100 : 70;
    if (!nameEq) say('姓名不同');
  } else {
    const phoneEq = row.phone !== null && (row.phone === c.phone || row.phone === c.landline);
    const villageEq = row.villageId !== null && row.villageId === c.villageId;
    const place = row.place && nameEq && (villageEq || row.villageId === null) ? comparePlaces(row.place, placeOf(c)) : 'unknown';
    if (phoneEq && nameEq) {
      say('手机号和姓名相同');
      score = 90;
    } else if (phoneEq) {
      say('手机号相同，姓名不同');
      score = 50;
    } else if (nameEq && villageEq) {
      say('同村同名');
      // A different mobile on record is not proof of another person (numbers change), but it is doubt.
      const phoneDiffers = row.phone !== null && c.phone !== null;
      if (place === 'same') {
        say('地址相符');
        score = phoneDiffers ? 65 : 80;
      } else if (place === 'conflict') {
        say('地址不符');
        score = 45;
      } else {
        score = 60;
      }
      if (phoneDiffers) say('手机号不同');
    } else if (nameEq && row.villageId === null && place === 'same') {
      say('同名且地址相符（村未识别）');
      score = 50;
    } else if (nameEq) {
      say(c.villageId ? '同名，不同村' : '同名');
      score = WEAK_HINT;
    } else {
      return null;
    }
  }
  return { id: c.id, score, reasons };
}

export function decide(candidates: Candidate[]): MatchOutcome {
  const sorted = [...candidates].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, MAX_CANDIDATES);
  const [best, second] = sorted;
  if (best && best.score >= AUTO_MIN && (!second || second.score <= best.score - AUTO_LEAD))
    return { kind: 'matched', customerId: best.id, candidates: sorted };
  return { kind: best && best.score >= CANDIDATE_MIN_SCORE ? 'queued' : 'unmatched', candidates: sorted };
}

/** One pass over the customers into maps by ID number, phone, village + name and name. */
export function buildMatcher(r: Reader, places: BranchPlaces): Matcher {
  const byId = new Map<string, IndexedCustomer>();
  const byIdNumber = new Map<string, IndexedCustomer[]>();
  const byPhone = new Map<string, IndexedCustomer[]>();
  const byVillageName = new Map<string, IndexedCustomer[]>();
  const byName = new Map<string, IndexedCustomer[]>();
  const rows = r.all<{
    id: string;
    name: string;
    id_number: string | null;
    phone: string | null;
    landline: string | null;
    village_id: string | null;
    group_name: string | null;
    address: string | null;
  }>('SELECT id, name, id_number, phone, landline, village_id, group_name, address FROM customers WHERE deleted_at IS NULL');
  for (const x of rows) {
    const c: IndexedCustomer = {
      id: x.id,
      name: x.name,
      nameKey: normaliseName(x.name),
      idNumber: x.id_number,
      phone: x.phone,
      landline: x.landline,
      villageId: x.village_id,
      addressText: `${x.group_name ?? ''}${x.address ?? ''}`,
    };
    byId.set(c.id, c);
    if (c.idNumber) push(byIdNumber, c.idNumber, c);
    if (c.phone) push(byPhone, c.phone, c);
    if (c.landline) push(byPhone, c.landline, c);
    if (c.villageId) push(byVillageName, `${c.villageId}\u0001${c.nameKey}`, c);
    push(byName, c.nameKey, c);
  }
  // Only same-name candidates in the row's village ever compare places: most customers never need one.
  const placeOf = (c: IndexedCustomer): PlaceKey => (c.place ??= places.placeOf(c.addressText));
  return {
    customer: (id) => byId.get(id),
    match(row) {
      const seen = new Map<string, IndexedCustomer>();
      const add = (list: IndexedCustomer[] | undefined) => list?.forEach((c) => seen.set(c.id, c));
      if (row.idNumber) add(byIdNumber.get(row.idNumber));
      if (row.phone) add(byPhone.get(row.phone));
      if (row.villageId) add(byVillageName.get(`${row.villageId}\u0001${row.nameKey}`));
      // Same name anywhere in the branch: a hint for the clerk, never a match on its own. A very common
      // name would list half a village, so only a few are kept.
      if (seen.size === 0) add(byName.get(row.nameKey)?.slice(0, MAX_CANDIDATES * 4));
      const candidates: Candidate[] = [];
      for (const c of seen.values()) {
        const s = scoreCandidate(row, c, placeOf);
        if (s) candidates.push(s);
      }
      return decide(candidates);
    },
  };
}
