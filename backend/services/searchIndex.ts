/**
 * In-memory search strings for customers, kept beside the database. sql.js has no FTS5 trigram tokenizer for
 * Chinese substrings and LIKE '%…%' over 50k rows costs ~20 ms; a linear scan of short strings costs a few.
 * Kept current from the captured changes of every commit, so it can never drift from the database.
 */
import { toHalfWidth } from '../../shared/idNumber';
import { compactCode, readCustomerCode } from '../../shared/customerCode';
import { pinyinInitials } from '../../shared/pinyin';
import { changedRow, type Change, type Committed } from '../db/capture';
import type { Reader } from '../db/handles';

interface Entry {
  id: string;
  hay: string;
  /** Apart from the hay: for a role without full ID view it matches only as a whole. */
  idNumber: string | null;
  /** 客户编号 without its hyphen: a term matches its beginning (KM-001 finds KM-00127X). */
  code: string | null;
  villageId: string | null;
  grade: number;
  updatedAt: string;
}

interface CustomerSearchRow {
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

export function normaliseQuery(q: string): string {
  return toHalfWidth(q)
    .toLowerCase()
    .replace(/[-－—()（）]/g, '');
}

/** Name → pinyin initials, remembered: names repeat, and working them out costs about 10 µs a name. */
const initialsMemo = new Map<string, string>();

/**
 * The pinyin initials of a Chinese name (王小明 → wxm), as the village picker offers them; a name without a
 * Chinese character has none (its letters are in the name itself).
 */
export function nameInitials(name: string): string {
  if (!/[\u3400-\u9fff\uf900-\ufaff]/.test(name)) return '';
  let v = initialsMemo.get(name);
  if (v === undefined) {
    if (initialsMemo.size >= 200_000) initialsMemo.clear();
    v = pinyinInitials(name);
    initialsMemo.set(name, v);
  }
  return v;
}

/** What a customer is found by: name, its pinyin initials, phones and address. */
export function hayOf(r: Pick<CustomerSearchRow, 'name' | 'phone' | 'landline' | 'address'>): string {
  return [r.name, r.phone, r.landline, r.address, nameInitials(r.name)]
    .filter(Boolean)
    .map((s) => normaliseQuery(String(s)))
    .join('\u0001');
}

/**
 * All entries' searchable text in one string, so a term is found with one indexOf pass over it (V8 scans a few MB
 * in a millisecond or two) instead of one includes() per customer. Built lazily; entries changed since are
 * checked one by one until enough of them make a rebuild worth it.
 */
class Blob {
  private readonly text: string;
  readonly ids: string[];
  /** Each id's entry as it was when the blob was built: current for every id not changed since (not stale). */
  readonly entries: Entry[];
  private readonly starts: Int32Array;

  constructor(entries: ReadonlyMap<string, Entry>) {
    const parts: string[] = [];
    this.ids = [];
    this.entries = [];
    this.starts = new Int32Array(entries.size);
    let at = 0;
    for (const [id, e] of entries) {
      // The ID number and code are in the text only to find candidates; matches() applies the real rules.
      const text = `${e.hay}\u0001${e.idNumber ?? ''}\u0001${e.code?.toLowerCase() ?? ''}\u0000`;
      this.starts[this.ids.length] = at;
      this.ids.push(id);
      this.entries.push(e);
      parts.push(text);
      at += text.length;
    }
    this.text = parts.join('');
  }

