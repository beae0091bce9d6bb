/**
 * When two customer records are probably one person. Name, address, phone and ID number are weighed together,
 * because each alone misleads in a village: one household shares a phone, siblings' names differ by the one
 * character after the generation name (赵伟 / 赵红), and 王伟 is a common name.
 *
 * - The same ID number is one person; two different ID numbers are two people, whatever else agrees.
 * - The same mobile counts strongly, a shared landline less (a household's line); two different mobiles count a
 *   little against (people do change numbers).
 * - Names: the same name counts, a homophone (张三 / 张山, typed with a pinyin input method) a little less, a
 *   name one character apart hardly at all, a different name against.
 * - The same house (same house number and street or group) counts, a different one against.
 * A pair is proposed at PROPOSE points: same mobile + a close name, same name + same house, a homophone + same
 * house; not two near names at two addresses, nor a household's members who share a phone.
 */
import { pinyin } from 'pinyin-pro';
import type { DuplicateReason } from '../../shared/domain';
import { normaliseAddress, normaliseName, placeKey } from '../usage/normalise';

export const PROPOSE = 60;

export interface PersonFacts {
  id: string;
  name: string;
  id_number: string | null;
  phone: string | null;
  landline: string | null;
  village_id: string | null;
  group_name: string | null;
  address: string | null;
}

/** What the rules compare, worked out once per record. */
export interface PersonKeys {
  name: string;
  /** Pinyin with the distinctions a southern or northern ear (and a fuzzy input method) drops: zh/z, ang/an … */
  sound: string;
  mobile: string | null;
  lines: string[];
  place: { tail: string; group: number | null; house: string | null; rest: string } | null;
}

const MOBILE = /^1\d{10}$/;

export function fuzzySound(name: string): string {
  return pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' })
    .map((s) =>
      s
        .toLowerCase()
        .replace(/^([zcs])h/, '$1')
        .replace(/ng$/, 'n'),
    )
    .join(' ');
}

export function keysOf(p: PersonFacts): PersonKeys {
  const name = normaliseName(p.name);
  const lines = [p.phone, p.landline].filter((x): x is string => !!x && !MOBILE.test(x));
  const tail = normaliseAddress(`${p.group_name ?? ''}${p.address ?? ''}`);
  const key = tail ? placeKey(tail) : null;
  return {
    name,
    sound: fuzzySound(name),
    mobile: p.phone && MOBILE.test(p.phone) ? p.phone : null,
    lines,
    place: key ? { tail, ...key } : null,
  };
}

type Likeness = 'same' | 'homophone' | 'near' | 'different';

function nameLikeness(a: PersonKeys, b: PersonKeys): Likeness {
  if (a.name === b.name) return 'same';
  if ([...a.name].length !== [...b.name].length) return 'different';
  if (a.sound === b.sound) return 'homophone';
  const x = [...a.name];
  const y = [...b.name];
  if (x[0] !== y[0]) return 'different';
  return x.filter((ch, i) => ch !== y[i]).length === 1 ? 'near' : 'different';
}

type Agreement = 'same' | 'conflict' | 'unknown';

/** One house: the same village (if both have one) and the same house number with nothing else disagreeing. */
function placeAgreement(a: PersonFacts, b: PersonFacts, ka: PersonKeys, kb: PersonKeys): Agreement {
  if (a.village_id && b.village_id && a.village_id !== b.village_id) return 'conflict';
  const pa = ka.place;
  const pb = kb.place;
  if (!pa || !pb) return 'unknown';
  if (pa.group !== null && pb.group !== null && pa.group !== pb.group) return 'conflict';
  if (pa.house !== null && pb.house !== null && pa.house !== pb.house) return 'conflict';
  if (pa.rest && pb.rest && !pa.rest.endsWith(pb.rest) && !pb.rest.endsWith(pa.rest)) return 'conflict';
  if (pa.tail === pb.tail || (pa.house !== null && pa.house === pb.house)) return 'same';
  return 'unknown';
}

const NAME_POINTS: Record<Likeness, number> = { same: 40, homophone: 30, near: 10, different: -40 };
const NAME_REASON: Partial<Record<Likeness, DuplicateReason>> = { same: 'sameName', homophone: 'homophone', near: 'nearName' };

/** The pair's points and reasons, strongest first; null when they are certainly two people. */
export function judgePair(a: PersonFacts, b: PersonFacts, ka: PersonKeys, kb: PersonKeys): { score: number; reasons: DuplicateReason[] } | null {
  const likeness = nameLikeness(ka, kb);
  const nameReason = NAME_REASON[likeness];
  if (a.id_number && b.id_number) {
    if (a.id_number !== b.id_number) return null;
    return { score: 100, reasons: nameReason ? ['idNumber', nameReason] : ['idNumber'] };
  }
  const reasons: DuplicateReason[] = [];
  let score = 0;
  if (ka.mobile && ka.mobile === kb.mobile) {
    score += 60;
    reasons.push('mobile');
  } else if (ka.lines.some((l) => kb.lines.includes(l))) {
    score += 25;
    reasons.push('landline');
  } else if (ka.mobile && kb.mobile) {
    score -= 10;
  }
  score += NAME_POINTS[likeness];
  if (nameReason) reasons.push(nameReason);
  const place = placeAgreement(a, b, ka, kb);
  if (place === 'same') {
    score += 30;
    reasons.push('sameAddress');
  } else if (place === 'conflict') {
    score -= 30;
  }
  return score >= PROPOSE ? { score, reasons } : null;
}
