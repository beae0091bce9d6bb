/**
 * The database key on a user's machine: 32 random bytes, kept in userData only as sealed by Electron's
 * safeStorage (DPAPI on Windows, Keychain on macOS, the desktop keyring on Linux), so a copied data folder —
 * or the whole disk of a lost laptop, without the Windows account — cannot be read. Administrators can
 * print the key once (设置 → 恢复密钥) and keep it sealed for recovery on a new machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { newKey } from '../backend/db/cipher';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export const SEALED_KEY_FILE = 'data-key.sealed';
/** Only where the OS offers no key store (a Linux desktop without a keyring); readable by the user only. */
export const PLAIN_KEY_FILE = 'data-key.txt';

export interface DataKey {
  key: Buffer;
  protectedBy: 'safeStorage' | 'file';
}

export function loadOrCreateDataKey(dir: string, safe: SafeStorageLike): DataKey {
  fs.mkdirSync(dir, { recursive: true });
  const sealedFile = path.join(dir, SEALED_KEY_FILE);
  const plainFile = path.join(dir, PLAIN_KEY_FILE);
  if (fs.existsSync(sealedFile)) {
    if (!safe.isEncryptionAvailable()) throw new Error('系统密钥服务不可用，无法取出数据库密钥。请用管理员保存的恢复密钥恢复。');
    return { key: Buffer.from(safe.decryptString(fs.readFileSync(sealedFile)), 'base64'), protectedBy: 'safeStorage' };
  }
  if (fs.existsSync(plainFile)) return { key: Buffer.from(fs.readFileSync(plainFile, 'utf8').trim(), 'base64'), protectedBy: 'file' };
  const key = newKey();
  if (safe.isEncryptionAvailable()) {
    fs.writeFileSync(sealedFile, safe.encryptString(key.toString('base64')), { mode: 0o600 });
    return { key, protectedBy: 'safeStorage' };
  }
  fs.writeFileSync(plainFile, key.toString('base64') + '\n', { mode: 0o600 });
  return { key, protectedBy: 'file' };
}
