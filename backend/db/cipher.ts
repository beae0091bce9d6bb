/**
 * Encryption at rest: AES-256-GCM for snapshots and change-log records. GCM authenticates as it decrypts,
 * so a tampered byte makes the whole record fail — nothing is ever half-read. A small check file tells a
 * wrong key apart from a damaged file, so a wrong key never gets good snapshots quarantined.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { writeFileAtomic } from '../util/fsx';

const NONCE = 12;
const TAG = 16;
export const KEY_CHECK_FILE = 'key-check.bin';
const CHECK_TEXT = 'postal-dbm key check v1';

export class TamperedError extends Error {}

export function encrypt(key: Buffer, plain: Uint8Array): Buffer {
  return Buffer.concat(encryptParts(key, [plain]));
}

/** encrypt() of the pieces joined, in pieces: nonce, ciphertext of each piece, tag (nothing joined). */
export function encryptParts(key: Buffer, plain: readonly Uint8Array[]): Buffer[] {
  const nonce = crypto.randomBytes(NONCE);
  const c = crypto.createCipheriv('aes-256-gcm', key, nonce);
  const body = plain.map((p) => c.update(p));
  return [nonce, ...body, c.final(), c.getAuthTag()];
}

/**
 * The plain bytes, followed by `room` zero bytes (a database image's room to grow, see imageRoom.ts). Decrypted
 * a chunk at a time into the one output Buffer, so a large image is held twice at most (sealed and plain).
 */
export function decrypt(key: Buffer, sealed: Uint8Array, room = 0): Buffer {
  if (sealed.length < NONCE + TAG) throw new TamperedError('密文过短');
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const d = crypto.createDecipheriv('aes-256-gcm', key, buf.subarray(0, NONCE));
  d.setAuthTag(buf.subarray(buf.length - TAG));
  const body = buf.subarray(NONCE, buf.length - TAG);
  const out = Buffer.alloc(body.length + room);
  const CHUNK = 8 * 1024 * 1024;
  try {
    let at = 0;
    for (let i = 0; i < body.length; i += CHUNK) at += d.update(body.subarray(i, i + CHUNK)).copy(out, at);
    d.final().copy(out, at);
    return out;
  } catch {
    throw new TamperedError('校验失败：文件被改动或已损坏');
  }
}

export function assertKeyLength(key: Buffer): void {
  if (key.length !== 32) throw new AppError('VALIDATION', `密钥长度应为 32 字节（256 位），现为 ${key.length} 字节`);
}

/**
 * Checks `key` against the folder: an encrypted folder needs the right key; a folder without a check file
 * gets one for this key. Returns whether the folder is encrypted.
 */
export function checkKey(dir: string, key: Buffer | undefined): boolean {
  const file = path.join(dir, KEY_CHECK_FILE);
  const exists = fs.existsSync(file);
  if (!key) {
    if (exists) throw new AppError('LOCKED', `数据库 ${dir} 已加密，需要密钥才能打开（桌面版自动使用本机保存的密钥；命令行请用 --key-file）`);
    return false;
  }
  assertKeyLength(key);
  if (!exists) {
    // A folder whose snapshots are already sealed lost its check file: writing one for an unproven key
    // could mark good snapshots as damaged, so refuse instead.
    if (hasSealedSnapshot(dir)) throw new AppError('LOCKED', `数据库 ${dir} 已加密，但缺少密钥校验文件 ${KEY_CHECK_FILE}；请联系管理员`);
    writeFileAtomic(file, encrypt(key, Buffer.from(CHECK_TEXT)));
    return true;
  }
  try {
    if (decrypt(key, fs.readFileSync(file)).toString() === CHECK_TEXT) return true;
  } catch {
    // fall through
  }
  throw new AppError('LOCKED', '密钥不正确，无法打开加密的数据库（文件未作任何改动）');
}

/** A 32-byte key from a key file (raw, or base64/hex text as `key create` writes it). */
export function readKeyFile(file: string): Buffer {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (e) {
    throw new AppError('NOT_FOUND', `无法读取密钥文件 ${file}（${(e as NodeJS.ErrnoException).code ?? String(e)}）`);
  }
  const text = raw.toString('utf8').trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : raw.length === 32 ? raw : Buffer.from(text, 'base64');
  assertKeyLength(key);
  return key;
}

export function newKey(): Buffer {
  return crypto.randomBytes(32);
}

function hasSealedSnapshot(dir: string): boolean {
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith('.pbdb')) continue;
    const fd = fs.openSync(path.join(dir, f), 'r');
    try {
      const head = Buffer.alloc(8);
      fs.readSync(fd, head, 0, 8, 0);
      if (head.readUInt32LE(4) === 2) return true;
    } finally {
      fs.closeSync(fd);
    }
  }
  return false;
}
