/**
 * The backup file (.pbbak):
 *
 *   "PBBK" | u32 format | u32 header length | header (JSON, readable) | sealed chunks | "PBBE" | SHA-256
 *
 * The body is the database image followed by the yearly campaign archives' images (format 2; the header lists
 * their years and sizes), so a backup restores the campaigns moved out of the working database too. The body is cut into 1 MiB chunks, each AES-256-GCM sealed under a random per-backup content key with the
 * chunk's index, a last-chunk flag and the header's hash as associated data: a chunk moved, dropped or taken
 * from another backup, a cut at a chunk boundary, or an edited header all fail authentication. The content key
 * itself is stored in the header once per way of opening it (keys.ts). Every length follows from the header,
 * so a file cut short is recognised before any key is tried; the trailing SHA-256 (no key needed) tells a
 * damaged file apart from a wrong password.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import type { Slot } from './keys';

const MAGIC = Buffer.from('PBBK', 'ascii');
const END = Buffer.from('PBBE', 'ascii');
/** 1: the image alone; 2: the image and archives. A file without archives is still written as 1. */
const FORMAT = 1;
const FORMAT_ARCHIVES = 2;
const PREFIX = 12;
const TAG = 16;
const TRAILER = 4 + 32;
const MAX_HEADER = 256 * 1024;
export const CHUNK_BYTES = 1024 * 1024;

export interface BranchIdentity {
  name: string | null;
  county: string | null;
  /** The hub's id for the branch, once sync was set up. */
  hubBranchId: string | null;
}

export interface BackupHeader {
  v: 1;
  createdAt: string;
  appVersion: string;
  /** Last migration applied to the image. */
  schema: string;
  branch: BranchIdentity;
  imageBytes: number;
  /** The yearly archives' images, in this order after the database image. */
  archives?: ArchivePart[];
  chunkBytes: number;
  slots: Slot[];
}

export interface ArchivePart {
  year: number;
  bytes: number;
}

export interface BackupBody {
  image: Uint8Array;
  archives: { year: number; image: Uint8Array }[];
}

export interface HeaderRead {
  header: BackupHeader;
  /** The header exactly as stored: its hash binds every chunk. */
  raw: Buffer;
  size: number;
  expectedSize: number;
}

type Sizes = Pick<BackupHeader, 'imageBytes' | 'chunkBytes' | 'archives'>;
const bodyBytes = (h: Sizes) => h.imageBytes + (h.archives ?? []).reduce((n, a) => n + a.bytes, 0);
const chunkCount = (h: Sizes) => Math.max(1, Math.ceil(bodyBytes(h) / h.chunkBytes));

function expectedSize(headerLen: number, h: Sizes): number {
  return PREFIX + headerLen + bodyBytes(h) + chunkCount(h) * TAG + TRAILER;
}

/** Bytes [start, end) of the parts laid end to end, copied only where a range spans two of them. */
function slice(parts: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const p of parts) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + p.length);
    if (from < to) pieces.push(p.subarray(from - at, to - at));
    at += p.length;
  }
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
}

/** The body read back, cut into the database image and the archives as the header lists them. */
export function splitBody(header: BackupHeader, body: Buffer): BackupBody {
  let at = header.imageBytes;
  const archives = (header.archives ?? []).map((a) => {
    const image = body.subarray(at, at + a.bytes);
    at += a.bytes;
    return { year: a.year, image };
  });
  return { image: body.subarray(0, header.imageBytes), archives };
}

function chunkAad(headerHash: Buffer, index: number, last: boolean): Buffer {
  const tail = Buffer.alloc(5);
  tail.writeUInt32BE(index, 0);
  tail[4] = last ? 1 : 0;
  return Buffer.concat([headerHash, tail]);
}

// The content key is fresh for every backup, so a counter nonce never repeats under one key.
function chunkNonce(index: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeUInt32BE(index, 8);
  return n;
}

/**
 * The file as its total length and a sequence of parts, so the writer can await the disk between parts and
 * only one sealed megabyte exists beside the image at a time.
 */
