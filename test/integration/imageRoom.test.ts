/**
 * The database image's room to grow (backend/db/imageRoom.ts): a big write lands in zero bytes handed to sql.js
 * after the image instead of making sql.js copy the whole image again and again, and the room never reaches a
 * snapshot, a reopen or an encrypted file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, newKey, TamperedError } from '../../backend/db/cipher';
import { newDatabase, withRoom } from '../../backend/db/imageRoom';
import { LocalDatabase } from '../../backend/db/localDatabase';
import { decodeSnapshot, listGenerations, openDecoded, readSnapshotFile, snapshotName } from '../../backend/db/snapshotFile';
import { loadSqlJs } from '../../backend/db/sqlite';
import { tmpDir } from '../helpers/tmp';

const ROWS = 20_000;
const value = (i: number) => `${'值'.repeat(150)}${i}`;

async function grown(key?: Buffer): Promise<string> {
  const dir = tmpDir();
  const ldb = await LocalDatabase.open({ dir, create: true, ...(key ? { key } : {}) });
  ldb.write('test.fill', (w) => {
    for (let i = 0; i < ROWS; i++) w.run('INSERT INTO settings (key, value) VALUES (?, ?)', [`k${i}`, value(i)]);
  });
  expect(ldb.read((r) => r.value('PRAGMA integrity_check'))).toBe('ok');
  await ldb.snapshot();
  await ldb.close();
  return dir;
}

async function reopened(dir: string, key?: Buffer): Promise<{ rows: number; last: unknown; check: unknown }> {
  const ldb = await LocalDatabase.open({ dir, ...(key ? { key } : {}) });
  try {
    return ldb.read((r) => ({
      rows: Number(r.value("SELECT count(*) FROM settings WHERE key LIKE 'k%'")),
      last: r.value('SELECT value FROM settings WHERE key = ?', [`k${ROWS - 1}`]),
      check: r.value('PRAGMA integrity_check'),
    }));
  } finally {
    await ldb.close();
  }
}

describe('room for the image to grow', () => {
  it('sql.js writes a new page into the Buffer it was handed, so the room is used and never copied', async () => {
    const SQL = await loadSqlJs();
    const seed = newDatabase(SQL);
    seed.exec('CREATE TABLE t (v TEXT)');
    const image = seed.export();
    seed.close();
    const buf = withRoom(image, 4 * 1024 * 1024);
    const db = openDecoded(SQL, buf);
    db.run('INSERT INTO t VALUES (?)', ['x'.repeat(100_000)]);
    // If a later sql.js copied the image, the room would silently stop helping: this is where it would show.
    expect(buf.subarray(image.length).some((b) => b !== 0)).toBe(true);
    const pages = Number(db.exec('PRAGMA page_count')[0]!.values[0]![0]) * Number(db.exec('PRAGMA page_size')[0]!.values[0]![0]);
    expect(db.export().length).toBe(pages);
    expect(pages).toBeLessThan(buf.length);
    db.close();
  });

  it('a branch that grew into its room snapshots and reopens exactly its pages, plain and encrypted', async () => {
    for (const key of [undefined, newKey()]) {
      const dir = await grown(key);
      const gens = listGenerations(dir);
      const file = path.join(dir, snapshotName(gens.snapshots.at(-1)!));
      const read = await readSnapshotFile(file, true);
      expect(read.bytes.length).toBe(fs.statSync(file).size);
      expect(read.room).toBeGreaterThan(0);
      const roomy = decodeSnapshot(read.bytes, key, read.payloadSum, read.room);
      const exact = decodeSnapshot(fs.readFileSync(file), key);
      // The file holds the image alone; the room comes with it in memory only, as zeros.
      expect(roomy.length).toBe(exact.length + read.room);
      expect(Buffer.from(roomy.subarray(0, exact.length)).equals(exact)).toBe(true);
      expect(roomy.subarray(exact.length).every((b) => b === 0)).toBe(true);
      expect(await reopened(dir, key)).toEqual({ rows: ROWS, last: value(ROWS - 1), check: 'ok' });
    }
  });

  it('decrypts an image of many chunks whole, with room after it, and still refuses a changed byte', () => {
    const key = newKey();
    const plain = crypto.randomBytes(20 * 1024 * 1024 + 123);
    const sealed = encrypt(key, plain);
    const out = decrypt(key, sealed, 4096);
    expect(out.length).toBe(plain.length + 4096);
    expect(out.subarray(0, plain.length).equals(plain)).toBe(true);
    expect(out.subarray(plain.length).every((b) => b === 0)).toBe(true);
    const tampered = Buffer.from(sealed);
    const mid = tampered.length >> 1;
    tampered[mid] = tampered[mid]! ^ 1;
    expect(() => decrypt(key, tampered)).toThrow(TamperedError);
  });
});
