/**
 * Append-only change log: one framed record per committed transaction, fsynced before the caller is told
 * "saved". Frame = u32 payload length, u32 CRC-32 of the payload, payload (UTF-8 JSON). A crash can tear only
 * the last frame; reading stops at the first frame that is short or fails its checksum and cuts the file there.
 */
import fs from 'node:fs';
import { crc32 } from '../util/crc32';

const HEADER = 8;
/** A frame claiming more than this is garbage, not a record (a whole 100k-row import is far below it). */
const MAX_RECORD = 512 * 1024 * 1024;

export interface ReadResult<T> {
  records: T[];
  /** Bytes at the tail that were dropped as a torn or corrupt record. */
  droppedBytes: number;
}

export function readLog<T>(path: string, truncateTorn: boolean): ReadResult<T> {
  if (!fs.existsSync(path)) return { records: [], droppedBytes: 0 };
  const buf = fs.readFileSync(path);
  const records: T[] = [];
  let off = 0;
  while (off + HEADER <= buf.length) {
    const len = buf.readUInt32LE(off);
    const sum = buf.readUInt32LE(off + 4);
    if (len > MAX_RECORD || off + HEADER + len > buf.length) break;
    const payload = buf.subarray(off + HEADER, off + HEADER + len);
    if (crc32(payload) !== sum) break;
    records.push(JSON.parse(payload.toString('utf8')) as T);
    off += HEADER + len;
  }
  const droppedBytes = buf.length - off;
  if (droppedBytes > 0 && truncateTorn) {
    const fd = fs.openSync(path, 'r+');
    try {
      fs.ftruncateSync(fd, off);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  return { records, droppedBytes };
}

/** Frames a record given as JSON text (callers may splice in JSON they already have, unescaped). */
export function encodeRecord(json: string): Buffer {
  const payload = Buffer.from(json, 'utf8');
  const frame = Buffer.allocUnsafe(HEADER + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(crc32(payload), 4);
  payload.copy(frame, HEADER);
  return frame;
}

export class ChangeLogWriter {
  private fd: number;
  private bytes: number;
  private count = 0;

  constructor(readonly path: string) {
    this.fd = fs.openSync(path, 'a');
    this.bytes = fs.fstatSync(this.fd).size;
  }

  /** Returns only once the record (JSON text) is on disk. */
  append(json: string): void {
    const frame = encodeRecord(json);
    let written = 0;
    while (written < frame.length) written += fs.writeSync(this.fd, frame, written, frame.length - written);
    fs.fsyncSync(this.fd);
    this.bytes += frame.length;
    this.count++;
  }

  get size(): number {
    return this.bytes;
  }

  get appended(): number {
    return this.count;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