export function sealBackup(
  body: BackupBody,
  header: Omit<BackupHeader, 'imageBytes' | 'chunkBytes' | 'archives'>,
  contentKey: Buffer,
): { total: number; parts: Iterable<Buffer> } {
  const archives = body.archives.map((a) => ({ year: a.year, bytes: a.image.length }));
  const full: BackupHeader = { ...header, imageBytes: body.image.length, ...(archives.length ? { archives } : {}), chunkBytes: CHUNK_BYTES };
  const raw = Buffer.from(JSON.stringify(full), 'utf8');
  return { total: expectedSize(raw.length, full), parts: sealParts([body.image, ...body.archives.map((a) => a.image)], full, raw, contentKey) };
}

function* sealParts(body: readonly Uint8Array[], full: BackupHeader, raw: Buffer, contentKey: Buffer): Generator<Buffer> {
  const prefix = Buffer.alloc(PREFIX);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(full.archives ? FORMAT_ARCHIVES : FORMAT, 4);
  prefix.writeUInt32LE(raw.length, 8);
  const digest = crypto.createHash('sha256');
  const emit = (b: Buffer) => {
    digest.update(b);
    return b;
  };
  yield emit(Buffer.concat([prefix, raw]));
  const headerHash = crypto.createHash('sha256').update(raw).digest();
  const n = chunkCount(full);
  const size = bodyBytes(full);
  for (let i = 0; i < n; i++) {
    const plain = slice(body, i * CHUNK_BYTES, Math.min(size, (i + 1) * CHUNK_BYTES));
    const c = crypto.createCipheriv('aes-256-gcm', contentKey, chunkNonce(i));
    c.setAAD(chunkAad(headerHash, i, i === n - 1));
    yield emit(Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]));
  }
  yield Buffer.concat([END, digest.digest()]);
}

export const NOT_A_BACKUP = '所选文件不是本程序的备份文件（.pbbak）';

/** Reads and checks the readable part; throws a Chinese AppError for anything that is not a whole backup. */
export async function readHeader(file: string): Promise<HeaderRead> {
  const fh = await openForRead(file);
  try {
    const size = (await fh.stat()).size;
    const prefix = Buffer.alloc(PREFIX);
    const got = (await fh.read(prefix, 0, PREFIX, 0)).bytesRead;
    if (got < PREFIX || !prefix.subarray(0, 4).equals(MAGIC)) throw new AppError('VALIDATION', NOT_A_BACKUP);
    if (![FORMAT, FORMAT_ARCHIVES].includes(prefix.readUInt32LE(4))) throw new AppError('VALIDATION', '该备份由更新版本的程序写入，请先升级本程序再恢复');
    const len = prefix.readUInt32LE(8);
    if (len > MAX_HEADER || PREFIX + len > size) throw new AppError('DAMAGED', '备份文件不完整或已损坏（文件头被截断），已拒绝');
    const raw = Buffer.alloc(len);
    await fh.read(raw, 0, len, PREFIX);
    const header = parseHeader(raw);
    return { header, raw, size, expectedSize: expectedSize(len, header) };
  } finally {
    await fh.close();
  }
}

function parseHeader(raw: Buffer): BackupHeader {
  let h: Partial<BackupHeader>;
  try {
    h = JSON.parse(raw.toString('utf8')) as Partial<BackupHeader>;
  } catch {
    throw new AppError('DAMAGED', '备份文件已损坏（文件头无法读取），已拒绝');
  }
  const ok =
    h.v === 1 &&
    typeof h.createdAt === 'string' &&
    Number.isSafeInteger(h.imageBytes) &&
    (h.imageBytes ?? -1) >= 0 &&
    Number.isSafeInteger(h.chunkBytes) &&
    (h.chunkBytes ?? 0) > 0 &&
    (h.chunkBytes ?? 0) <= 64 * 1024 * 1024 &&
    Array.isArray(h.slots) &&
    (h.archives === undefined ||
      (Array.isArray(h.archives) &&
        h.archives.every((a) => Number.isSafeInteger(a?.year) && Number.isSafeInteger(a?.bytes) && a.bytes >= 0 && a.year >= 1900 && a.year <= 9999))) &&
    typeof h.branch === 'object' &&
    h.branch !== null;
  if (!ok) throw new AppError('DAMAGED', '备份文件已损坏（文件头内容不全），已拒绝');
  return h as BackupHeader;
}

