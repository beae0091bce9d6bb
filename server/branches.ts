/** Branches registered at the hub, and who a request is. */
import crypto from 'node:crypto';
import { newBranchToken, parseBranchToken, syncFileKey, tokenHash } from '../shared/node/branchToken';
import type { Queryable } from './db';
import { HubError } from './errors';

export interface BranchRow {
  id: string;
  name: string;
}

export async function addBranch(q: Queryable, name: string): Promise<{ id: string; name: string; token: string }> {
  const clean = name.trim();
  if (!clean || clean.length > 60) throw new HubError(400, 'VALIDATION', '网点名称不能为空，且不超过 60 个字');
  const exists = await q.query('SELECT 1 FROM branches WHERE name = $1', [clean]);
  if (exists.length) throw new HubError(409, 'CONFLICT', `已有名为“${clean}”的网点`);
  const id = `b${crypto.randomBytes(6).toString('hex')}`;
  const token = newBranchToken(id);
  await q.query('INSERT INTO branches (id, name, token_hash, file_key) VALUES ($1, $2, $3, $4)', [
    id,
    clean,
    tokenHash(token),
    syncFileKey(token).toString('base64'),
  ]);
  return { id, name: clean, token };
}

/**
 * A new token for a branch whose token was lost or leaked: the old one stops working at once. The branch enters
 * the new one in 设置 → 市局同步 and its accounts are sent again, sealed with it.
 */
export async function reissueToken(q: Queryable, branchId: string): Promise<{ id: string; token: string }> {
  const token = newBranchToken(branchId);
  const rows = await q.query('UPDATE branches SET token_hash = $2, file_key = $3 WHERE id = $1 RETURNING id', [
    branchId,
    tokenHash(token),
    syncFileKey(token).toString('base64'),
  ]);
  if (!rows.length) throw new HubError(404, 'NOT_FOUND', `没有编号为 ${branchId} 的网点`);
  return { id: branchId, token };
}

/**
 * Revokes a branch's token (a lost or stolen PC): its pushes, pulls and sync files are refused from now on. Its
 * data stays at the hub and in the city figures' history; a reissued token lets it sync again.
 */
export async function disableBranch(q: Queryable, branchId: string, now: Date): Promise<void> {
  const rows = await q.query('UPDATE branches SET disabled_at = coalesce(disabled_at, $2) WHERE id = $1 RETURNING id', [branchId, now]);
  if (!rows.length) throw new HubError(404, 'NOT_FOUND', `没有编号为 ${branchId} 的网点`);
}

/** Lets a revoked branch sync again — only together with a new token, since the old one may be in other hands. */
export async function enableBranch(q: Queryable, branchId: string): Promise<void> {
  await q.query('UPDATE branches SET disabled_at = NULL WHERE id = $1', [branchId]);
}

export async function listBranches(q: Queryable): Promise<{ id: string; name: string; createdAt: string; rows: number }[]> {
  const rows = await q.query<{ id: string; name: string; created_at: Date | string; n: unknown }>(
    'SELECT b.id, b.name, b.created_at, (SELECT count(*) FROM records r WHERE r.branch_id = b.id) AS n FROM branches b ORDER BY b.name',
  );
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: new Date(r.created_at).toISOString(), rows: Number(r.n) }));
}

export async function branchByName(q: Queryable, name: string): Promise<BranchRow> {
  const rows = await q.query<BranchRow>('SELECT id, name FROM branches WHERE name = $1', [name.trim()]);
  if (!rows[0]) throw new HubError(404, 'NOT_FOUND', `没有名为“${name}”的网点`);
  return rows[0];
}

/** The branch a bearer token belongs to; the same answer for a malformed, unknown or disabled token. */
export async function authenticate(q: Queryable, token: string | undefined): Promise<BranchRow> {
  const refused = new HubError(401, 'UNAUTHENTICATED', '网点令牌无效或已停用');
  if (!token) throw refused;
  try {
    parseBranchToken(token);
  } catch {
    throw refused;
  }
  const rows = await q.query<BranchRow>('SELECT id, name FROM branches WHERE token_hash = $1 AND disabled_at IS NULL', [tokenHash(token)]);
  if (!rows[0]) throw refused;
  return rows[0];
}

/** The sync-file key of an active branch; null for an unknown or disabled one (the caller must not say which). */
export async function fileKeyOf(q: Queryable, branchId: string): Promise<{ branch: BranchRow; key: Buffer } | null> {
  const rows = await q.query<BranchRow & { file_key: string }>('SELECT id, name, file_key FROM branches WHERE id = $1 AND disabled_at IS NULL', [branchId]);
  if (!rows[0]) return null;
  return { branch: { id: rows[0].id, name: rows[0].name }, key: Buffer.from(rows[0].file_key, 'base64') };
}
