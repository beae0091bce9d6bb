/**
 * The customer search finds candidates in one joined string and checks each; a plain scan applying the search
 * rule to every customer must give the very same answers — after loads, edits, deletions and rebuilds, for
 * names, phone and ID fragments, several terms, village and grade filters and a carrier's bounds.
 */
import { describe, expect, it } from 'vitest';
import type { Change } from '../../backend/db/capture';
import type { Reader } from '../../backend/db/handles';
import { Rng } from '../../backend/seed/random';
import { CustomerSearchIndex, firstInOrder, normaliseQuery } from '../../backend/services/searchIndex';
import { pinyinInitials } from '../../shared/pinyin';

interface Row {
  id: string;
  code: string | null;
  name: string;
  phone: string | null;
  landline: string | null;
  id_number: string | null;
  address: string | null;
  village_id: string | null;
  grade: number;
  updated_at: string;
  deleted_at: string | null;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '欧阳'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '红'];
const PLACES = ['黄河涯镇', '前刘村', '后王庄', '三组', '东街12号', '西关路8号', '南营村二组'];

function row(rng: Rng, i: number, t: number): Row {
  const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  return {
    id: `c${i}`,
    code: null,
    name: rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.int(0, 3) === 0 ? rng.pick(GIVEN) : ''),
    phone: rng.int(0, 4) ? `1${rng.pick(['38', '39', '58', '86'])}${digits(8)}` : null,
    landline: rng.int(0, 6) === 0 ? `0534-${digits(7)}` : null,
    id_number: rng.int(0, 3) ? `3714${digits(13)}${rng.pick(['X', '1', '5'])}` : null,
    address: rng.int(0, 5) ? `${rng.pick(PLACES)}${rng.pick(PLACES)}` : null,
    village_id: `v${rng.int(1, 5)}`,
    grade: rng.int(1, 4),
    // Whole seconds per round: many customers share a time, as after an import.
    updated_at: new Date(1_700_000_000_000 + t * 1000 + (i % 7)).toISOString(),
    deleted_at: null,
  };
}

const initials = new Map<string, string>();
const initialsOf = (name: string) => initials.get(name) ?? initials.set(name, pinyinInitials(name)).get(name)!;

/** The search rule as the index documents it, applied to every row. */
function reference(
  rows: Map<string, Row>,
  query: string,
  villageId: string | undefined,
  grade: number | undefined,
  idFragments: boolean,
  within: Set<string> | null,
): string[] {
  const terms = query
    .split(/[\s\u3000]+/)
    .map(normaliseQuery)
    .filter(Boolean);
  const hits = [...rows.values()].filter((r) => {
    if (villageId && r.village_id !== villageId) return false;
    if (grade && r.grade !== grade) return false;
    if (within && !within.has(r.id)) return false;
    // The name's pinyin initials (王小明 → wxm) as the village picker has them, worked out here by shared/pinyin.
    const fields = [r.name, r.phone, r.landline, r.address, initialsOf(r.name)].filter((x): x is string => !!x).map(normaliseQuery);
    const id = r.id_number ? normaliseQuery(r.id_number) : null;
    return terms.length > 0 && terms.every((t) => fields.some((f) => f.includes(t)) || (id !== null && (idFragments ? id.includes(t) : id === t)));
  });
  return hits.sort((a, b) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => r.id);
}

