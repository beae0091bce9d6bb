/**
 * In-memory search strings for customers, kept beside the database. sql.js has no FTS5 trigram tokenizer for
 * Chinese substrings and LIKE '%…%' over 50k rows costs ~20 ms; a linear scan of short strings costs a few.
 * Kept current from the captured changes of every commit, so it can never drift from the database.
 */
import { toHalfWidth } from '../../shared/idNumber';
import type { Change } from '../db/capture';
import type { Reader } from '../db/handles';

interface Entry {
  hay: string;
  villageId: string | null;
  grade: number;
  updatedAt: string;
}

interface CustomerSearchRow {
  id: string;
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
  return [r.name, r.phone, r.landline, r.id_number, r.address]
    .filter(Boolean)
    .map((s) => normaliseQuery(String(s)))
    .join('\u0001');
}

export class CustomerSearchIndex {
  private readonly entries = new Map<string, Entry>();

  load(r: Reader): void {
    this.entries.clear();
    for (const row of r.all<CustomerSearchRow>(
      'SELECT id, name, phone, landline, id_number, address, village_id, grade, updated_at, deleted_at FROM customers WHERE deleted_at IS NULL',
    )) {
      this.put(row);
    }
  }

  apply(changes: readonly Change[]): void {
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

  /** Ids matching every space-separated term, most recently updated first. */
  search(query: string, villageId?: string, grade?: number): string[] {
    const terms = query
      .split(/[\s\u3000]+/)
      .map(normaliseQuery)
      .filter(Boolean);
    const hits: [string, string][] = [];
    for (const [id, e] of this.entries) {
      if (villageId && e.villageId !== villageId) continue;
      if (grade && e.grade !== grade) continue;
      if (terms.every((t) => e.hay.includes(t))) hits.push([id, e.updatedAt]);
    }
    hits.sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0));
    return hits.map((h) => h[0]);
  }

  get size(): number {
    return this.entries.size;
  }

  private put(row: CustomerSearchRow): void {
    this.entries.set(row.id, { hay: hayOf(row), villageId: row.village_id, grade: Number(row.grade), updatedAt: row.updated_at });
  }
}
