/**
 * A branch token is "<branch id>.<secret>": the id lets a sync file name its branch without a server
 * round-trip; the secret (256 random bits) is what authenticates. The hub keeps only a SHA-256 of the whole
 * token — the secret is high-entropy, so a slow hash adds nothing — plus a key derived from it with HKDF
 * that seals sync files, so a file can be neither read nor forged without the token.
 */
import crypto from 'node:crypto';
import { AppError } from '../errors';

const TOKEN_RE = /^([a-z0-9]{6,40})\.([A-Za-z0-9_-]{43})$/;

export function newBranchToken(branchId: string): string {
  return `${branchId}.${crypto.randomBytes(32).toString('base64url')}`;
}

export function parseBranchToken(token: string): { branchId: string } {
  const m = TOKEN_RE.exec(token.trim());
  if (!m) throw new AppError('VALIDATION', '网点令牌格式不对：应为市局发放的“编号.密钥”一整串，请复制完整');
  return { branchId: m[1]! };
}

export const tokenHash = (token: string): string => crypto.createHash('sha256').update(token.trim()).digest('hex');

export function syncFileKey(token: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', token.trim(), 'postal-dbm', 'sync-file v1', 32));
}
