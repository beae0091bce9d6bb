/**
 * Deterministic ids from natural keys. Every row syncs between installations and the hub; two installations
 * that import the same extract, or create the same built-in line, must produce the same ids so the hub sees
 * one row, not two. The result is shaped like a UUID (version 8, "custom") so it sits beside random ids.
 */
import crypto from 'node:crypto';

export function stableId(kind: string, ...parts: readonly (string | number | null | undefined)[]): string {
  const h = crypto
    .createHash('sha256')
    .update([kind, ...parts.map((p) => (p === null || p === undefined ? '' : String(p)))].join('\u0001'))
    .digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A digest that identifies a value (an account number) without keeping it. */
export function digest(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, 24);
}

export const lineId = (name: string) => stableId('usage-line', name);
export const lineLibraryId = (line: string) => stableId('library', 'line', line);
export const groupLibraryId = (name: string) => stableId('library', 'group', name);
export const planId = (year: number, libraryId: string) => stableId('collection-plan', year, libraryId);
export const factId = (customerId: string, line: string, product: string | null) => stableId('usage-fact', customerId, line, product);
