/**
 * Snapshot files: a header (magic, format, payload length, SHA-256 of the payload) and the SQLite image.
 * The checksum is what lets start-up tell a damaged snapshot from a good one and fall back to the previous
 * generation instead of opening garbage.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomicAsync, writeFileAtomic } from '../util/fsx';

const MAGIC = Buffer.from('PBDB', 'ascii');
const FORMAT_PLAIN = 1;
const HEADER = 4 + 4 + 8 + 32;

export class DamagedFileError extends Error {}

export function encodeSnapshot(image: Uint8Array): Buffer {
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(FORMAT_PLAIN, 4);
  header.writeBigUInt64LE(BigInt(image.length), 8);
  crypto.createHash('sha256').update(image).digest().copy(header, 16);
  return Buffer.concat([header, image]);
}

export function decodeSnapshot(file: Buffer): Uint8Array {
  if (file.length < HEADER || !file.subarray(0, 4).equals(MAGIC)) throw new DamagedFileError('文件头无效');
  if (file.readUInt32LE(4) !== FORMAT_PLAIN) throw new DamagedFileError('未知的快照格式');
  const len = Number(file.readBigUInt64LE(8));
  if (file.length !== HEADER + len) throw new DamagedFileError('文件长度不符');
  const image = file.subarray(HEADER);
  const sum = crypto.createHash('sha256').update(image).digest();
  if (!sum.equals(file.subarray(16, 48))) throw new DamagedFileError('校验和不符');
  return image;
}

export const snapshotName = (gen: number) => `snapshot-${String(gen).padStart(8, '0')}.pbdb`;
export const logName = (gen: number) => `changes-${String(gen).padStart(8, '0')}.log`;

export interface Generations {
  snapshots: number[];
  logs: number[];
}

export function listGenerations(dir: string): Generations {
  const snapshots: number[] = [];
  const logs: number[] = [];
  for (const f of fs.readdirSync(dir)) {
    const s = /^snapshot-(\d{8})\.pbdb$/.exec(f);
    if (s) snapshots.push(Number(s[1]));
    const l = /^changes-(\d{8})\.log$/.exec(f);
    if (l) logs.push(Number(l[1]));
  }
  return { snapshots: snapshots.sort((a, b) => a - b), logs: logs.sort((a, b) => a - b) };
}

export function writeSnapshotSync(dir: string, gen: number, image: Uint8Array): void {
  writeFileAtomic(path.join(dir, snapshotName(gen)), encodeSnapshot(image));
}

export function writeSnapshotAsync(dir: string, gen: number, image: Uint8Array): Promise<void> {
  return writeFileAtomicAsync(path.join(dir, snapshotName(gen)), encodeSnapshot(image));
}

/** Moves a damaged file aside (never deletes it) so an administrator can still hand it to support. */
export function quarantine(dir: string, file: string, now: Date): string {
  const target = `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(path.join(dir, file), path.join(dir, target));
  return target;
}
