import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateDataKey, PLAIN_KEY_FILE, SEALED_KEY_FILE, type SafeStorageLike } from '../../electron/dataKey';
import { tmpDir } from '../helpers/tmp';

/** Stands in for DPAPI: reversible only through this object. */
function fakeSafeStorage(available = true): SafeStorageLike {
  const mask = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => mask(Buffer.from(`sealed:${s}`)),
    decryptString: (b) =>
      mask(b)
        .toString()
        .replace(/^sealed:/, ''),
  };
}

describe('database key on the user machine', () => {
  it('creates a 256-bit key once, stores it only sealed by safeStorage, and returns the same key after', () => {
    const dir = tmpDir();
    const safe = fakeSafeStorage();
    const first = loadOrCreateDataKey(dir, safe);
    expect(first.key).toHaveLength(32);
    expect(first.protectedBy).toBe('safeStorage');
    const stored = fs.readFileSync(path.join(dir, SEALED_KEY_FILE));
    expect(stored.includes(Buffer.from(first.key.toString('base64')))).toBe(false);
    expect(loadOrCreateDataKey(dir, safe).key.equals(first.key)).toBe(true);
  });

  it('falls back to a user-only file where the OS has no key store, and refuses when a sealed key cannot be opened', () => {
    const dir = tmpDir();
    const k = loadOrCreateDataKey(dir, fakeSafeStorage(false));
    expect(k.protectedBy).toBe('file');
    expect(fs.statSync(path.join(dir, PLAIN_KEY_FILE)).mode & 0o077).toBe(0);
    const sealedDir = tmpDir();
    loadOrCreateDataKey(sealedDir, fakeSafeStorage(true));
    expect(() => loadOrCreateDataKey(sealedDir, fakeSafeStorage(false))).toThrow('恢复密钥');
  });
});
