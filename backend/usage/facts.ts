/**
 * Usage facts keyed by (customer, line, product): one fact says "this customer uses this product of this line,
 * from first_date to last_date". A later extract moves the dates and the amount band on; it never adds a second
 * fact for the same thing, and a repeated extract changes nothing. New facts take an id hashed from the key, so
 * two installations importing the same extract create the same row.
 */
import type { Reader, Writer } from '../db/handles';
import { factId } from './keys';

export interface FactInput {
  customerId: string;
  line: string;
  product: string | null;
  firstDate: string | null;
  lastDate: string | null;
  amountBand: string | null;
}

export interface StoredFact {
  id: string;
  first_date: string | null;
  last_date: string | null;
  amount_band: string | null;
}

export interface FactSource {
  /** Shown in the customer's 用邮信息: where the fact came from. */
  source: string;
  importId: string | null;
  at: string;
}

export const factKey = (customerId: string, line: string, product: string | null) => `${customerId}\u0001${line}\u0001${product ?? ''}`;

const minDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);
const maxDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** Two rows of one file about the same fact become one: the widest dates, the newest row's band. */
export function mergeFact(into: FactInput, f: FactInput): void {
  const newer = (f.lastDate ?? '') >= (into.lastDate ?? '');
  into.firstDate = minDate(into.firstDate, f.firstDate);
  into.lastDate = maxDate(into.lastDate, f.lastDate);
  if (f.amountBand && (newer || !into.amountBand)) into.amountBand = f.amountBand;
}

/** Every fact of the given lines, by key (one query for a whole import). */
export function loadFacts(r: Reader, lines: readonly string[]): Map<string, StoredFact> {
  const out = new Map<string, StoredFact>();
  for (const line of lines) {
    for (const f of r.all<StoredFact & { customer_id: string; product: string | null }>(
      'SELECT id, customer_id, product, first_date, last_date, amount_band FROM usage_facts WHERE line = ?',
      [line],
    )) {
      out.set(factKey(f.customer_id, line, f.product), f);
    }
  }
  return out;
}

export function findFact(r: Reader, customerId: string, line: string, product: string | null): StoredFact | undefined {
  return r.get<StoredFact>('SELECT id, first_date, last_date, amount_band FROM usage_facts WHERE customer_id = ? AND line = ? AND product IS ?', [
    customerId,
    line,
    product,
  ]);
}

/** Inserts the fact or widens the stored one; returns what happened so imports can count new facts. */
export function applyFact(w: Writer, existing: StoredFact | undefined, f: FactInput, src: FactSource): 'added' | 'updated' | 'same' {
  if (!existing) {
    w.run(
      `INSERT INTO usage_facts (id, customer_id, line, product, first_date, last_date, amount_band, source, import_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        factId(f.customerId, f.line, f.product),
        f.customerId,
        f.line,
        f.product,
        f.firstDate,
        f.lastDate,
        f.amountBand,
        src.source,
        src.importId,
        src.at,
        src.at,
      ],
    );
    return 'added';
  }
  const merged: FactInput = { ...f, firstDate: existing.first_date, lastDate: existing.last_date, amountBand: existing.amount_band };
  mergeFact(merged, f);
  if (merged.firstDate === existing.first_date && merged.lastDate === existing.last_date && merged.amountBand === existing.amount_band) return 'same';
  w.run('UPDATE usage_facts SET first_date = ?, last_date = ?, amount_band = ?, import_id = IFNULL(?, import_id), updated_at = ? WHERE id = ?', [
    merged.firstDate,
    merged.lastDate,
    merged.amountBand,
    src.importId,
    src.at,
    existing.id,
  ]);
  return 'updated';
}
