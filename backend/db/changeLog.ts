/**
 * Append-only change log: one framed record per committed transaction, fsynced before the caller is told
 * "saved". Frame = u32 payload length, u32 CRC-32 of the payload, payload (UTF-8 JSON). A crash can tear only
 * the last frame; reading stops at the first frame that is short or fails its checksum and cuts the file there.
 */
import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import { crc32, crc32OfParts } from '../util/crc32';
import { writeAll } from '../util/fsx';
import { decrypt, encryptParts } from './cipher';

const HEADER = 8;
/** A frame claiming more than this is garbage, not a record (a whole 100k-row import is far below it). */
const MAX_RECORD = 512 * 1024 * 1024;

export interface ReadResult<T> {
  records: T[];
  /** Bytes at the tail that were dropped as a torn or corrupt record. */
  droppedBytes: number;
}

/** Encrypted payloads start with this byte; plain ones with '{'. */
const SEALED = 0x01;

function decodePayload<T>(payload: Buffer, key: Buffer | undefined, path: string, offset: number): T {
  if (payload[0] !== SEALED) return JSON.parse(payload.toString('utf8')) as T;
  if (!key) throw new AppError('LOCKED', `变更日志 ${path} 已加密，需要密钥`);
  try {
    return JSON.parse(decrypt(key, payload.subarray(1)).toString('utf8')) as T;
  } catch {
    // The frame's checksum was right, so this is not a torn write: the record was altered. Refuse it all.
    throw new AppError('DAMAGED', `变更日志 ${path} 第 ${offset} 字节处的记录校验失败（文件被改动），为免读入错误数据已停止打开。文件已原样保留。`);
  }
}

export function readLog<T>(path: string, truncateTorn: boolean, key?: Buffer): ReadResult<T> {
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
    records.push(decodePayload<T>(payload, key, path, off));
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

/** A record's JSON text, whole or in pieces (text, or UTF-8 bytes made elsewhere — the captured rows come out of
 * SQLite as bytes and are spliced in unescaped, never decoded). */
export type RecordText = string | readonly (string | Uint8Array)[];

/**
 * Frames a record given as JSON text (callers may splice in JSON they already have, unescaped): the header, then
 * the payload in as many pieces as the record came in. The pieces are written one after the other, never joined:
 * a 100,000-row import's record is 100 MB, and a joined copy of it cost half a second.
 */
export function encodeRecord(record: RecordText, key?: Buffer): Uint8Array[] {
  const plain = (typeof record === 'string' ? [record] : record).map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
  const payload = key ? [Buffer.from([SEALED]), ...encryptParts(key, plain)] : plain;
  const { length, crc } = crc32OfParts(payload);
  const header = Buffer.allocUnsafe(HEADER);
  header.writeUInt32LE(length, 0);
  header.writeUInt32LE(crc, 4);
  return [header, ...payload];
}

export class ChangeLogWriter {
  private fd: number;
  private bytes: number;
  private count = 0;

  constructor(
    readonly path: string,
    private readonly key?: Buffer,
  ) {
    this.fd = fs.openSync(path, 'a');
    this.bytes = fs.fstatSync(this.fd).size;
  }

  /** Returns only once the record (JSON text) is on disk. */
  append(record: RecordText): void {
    const parts = encodeRecord(record, this.key);
    try {
      writeAll(this.fd, parts);
      fs.fsyncSync(this.fd);
    } catch (e) {
      // A record cut short (disk full) would end the log for the next open, which stops at the first bad frame, and
      // take every later record with it: cut it off so the next append starts where this one did.
      try {
        fs.ftruncateSync(this.fd, this.bytes);
      } catch {
        // Nothing more to do here; the caller rolls back and reports the failure.
      }
      throw e;
    }
    for (const p of parts) this.bytes += p.length;
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