export function assertComplete(r: HeaderRead): void {
  if (r.size < r.expectedSize)
    throw new AppError('DAMAGED', `备份文件不完整（应有 ${r.expectedSize} 字节，实有 ${r.size} 字节；可能复制时中断或 U 盘被拔出），已拒绝`);
  if (r.size > r.expectedSize) throw new AppError('DAMAGED', '备份文件末尾多出了数据（已被改动或损坏），已拒绝');
}

/** The trailing SHA-256 over everything before it: damage shows here without any key. */
export async function checkDigest(file: string, r: HeaderRead, onProgress?: (done: number, total: number) => Promise<void>): Promise<void> {
  assertComplete(r);
  const fh = await openForRead(file);
  try {
    const h = crypto.createHash('sha256');
    const end = r.size - TRAILER;
    const buf = Buffer.alloc(4 * 1024 * 1024);
    for (let off = 0; off < end;) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, end - off), off);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
      off += bytesRead;
      await onProgress?.(off, end);
    }
    const trailer = Buffer.alloc(TRAILER);
    await fh.read(trailer, 0, TRAILER, end);
    if (!trailer.subarray(0, 4).equals(END) || !trailer.subarray(4).equals(h.digest())) {
      throw new AppError('DAMAGED', '备份文件已损坏或被改动（校验和不符），已拒绝恢复');
    }
  } finally {
    await fh.close();
  }
}

/** Decrypts the body (image and archives) chunk by chunk; any altered byte fails the chunk's authentication. */
export async function openBody(file: string, r: HeaderRead, contentKey: Buffer, onProgress?: (done: number, total: number) => Promise<void>): Promise<Buffer> {
  assertComplete(r);
  const { header } = r;
  const headerHash = crypto.createHash('sha256').update(r.raw).digest();
  const size = bodyBytes(header);
  const out = Buffer.alloc(size);
  const n = chunkCount(header);
  const fh = await openForRead(file);
  try {
    let pos = PREFIX + r.raw.length;
    for (let i = 0; i < n; i++) {
      const plainLen = Math.min(header.chunkBytes, size - i * header.chunkBytes);
      const sealed = Buffer.alloc(plainLen + TAG);
      await fh.read(sealed, 0, sealed.length, pos);
      pos += sealed.length;
      const d = crypto.createDecipheriv('aes-256-gcm', contentKey, chunkNonce(i));
      d.setAAD(chunkAad(headerHash, i, i === n - 1));
      d.setAuthTag(sealed.subarray(plainLen));
      try {
        const plain = Buffer.concat([d.update(sealed.subarray(0, plainLen)), d.final()]);
        plain.copy(out, i * header.chunkBytes);
      } catch {
        throw new AppError('DAMAGED', `备份文件已被改动或损坏（第 ${i + 1} 段解密校验失败），已拒绝恢复`);
      }
      await onProgress?.(i + 1, n);
    }
  } finally {
    await fh.close();
  }
  return out;
}

async function openForRead(file: string): Promise<fs.promises.FileHandle> {
  try {
    const st = await fs.promises.stat(file);
    if (st.isDirectory()) throw new AppError('VALIDATION', `${file} 是文件夹，请选择备份文件（.pbbak）`);
    return await fs.promises.open(file, 'r');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw readError(file, e);
  }
}

export function readError(file: string, e: unknown): AppError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new AppError('NOT_FOUND', `找不到备份文件：${file}（U 盘是否已插好？）`);
  if (code === 'EACCES' || code === 'EPERM') return new AppError('STORAGE', `无权读取备份文件：${file}`);
  return new AppError('STORAGE', `读取备份文件失败：${file}（${code ?? String(e)}）`);
}
