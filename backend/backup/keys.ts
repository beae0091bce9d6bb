/**
 * Who can open a backup. Each backup has its own random content key, stored in the header once per "slot":
 *
 *  - key: wrapped with the installation's data key (encrypted installations). The backup is then exactly as
 *    safe as the data folder, and the administrator's 恢复密钥 opens it anywhere.
 *  - password: wrapped with a key derived by scrypt from an administrator's log-in password (salt and cost in
 *    the slot). This is what makes a backup useful after the PC itself is gone: Electron keeps the data key
 *    sealed by the operating system, so it dies with the PC, and an unencrypted installation has no key at all.
 *
 * Scheduled backups run with nobody at the keyboard, so the derived key (not the password) is kept in this
 * installation's local bookkeeping when the administrator saves the backup settings. Whoever can read that row
 * can already read the data it protects (it is inside the encrypted database where there is a data key), so it
 * adds no exposure; someone holding only the USB stick must guess the password through scrypt.
 */
import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';

export interface Kdf {
  alg: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
}

export type Slot = { kind: 'key'; keyId: string; wrapped: string } | { kind: 'password'; login: string; setAt: string; kdf: Kdf; wrapped: string };

/** A password-derived key as kept locally for unattended backups. */
export interface PasswordKey {
  login: string;
  setAt: string;
  kdf: Kdf;
  key: string;
}

const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };
// Bounds on what a (possibly crafted) header may ask scrypt for: 128·N·r bytes of memory.
const MAX_N = 2 ** 18;
const MAX_R = 16;
const MAX_P = 4;

function scrypt(password: string, kdf: Kdf): Buffer {
  if (kdf.alg !== 'scrypt' || kdf.N > MAX_N || kdf.r > MAX_R || kdf.p > MAX_P || kdf.N < 2 || (kdf.N & (kdf.N - 1)) !== 0) {
    throw new AppError('DAMAGED', '备份文件的密码参数无效（文件可能被改动），已拒绝');
  }
  return crypto.scryptSync(password.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r });
}

export function derivePasswordKey(login: string, password: string, at: Date): PasswordKey {
  const kdf: Kdf = { alg: 'scrypt', ...SCRYPT, salt: crypto.randomBytes(16).toString('base64') };
  return { login, setAt: at.toISOString(), kdf, key: scrypt(password, kdf).toString('base64') };
}

/** A short, one-way name for a data key, so "another installation's key" is told apart from damage. */
export function keyId(key: Buffer): string {
  return crypto.createHmac('sha256', key).update('postal-dbm backup key id v1').digest().subarray(0, 8).toString('hex');
}

const slotAad = (kind: Slot['kind']) => Buffer.from(`pbbak slot v1 ${kind}`);

function wrap(kek: Buffer, contentKey: Buffer, kind: Slot['kind']): string {
  const nonce = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', kek, nonce);
  c.setAAD(slotAad(kind));
  return Buffer.concat([nonce, c.update(contentKey), c.final(), c.getAuthTag()]).toString('base64');
}

function unwrap(kek: Buffer, wrapped: string, kind: Slot['kind']): Buffer | null {
  const b = Buffer.from(wrapped, 'base64');
  if (b.length !== 12 + 32 + 16) return null;
  const d = crypto.createDecipheriv('aes-256-gcm', kek, b.subarray(0, 12));
  d.setAAD(slotAad(kind));
  d.setAuthTag(b.subarray(44));
  try {
    return Buffer.concat([d.update(b.subarray(12, 44)), d.final()]);
  } catch {
    return null;
  }
}

export interface SealWith {
  dataKey?: Buffer | undefined;
  passwordKey?: PasswordKey | null | undefined;
}

export function makeSlots(contentKey: Buffer, w: SealWith): Slot[] {
  const slots: Slot[] = [];
  if (w.dataKey) slots.push({ kind: 'key', keyId: keyId(w.dataKey), wrapped: wrap(w.dataKey, contentKey, 'key') });
  if (w.passwordKey) {
    const { login, setAt, kdf, key } = w.passwordKey;
    slots.push({ kind: 'password', login, setAt, kdf, wrapped: wrap(Buffer.from(key, 'base64'), contentKey, 'password') });
  }
  if (!slots.length) throw new AppError('VALIDATION', '尚未设置备份密码：请管理员在 设置 → 数据备份 中输入自己的登录密码后保存，备份才能加密');
  return slots;
}

export interface Credentials {
  /** Keys to try without asking (the installation's own data key): not opening is no mistake of the user's. */
  keys: Buffer[];
  /** This installation's stored password key: its own backups open on this PC without asking. */
  passwordKeys?: readonly PasswordKey[];
  /** A key the user gave (恢复密钥, --key-file). */
  userKey?: Buffer | undefined;
  password?: string | undefined;
}

export type Unlocked = { ok: true; contentKey: Buffer } | { ok: false; needs: { password: string | null; key: boolean }; wrong: 'password' | 'key' | null };

export function needsOf(slots: readonly Slot[]): { password: string | null; key: boolean } {
  const pw = slots.find((s) => s.kind === 'password');
  return { password: pw?.kind === 'password' ? pw.login : null, key: slots.some((s) => s.kind === 'key') };
}

/** Tries the given keys, then the password, against the slots. */
export function unlock(slots: readonly Slot[], creds: Credentials): Unlocked {
  const needs = needsOf(slots);
  let wrong: 'password' | 'key' | null = null;
  for (const key of creds.userKey ? [...creds.keys, creds.userKey] : creds.keys) {
    for (const s of slots) {
      if (s.kind !== 'key' || s.keyId !== keyId(key)) continue;
      const ck = unwrap(key, s.wrapped, 'key');
      if (ck) return { ok: true, contentKey: ck };
    }
  }
  for (const pk of creds.passwordKeys ?? []) {
    for (const s of slots) {
      if (s.kind !== 'password' || s.kdf.salt !== pk.kdf.salt) continue;
      const ck = unwrap(Buffer.from(pk.key, 'base64'), s.wrapped, 'password');
      if (ck) return { ok: true, contentKey: ck };
    }
  }
  if (creds.userKey) wrong = 'key';
  if (creds.password) {
    for (const s of slots) {
      if (s.kind !== 'password') continue;
      const ck = unwrap(scrypt(creds.password, s.kdf), s.wrapped, 'password');
      if (ck) return { ok: true, contentKey: ck };
    }
    wrong = 'password';
  }
  return { ok: false, needs, wrong };
}

/** The 恢复密钥 as typed or pasted (base64 or hex); a key file's text is the same. */
export function parseKeyText(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32)
    throw new AppError('VALIDATION', '恢复密钥格式不对：应为 44 个字符的 base64 或 64 位十六进制', [{ field: 'key', message: '恢复密钥格式不对' }]);
  return key;
}
