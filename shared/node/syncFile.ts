/**
 * Sync files carry a branch's sync over a USB stick when it has no line: a request (its outbox) goes to the
 * hub, a reply (the hub's answer and everything to pull) comes back. Layout:
 *   "PBSYNC1\n" <header JSON> "\n" <nonce 12> <AES-256-GCM(gzip(body JSON))> <tag 16>
 * The header (branch id, kind, time) stays readable so the hub can pick the branch's key, and is bound to
 * the ciphertext as associated data, so neither can be altered or swapped. The key is derived from the
 * branch token, so only that branch and the hub can read or make its files.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { AppError } from '../errors';
import { MAX_SYNC_FILE_JSON_BYTES, toMb } from '../limits';

const MAGIC = Buffer.from('PBSYNC1\n');
const NONCE = 12;
const TAG = 16;

export interface SyncFileHeader {
  branchId: string;
  kind: 'request' | 'reply';
  createdAt: string;
}

export function sealSyncFile(key: Buffer, header: SyncFileHeader, body: unknown): Buffer {
  const head = Buffer.from(`${JSON.stringify(header)}\n`);
  const nonce = crypto.randomBytes(NONCE);
  const c = crypto.createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.concat([MAGIC, head]));
  const sealed = Buffer.concat([c.update(zlib.gzipSync(JSON.stringify(body))), c.final()]);
  return Buffer.concat([MAGIC, head, nonce, sealed, c.getAuthTag()]);
}

/** The header only, before any key is known. */
export function readSyncFileHeader(file: Buffer): { header: SyncFileHeader; bodyStart: number } {
  if (file.length < MAGIC.length + 2 || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new AppError('VALIDATION', '这不是同步文件（文件开头不对），请确认选择了正确的文件');
  }
  const end = file.indexOf(0x0a, MAGIC.length);
  if (end < 0 || end - MAGIC.length > 2000) throw new AppError('VALIDATION', '同步文件已损坏（文件头不完整）');
  let header: SyncFileHeader;
  try {
    header = JSON.parse(file.subarray(MAGIC.length, end).toString('utf8')) as SyncFileHeader;
  } catch {
    throw new AppError('VALIDATION', '同步文件已损坏（文件头无法读取）');
  }
  if (typeof header.branchId !== 'string' || (header.kind !== 'request' && header.kind !== 'reply') || typeof header.createdAt !== 'string') {
    throw new AppError('VALIDATION', '同步文件已损坏（文件头缺少内容）');
  }
  return { header, bodyStart: end + 1 };
}

export function openSyncFile<T>(key: Buffer, file: Buffer): { header: SyncFileHeader; body: T } {
  const { header, bodyStart } = readSyncFileHeader(file);
  if (file.length < bodyStart + NONCE + TAG) throw new AppError('VALIDATION', '同步文件不完整（可能没有拷贝完）');
  const d = crypto.createDecipheriv('aes-256-gcm', key, file.subarray(bodyStart, bodyStart + NONCE));
  d.setAAD(file.subarray(0, bodyStart));
  d.setAuthTag(file.subarray(file.length - TAG));
  let plain: Buffer;
  try {
    plain = Buffer.concat([d.update(file.subarray(bodyStart + NONCE, file.length - TAG)), d.final()]);
  } catch {
    throw new AppError('VALIDATION', '同步文件校验失败：文件被改动、没有拷贝完整，或不是用本网点的令牌生成的');
  }
  let json: Buffer;
  try {
    // The seal proves who made the file, not that it is sane: a few MB of gzip can unpack to gigabytes.
    json = zlib.gunzipSync(plain, { maxOutputLength: MAX_SYNC_FILE_JSON_BYTES });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AppError('VALIDATION', `同步文件过大：解压后超过 ${toMb(MAX_SYNC_FILE_JSON_BYTES)} MB，无法导入，请联系市局技术人员`);
    }
    throw new AppError('VALIDATION', '同步文件已损坏（压缩数据无法解开）');
  }
  return { header, body: JSON.parse(json.toString('utf8')) as T };
}