describe('customer search index', () => {
  it('answers exactly as a plain scan does, through edits, deletions and rebuilds', () => {
    const rng = new Rng(2026);
    const rows = new Map<string, Row>();
    for (let i = 0; i < 3000; i++) rows.set(`c${i}`, row(rng, i, 0));
    const index = new CustomerSearchIndex();
    index.load({ all: () => [...rows.values()] } as unknown as Reader);

    const queryFrom = (r: Row): string => {
      switch (rng.int(0, 6)) {
        case 0:
          return r.name;
        case 1:
          return r.name.slice(0, 1);
        case 2:
          return (r.phone ?? '138').slice(rng.int(0, 5), 8);
        case 3:
          return (r.id_number ?? '3714').slice(rng.int(0, 8), 14);
        case 4:
          return `${r.name.slice(0, 1)} ${(r.address ?? '村').slice(0, 2)}`;
        case 5:
          return rng.int(0, 1) ? (r.id_number ?? '无此人') : initialsOf(r.name).slice(rng.int(0, 1));
        default:
          return (r.address ?? '黄河').slice(1, 4);
      }
    };
    let checked = 0;
    for (let round = 1; round <= 8; round++) {
      // Edits, new customers and deletions between rounds: a few, then (round 5) enough to force a rebuild.
      const n = round === 5 ? 2500 : rng.int(1, 40);
      const changes: Change[] = [];
      for (let k = 0; k < n; k++) {
        const pick = rng.int(0, 9);
        if (pick === 0 && rows.size) {
          const id = rng.pick([...rows.keys()]);
          rows.delete(id);
          changes.push(['customers', 'd', id, null]);
        } else {
          const i = pick === 1 ? 3000 + round * 10_000 + k : rng.int(0, 2999);
          const r = row(rng, i, round);
          rows.set(r.id, r);
          changes.push(['customers', 'u', r.id, JSON.stringify(r)]);
        }
      }
      index.apply(changes);
      const all = [...rows.values()];
      for (let q = 0; q < 150; q++) {
        const query = queryFrom(rng.pick(all));
        const village = rng.int(0, 3) === 0 ? `v${rng.int(1, 5)}` : undefined;
        const grade = rng.int(0, 4) === 0 ? rng.int(1, 4) : undefined;
        const idFragments = rng.int(0, 1) === 0;
        const within = rng.int(0, 5) === 0 ? new Set(all.slice(0, 400).map((r) => r.id)) : null;
        const expected = reference(rows, query, village, grade, idFragments, within);
        expect(index.search(query, village, grade, { idFragments, within }), `${query} ${village} ${grade} ${idFragments}`).toEqual(expected);
        // The page the list asks for: the same ids in the same order, and the full count.
        const offset = rng.pick([0, 0, 1, 50, rng.int(0, 400)]);
        const limit = rng.pick([1, 50, 200]);
        expect(index.searchPage(query, village, grade, { idFragments, within }, offset, limit)).toEqual({
          ids: expected.slice(offset, offset + limit),
          total: expected.length,
        });
        checked++;
      }
    }
    expect(checked).toBe(1200);
  });

  it('puts the first page of a search matching most of the base in the same order as a full sort', () => {
    const rng = new Rng(21);
    for (let round = 0; round < 60; round++) {
      // Few distinct times, as after an import: the id has to break most ties.
      const hits = Array.from({ length: rng.int(0, 3000) }, (_, i) => ({
        id: `id-${rng.int(0, 99_999)}-${i}`,
        updatedAt: `2026-0${rng.int(1, 3)}-01T00:00:00.000Z`,
      }));
      const k = rng.pick([0, 1, 7, 50, 200, 450]);
      const sorted = [...hits].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      expect(firstInOrder(hits, k)).toEqual(sorted.slice(0, k));
    }
  });

  it('finds a customer by the pinyin initials of their name', () => {
    const rows = [
      { id: 'a', name: '王小明', address: '东风村3组' },
      { id: 'b', name: '王晓敏', address: null },
      { id: 'c', name: '李小明', address: '王庄' },
      { id: 'd', name: 'Wang XM', address: null },
    ].map((r, i) => ({
      ...r,
      code: null,
      phone: null,
      landline: null,
      id_number: null,
      village_id: 'v1',
      grade: 2,
      updated_at: `2026-01-0${i + 1}T00:00:00.000Z`,
      deleted_at: null,
    }));
    const index = new CustomerSearchIndex();
    index.load({ all: () => rows } as unknown as Reader);
    expect(index.search('wxm')).toEqual(['b', 'a']);
    expect(index.search('WXM')).toEqual(['b', 'a']);
    expect(index.search('xm')).toEqual(['d', 'c', 'b', 'a']);
    expect(index.search('lxm')).toEqual(['c']);
    // With another term: initials and a place.
    expect(index.search('xm 东风')).toEqual(['a']);
    // Kept current through an edit.
    index.apply([['customers', 'u', 'a', JSON.stringify({ ...rows[0], name: '张小明' })]]);
    expect(index.search('wxm')).toEqual(['b']);
    expect(index.search('zxm')).toEqual(['a']);
  });
});
