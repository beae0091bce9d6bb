/**
 * Hands out 客户编号 (shared/customerCode.ts) and finds customers by them.
 *
 * This PC's prefix and the last number it issued live in sync_state, the one table that is this installation's
 * own and never leaves it: the prefix must belong to this PC alone, and synced data is the same on every PC.
 * A new prefix is drawn at random from the two-letter prefixes no customer here carries yet; if two PCs ever draw
 * the same one before they meet, the first code this PC finds already taken tells it so and it draws another,
 * and a code held twice is given anew to the later customer at the next start (repairDuplicateCodes).
 */
import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';
import { CODE_DIGITS, CODE_LETTERS, formatCustomerCode, readCustomerCode } from '../../shared/customerCode';
import type { Reader, Writer } from '../db/handles';
import type { LocalDatabase } from '../db/localDatabase';

const PREFIX_KEY = 'customer.codePrefix';
const LAST_KEY = 'customer.codeLast';

const local = (r: Reader, key: string): string | undefined => r.value<string>('SELECT value FROM sync_state WHERE key = ?', [key]) ?? undefined;
const setLocal = (w: Writer, key: string, value: string) =>
  w.run('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);

function drawPrefix(w: Writer, avoid: string | null): string {
  const used = new Set(w.all<{ p: string }>('SELECT DISTINCT substr(code, 1, 2) AS p FROM customers WHERE code IS NOT NULL').map((x) => x.p));
  if (avoid) used.add(avoid);
  const free: string[] = [];
  for (const a of CODE_LETTERS) for (const b of CODE_LETTERS) if (!used.has(a + b)) free.push(a + b);
  if (free.length === 0) throw new AppError('INTERNAL', '客户编号前缀已用完，请联系技术支持');
  const prefix = free[crypto.randomInt(free.length)]!;
  setLocal(w, PREFIX_KEY, prefix);
  setLocal(w, LAST_KEY, '0');
  return prefix;
}

/** This PC's prefix, drawn on first use. */
export function pcPrefix(w: Writer): string {
  return local(w, PREFIX_KEY) ?? drawPrefix(w, null);
}

/** The codes already issued under a prefix (by whichever PC): read once per allocation, not once per code. */
const issuedUnder = (r: Reader, prefix: string): Set<string> =>
  new Set(r.all<{ code: string }>('SELECT code FROM customers WHERE code >= ? AND code < ?', [`${prefix}-`, `${prefix}.`]).map((x) => x.code));

/** `count` new codes of this PC, in order; one read and one write of the counter however many. */
export function allocateCodes(w: Writer, count: number): string[] {
  if (count <= 0) return [];
  let prefix = pcPrefix(w);
  let last = Number(local(w, LAST_KEY) ?? 0);
  let issued = issuedUnder(w, prefix);
  const out: string[] = [];
  while (out.length < count) {
    const code = formatCustomerCode(prefix, ++last);
    if (issued.has(code)) {
      // Only another PC can have issued a number this PC has not reached: it drew the same prefix.
      prefix = drawPrefix(w, prefix);
      last = 0;
      issued = issuedUnder(w, prefix);
      continue;
    }
    out.push(code);
  }
  setLocal(w, LAST_KEY, String(last));
  return out;
}

export const nextCustomerCode = (w: Writer): string => allocateCodes(w, 1)[0]!;

const DERIVED_SPACE = CODE_LETTERS.length * CODE_DIGITS.length * 100_000;

/** The code a customer without one gets: from its id alone, so every PC that fills it in writes the same. */
export function derivedCode(id: string, attempt = 0): string {
  const h = crypto
    .createHash('sha256')
    .update(attempt ? `${id}#${attempt}` : id)
    .digest();
  const n = h.readUIntBE(0, 6) % DERIVED_SPACE;
  const prefixIndex = Math.floor(n / 100_000);
  const prefix = CODE_LETTERS[Math.floor(prefixIndex / CODE_DIGITS.length)]! + CODE_DIGITS[prefixIndex % CODE_DIGITS.length]!;
  return formatCustomerCode(prefix, n % 100_000);
}

/** The derived code of `id` that is not in `used` yet, added to it. */
export function freeDerivedCode(id: string, used: Set<string>): string {
  let attempt = 0;
  let code = derivedCode(id);
  while (used.has(code)) code = derivedCode(id, ++attempt);
  used.add(code);
  return code;
}

export const codesInUse = (r: Reader): Set<string> => new Set(r.all<{ code: string }>('SELECT code FROM customers WHERE code IS NOT NULL').map((x) => x.code));

/** Gives every customer without a code its derived one (in id order, so a rare clash is settled alike everywhere). */
export function assignMissingCodes(w: Writer): number {
  const missing = w.all<{ id: string }>('SELECT id FROM customers WHERE code IS NULL ORDER BY id');
  if (missing.length === 0) return 0;
  const used = codesInUse(w);
  const pairs = missing.map(({ id }) => [id, freeDerivedCode(id, used)]);
  // One statement per 5,000 rows: a branch of 50,000 upgrading to 0011 would wait seconds for one UPDATE per row.
  for (let i = 0; i < pairs.length; i += 5000) {
    w.run(
      `UPDATE customers SET code = j.code FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS code FROM json_each(?)) AS j
       WHERE customers.id = j.id`,
      [JSON.stringify(pairs.slice(i, i + 5000))],
    );
  }
  return missing.length;
}

/**
 * A code held by two customers (two PCs drew one prefix while apart): the customer that had it first keeps it,
 * the others get a new one from this PC.
 */
export function repairDuplicateCodes(w: Writer): number {
  const doubled = w.all<{ code: string }>('SELECT code FROM customers WHERE code IS NOT NULL GROUP BY code HAVING COUNT(*) > 1');
  let renumbered = 0;
  for (const { code } of doubled) {
    const mine = local(w, PREFIX_KEY);
    if (mine && code.startsWith(`${mine}-`)) drawPrefix(w, mine);
    const holders = w.all<{ id: string }>('SELECT id FROM customers WHERE code = ? ORDER BY created_at, id', [code]);
    for (const { id } of holders.slice(1)) {
      w.run('UPDATE customers SET code = ? WHERE id = ?', [nextCustomerCode(w), id]);
      renumbered++;
    }
  }
  return renumbered;
}

/**
 * Customers can arrive without a code after start-up too (pulled from a PC running an older version, a demo or
 * test seed writing rows directly): each such commit is followed by a write that fills them in.
 */
export function watchMissingCodes(db: LocalDatabase): () => void {
  let pending = false;
  return db.onCommit((changes) => {
    if (pending) return;
    if (!changes.contains('customers', '"code":null')) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      try {
        db.write('customers.codes', assignMissingCodes);
      } catch {
        // Closed meanwhile: the next start fills them in.
      }
    }, 0);
  });
}

export type CodeLookup = { found: true; id: string; code: string } | { found: false; reason: string; looksLikeCode: boolean };

/** The customer a typed 客户编号 names; the reason in Chinese when the text is not one or names nobody. */
export function findByCode(r: Reader, text: string): CodeLookup {
  const read = readCustomerCode(text);
  if (!read.ok) return { found: false, reason: read.reason, looksLikeCode: read.looksLikeCode };
  const id = r.value<string>('SELECT id FROM customers WHERE code = ? ORDER BY deleted_at IS NOT NULL, created_at LIMIT 1', [read.code]);
  return id ? { found: true, id, code: read.code } : { found: false, reason: `没有客户编号为 ${read.code} 的客户`, looksLikeCode: true };
}
