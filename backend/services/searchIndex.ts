/**
 * In-memory search strings for customers, kept beside the database. sql.js has no FTS5 trigram tokenizer for
 * Chinese substrings and LIKE '%…%' over 50k rows costs ~20 ms; a linear scan of short strings costs a few.
 * Kept current from the captured changes of every commit, so it can never drift from the database.
 */
import { toHalfWidth } from '../../shared/idNumber';
import { compactCode, readCustomerCode } from '../../shared/customerCode';
import type { Change } from '../db/capture';
import type { Reader } from '../db/handles';

interface Entry {
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
  return toHalfWidth(q).toLowerCase().replace(/[-－—()（）]/g, '');
}

function hayOf(r: CustomerSearchRow): string {
  return [r.name, r.phone, r.landline, r.address]
    .filter(Boolean)
    .map((s) => normaliseQuery(String(s)))
    .join('\u0001');
}

export class CustomerSearchIndex {
  private readonly entries = new Map<string, Entry>();
  private loaded = false;

  /** Reads every customer once, on first need: opening the branch does not wait for it. */
  ensure(r: Reader): this {
    if (!this.loaded) this.load(r);
    return this;
  }

  load(r: Reader): void {
    this.loaded = true;
    this.entries.clear();
    for (const row of r.all<CustomerSearchRow>(
      'SELECT id, code, name, phone, landline, id_number, address, village_id, grade, updated_at, deleted_at FROM customers WHERE deleted_at IS NULL',
    )) {
      this.put(row);
    }
  }

  apply(changes: readonly Change[]): void {
    // Not loaded yet: the load will read these rows as committed.
    if (!this.loaded) return;
    for (const [tbl, op, pk, data] of changes) {
      if (tbl !== 'customers') continue;
      if (op === 'd' || !data) {
        this.entries.delete(pk);
        continue;
      }
      const row = JSON.parse(data) as CustomerSearchRow;
      if (row.deleted_at) this.entries.delete(pk);
      else this.put(row);
    }
  }

  /**
   * Ids matching every space-separated term, most recently updated first. A term matches a name, phone or
   * address by any part, an ID number by any part only with `idFragments` (else as a whole); `within` bounds
   * the customers searched (a carrier's round).
   */
  search(query: string, villageId?: string, grade?: number, opts: { idFragments: boolean; within: ReadonlySet<string> | null } = { idFragments: true, within: null }): string[] {
    // A whole 客户编号 typed with a space in it (KM 00127X) is one term, not two.
    const parts = readCustomerCode(query).ok ? [query.replace(/[\s\u3000]+/g, '')] : query.split(/[\s\u3000]+/);
    const terms = parts.filter((t) => normaliseQuery(t) !== '').map((t) => ({ t: normaliseQuery(t), code: compactCode(t) }));
    const hits: [string, string][] = [];
    const codeMatch = (e: Entry, code: string) => e.code !== null && code.length >= 3 && /^[A-Z]/.test(code) && e.code.startsWith(code);
    const matches = (e: Entry, { t, code }: { t: string; code: string }) =>
      e.hay.includes(t) || (e.idNumber !== null && (opts.idFragments ? e.idNumber.includes(t) : e.idNumber === t)) || codeMatch(e, code);
    for (const [id, e] of this.entries) {
      if (villageId && e.villageId !== villageId) continue;
      if (grade && e.grade !== grade) continue;
      if (opts.within && !opts.within.has(id)) continue;
      if (terms.every((t) => matches(e, t))) hits.push([id, e.updatedAt]);
    }
    hits.sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0));
    return hits.map((h) => h[0]);
  }

  get size(): number {
    return this.entries.size;
  }

  private put(row: CustomerSearchRow): void {
    this.entries.set(row.id, {
      hay: hayOf(row),
      idNumber: row.id_number ? normaliseQuery(row.id_number) : null,
      code: row.code ? compactCode(row.code) : null,
      villageId: row.village_id,
      grade: Number(row.grade),
      updatedAt: row.updated_at,
    });
  }
}
