/**
 * Snapshot checksums: CRC-32 (the standard IEEE polynomial, as zip and the change log use) in the current formats,
 * summed chunk by chunk while the file is read; snapshots written by earlier versions, summed with SHA-256, still
 * open. Any damaged byte of the image is caught either way.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newKey } from '../../backend/db/cipher';
import { decodeSnapshot, DamagedFileError, listGenerations, readSnapshotFile, snapshotName } from '../../backend/db/snapshotFile';
import { Backend } from '../../backend/host/backend';
import { Rng } from '../../backend/seed/random';
import { crc32, crc32js, crc32OfParts } from '../../backend/util/crc32';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

async function branchWith(name: string, key?: Buffer): Promise<string> {
  const dir = tmpDir();
  const b = await Backend.open({ dir, create: true, ...(key ? { key } : {}) });
  await call(b, 'customers.create', { name, phone: '13912345678' });
  await b.close();
  return dir;
}

const newestSnapshot = (dir: string) => path.join(dir, snapshotName(listGenerations(dir).snapshots.at(-1)!));

/** Rewrites a current snapshot as the SHA-256 format an earlier version wrote (1 plain, 2 encrypted). */
function asShaFormat(file: string): void {
  const bytes = fs.readFileSync(file);
  bytes.writeUInt32LE(bytes.readUInt32LE(4) - 2, 4);
  crypto.createHash('sha256').update(bytes.subarray(48)).digest().copy(bytes, 16);
  fs.writeFileSync(file, bytes);
}

async function namesIn(dir: string, key?: Buffer): Promise<string[]> {
  const b = await Backend.open({ dir, ...(key ? { key } : {}) });
  try {
    return (await call(b, 'customers.list', {})).rows.map((r) => r.name);
  } finally {
    await b.close();
  }
}

describe('snapshot checksums', () => {
  it('CRC-32 is the standard one (check value of "123456789"), native and table versions alike, chunk by chunk', () => {
    const check = Buffer.from('123456789');
    expect(crc32(check)).toBe(0xcbf43926);
    expect(crc32js(check)).toBe(0xcbf43926);
    const rng = new Rng(5);
    for (let i = 0; i < 50; i++) {
      const data = crypto.randomBytes(rng.int(0, 5000));
      const cut = rng.int(0, data.length);
      const whole = crc32js(data);
      expect(crc32(data)).toBe(whole);
      expect(crc32(data.subarray(cut), crc32(data.subarray(0, cut)))).toBe(whole);
      expect(crc32js(data.subarray(cut), crc32js(data.subarray(0, cut)))).toBe(whole);
      // An empty piece changes nothing, whatever the sum before it: GCM's final block is one, and zlib sums a
      // buffer without memory behind it (as that one is) to 0.
      const empty = crypto.createCipheriv('aes-256-gcm', crypto.randomBytes(32), crypto.randomBytes(12)).final();
      expect(crc32(empty, whole)).toBe(whole);
      expect(crc32OfParts([data.subarray(0, cut), empty, data.subarray(cut)])).toEqual({ length: data.length, crc: whole });
    }
  });

  it('writes CRC-32 snapshots, and finds any damaged byte of the image', async () => {
    const dir = await branchWith('石桥村张伟');
    const file = newestSnapshot(dir);
    const { bytes, payloadSum } = await readSnapshotFile(file);
    expect(bytes.readUInt32LE(4)).toBe(3);
    expect(payloadSum).toEqual({ crc: crc32(bytes.subarray(48)) });
    expect(() => decodeSnapshot(bytes, undefined, payloadSum)).not.toThrow();
    const rng = new Rng(8);
    for (let i = 0; i < 40; i++) {
      const damaged = Buffer.from(bytes);
      const at = rng.int(48, damaged.length - 1);
      damaged[at] = damaged[at]! ^ (1 << rng.int(0, 7));
      expect(() => decodeSnapshot(damaged)).toThrow(DamagedFileError);
    }
  });

  it('opens a branch whose snapshot an earlier version wrote with SHA-256, plain and encrypted', async () => {
    const plain = await branchWith('旧版本快照');
    asShaFormat(newestSnapshot(plain));
    expect((await readSnapshotFile(newestSnapshot(plain))).payloadSum).toHaveProperty('sha');
    expect(await namesIn(plain)).toEqual(['旧版本快照']);

    const key = newKey();
    const sealed = await branchWith('旧版本加密快照', key);
    asShaFormat(newestSnapshot(sealed));
    expect(await namesIn(sealed, key)).toEqual(['旧版本加密快照']);
  });

  it('still refuses an old-format snapshot whose SHA-256 does not match', async () => {
    const dir = await branchWith('校验');
    const file = newestSnapshot(dir);
    asShaFormat(file);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    expect(() => decodeSnapshot(bytes)).toThrow('校验和不符');
  });
});