  /** The index of the entry holding text position `pos`. */
  private indexAt(pos: number): number {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private nextStart(i: number): number {
    return i + 1 < this.ids.length ? this.starts[i + 1]! : this.text.length;
  }

  /** Positions (in ids and entries) of the entries whose text contains `term`, each once. */
  find(term: string): number[] {
    const out: number[] = [];
    let from = 0;
    for (;;) {
      const pos = this.text.indexOf(term, from);
      if (pos < 0) return out;
      const i = this.indexAt(pos);
      out.push(i);
      // The rest of this entry cannot add it twice.
      from = this.nextStart(i);
    }
  }
}

/** What a match is ordered by; the index's entries are hits themselves, so a search allocates nothing per match. */
export interface Hit {
  id: string;
  updatedAt: string;
}

/** Newest first; the id breaks ties (an import stamps thousands alike), so pages of one search never shuffle. */
const newestFirst = (a: Hit, b: Hit): number => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The first `k` hits in newestFirst order: a heap of the k best so far, whose top is the one that would go first. */
export function firstInOrder<H extends Hit>(hits: H[], k: number): H[] {
  if (hits.length <= k * 4) return hits.sort(newestFirst).slice(0, k);
  const heap: H[] = [];
  // Max-heap by order: heap[0] is the latest-ordered of those kept, the first to give way.
  const later = (i: number, j: number) => newestFirst(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && later(l, top)) top = l;
      if (r < heap.length && later(r, top)) top = r;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  for (const h of hits) {
    if (heap.length < k) {
      heap.push(h);
      for (let i = heap.length - 1; i > 0 && later(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (k > 0 && newestFirst(h, heap[0]!) < 0) {
      heap[0] = h;
      down(0);
    }
  }
  return heap.sort(newestFirst);
}

/** Changed entries are checked one by one until this many make a rebuild of the blob cheaper. */
const REBUILD_AFTER = 2000;
/** A write that changed more customers than this (an import) is cheaper to read again than to apply row by row. */
const RELOAD_AFTER = 5000;

export class CustomerSearchIndex {
  private readonly entries = new Map<string, Entry>();
  private loaded = false;
  private blob: Blob | null = null;
  /** Ids added, changed or removed since the blob was built. */
  private readonly stale = new Set<string>();

  /** Reads every customer once, on first need: opening the branch does not wait for it. */
  ensure(r: Reader): this {
    if (!this.loaded) this.load(r);
    return this;
  }

  load(r: Reader): void {
    this.unload();
    this.loaded = true;
    for (const row of r.all<CustomerSearchRow>(
      'SELECT id, code, name, phone, landline, id_number, address, village_id, grade, updated_at, deleted_at FROM customers WHERE deleted_at IS NULL',
    )) {
      this.put(row);
    }
    // Built now, with the load (after the log-in screen in the app), not on the first keystroke.
    this.blob = new Blob(this.entries);
  }

  /**
   * Follows one committed write. Returns false when the write was so large that the index let go of its entries
   * instead: it reads every customer again on its next use (ensure), which the caller may start right away.
   */
  applyCommit(c: Committed): boolean {
    if (!this.loaded) return true;
    const n = c.count('customers');
    if (n === 0) return true;
    if (n > RELOAD_AFTER) {
      this.unload();
      return false;
    }
    this.apply(c.changes('customers'));
    return true;
  }

  private unload(): void {
    this.loaded = false;
    this.entries.clear();
    this.blob = null;
    this.stale.clear();
  }

  apply(changes: readonly Change[]): void {
    // Not loaded yet: the load will read these rows as committed.
    if (!this.loaded) return;
    for (const change of changes) {
      const [tbl, op, pk, data] = change;
      if (tbl !== 'customers') continue;
      this.stale.add(pk);
      if (op === 'd' || !data) {
        this.entries.delete(pk);
        continue;
      }
      // Parsed once per commit, shared with the sync outbox (backend/db/capture.ts).
      const row = changedRow(change) as unknown as CustomerSearchRow;
      if (row.deleted_at) this.entries.delete(pk);
      else this.put(row);
    }
  }

  /**
   * Ids matching every space-separated term, most recently updated first. A term matches a name (or its pinyin
   * initials: wxm finds 王小明), phone or address by any part, an ID number by any part only with `idFragments`
   * (else as a whole); `within` bounds the customers searched (a carrier's round).
   */
  search(
    query: string,
    villageId?: string,
    grade?: number,
    opts: { idFragments: boolean; within: ReadonlySet<string> | null } = { idFragments: true, within: null },
  ): string[] {
    const hits = this.hits(query, villageId, grade, opts);
    hits.sort(newestFirst);
    return hits.map((h) => h.id);
  }

  /**
   * One page of what search() returns, and how many there are in all. A short query can match most of the base
   * ("3714" is every ID number of the county): only the first offset + limit are put in order (a bounded heap),
   * not all 75,000 — that sort was most of a 100 ms answer at 100,000 customers.
   */
  searchPage(
    query: string,
    villageId: string | undefined,
    grade: number | undefined,
    opts: { idFragments: boolean; within: ReadonlySet<string> | null },
    offset: number,
    limit: number,
  ): { ids: string[]; total: number } {
    const hits = this.hits(query, villageId, grade, opts);
    return {
      ids: firstInOrder(hits, offset + limit)
        .slice(offset)
        .map((h) => h.id),
      total: hits.length,
    };
  }

  private hits(
    query: string,
    villageId: string | undefined,
    grade: number | undefined,
    opts: { idFragments: boolean; within: ReadonlySet<string> | null },
  ): Entry[] {
    // A whole 客户编号 typed with a space in it (KM 00127X) is one term, not two.
    const parts = readCustomerCode(query).ok ? [query.replace(/[\s\u3000]+/g, '')] : query.split(/[\s\u3000]+/);
    // Control characters separate entries in the blob; no one types them into a search box.
    const terms = parts
      .map((t) => t.replace(/[\u0000-\u001f]/g, ''))
      .filter((t) => normaliseQuery(t) !== '')
      .map((t) => ({ t: normaliseQuery(t), code: compactCode(t) }));
    if (!terms.length) return [];
    const codeMatch = (e: Entry, code: string) => e.code !== null && code.length >= 3 && /^[A-Z]/.test(code) && e.code.startsWith(code);
    const matches = (e: Entry, { t, code }: { t: string; code: string }) =>
      e.hay.includes(t) || (e.idNumber !== null && (opts.idFragments ? e.idNumber.includes(t) : e.idNumber === t)) || codeMatch(e, code);
    const accept = (id: string, e: Entry | undefined): e is Entry =>
      e !== undefined &&
      (!villageId || e.villageId === villageId) &&
      (!grade || e.grade === grade) &&
      (!opts.within || opts.within.has(id)) &&
      terms.every((t) => matches(e, t));

    const hits: Entry[] = [];
    // A code term matches by the code's own folding (I→1, O→0), which the blob's text does not carry: scan all.
    const byCode = terms.some(({ code }) => code.length >= 3 && /^[A-Z]/.test(code));
    if (byCode) {
      for (const [id, e] of this.entries) if (accept(id, e)) hits.push(e);
    } else {
      if (!this.blob || this.stale.size > REBUILD_AFTER) {
        this.blob = new Blob(this.entries);
        this.stale.clear();
      }
      // The longest term finds the fewest candidates; every term is then checked on each.
      const probe = terms.reduce((a, b) => (b.t.length > a.t.length ? b : a)).t;
      // By position, not by a map lookup per candidate: a short term can find most of the base.
      const { ids, entries } = this.blob;
      const anyStale = this.stale.size > 0;
      for (const i of this.blob.find(probe)) {
        const id = ids[i]!;
        if (anyStale && this.stale.has(id)) continue;
        const e = entries[i];
        if (accept(id, e)) hits.push(e);
      }
      for (const id of this.stale) {
        const e = this.entries.get(id);
        if (accept(id, e)) hits.push(e);
      }
    }
    return hits;
  }

  get size(): number {
    return this.entries.size;
  }

  private put(row: CustomerSearchRow): void {
    this.entries.set(row.id, {
      id: row.id,
      hay: hayOf(row),
      idNumber: row.id_number ? normaliseQuery(row.id_number) : null,
      code: row.code ? compactCode(row.code) : null,
      villageId: row.village_id,
      grade: Number(row.grade),
      updatedAt: row.updated_at,
    });
  }
}
