/**
 * Account secrets travel to the hub sealed end to end. The hub needs the accounts only to hand them back when a
 * branch is restored on a new PC, so it never needs to read a password hash: each one is sealed with a key
 * derived from the branch token — which the hub never stores (it keeps a SHA-256 of the token and a different
 * derived key for sync files) — and bound to its table, row and field, so a hub cannot move one account's hash
 * onto another. A dump of the hub's database therefore holds nothing to crack.
 */
import crypto from 'node:crypto';
import type { ChangeMessage, PulledRow, SyncValue } from '../../shared/syncProtocol';
import { SEALED_FIELDS, SEALED_PREFIX } from '../../shared/syncProtocol';

export function accountKey(token: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', token.trim(), 'postal-dbm', 'account-seal v1', 32));
}

const aad = (tbl: string, pk: string, field: string) => Buffer.from(`${tbl}\u0000${pk}\u0000${field}`);

export function sealValue(key: Buffer, tbl: string, pk: string, field: string, value: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad(tbl, pk, field));
  const body = Buffer.concat([c.update(value, 'utf8'), c.final()]);
  return SEALED_PREFIX + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

/** The plain value, or null when it was not sealed with this key for this very field. */
export function openValue(key: Buffer, tbl: string, pk: string, field: string, sealed: string): string | null {
  if (!sealed.startsWith(SEALED_PREFIX)) return null;
  const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
  if (raw.length < 29) return null;
  try {
    const d = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    d.setAAD(aad(tbl, pk, field));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** Outgoing changes with every secret field sealed (the outbox itself keeps them plain, like the table). */
export function sealMessages(key: Buffer, messages: ChangeMessage[]): ChangeMessage[] {
  return messages.map((m) => {
    const secret = SEALED_FIELDS[m.tbl];
    if (!secret || !m.fields) return m;
    const fields: Record<string, SyncValue> = { ...m.fields };
    for (const f of secret) {
      const v = fields[f];
      if (typeof v === 'string') fields[f] = sealValue(key, m.tbl, m.pk, f, v);
    }
    return { ...m, fields };
  });
}

/**
 * A pulled row with its secret fields opened. A field that does not open with this branch's key is left out
 * (and named), so a row can never bring a secret this installation did not seal itself.
 */
export function openRow(key: Buffer | null, row: PulledRow): { row: PulledRow; unreadable: string[] } {
  const secret = SEALED_FIELDS[row.tbl];
  if (!secret || !row.data) return { row, unreadable: [] };
  const data: Record<string, SyncValue> = { ...row.data };
  const unreadable: string[] = [];
  for (const f of secret) {
    const v = data[f];
    if (v === undefined || v === null) continue;
    const plain = key && typeof v === 'string' ? openValue(key, row.tbl, row.pk, f, v) : null;
    if (plain === null) {
      delete data[f];
      unreadable.push(f);
    } else data[f] = plain;
  }
  return { row: { ...row, data }, unreadable };
}
