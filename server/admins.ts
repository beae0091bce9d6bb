/**
 * Hub supervisors (the city office staff who issue campaigns and read cross-branch reports): each has a
 * token of their own, shown once and kept hashed, separate from every branch token.
 */
import crypto from 'node:crypto';
import { tokenHash } from '../shared/node/branchToken';
import type { Queryable } from './db';
import { HubError } from './errors';

export async function addAdmin(q: Queryable, name: string): Promise<{ id: string; name: string; token: string }> {
  const clean = name.trim();
  if (!clean || clean.length > 40) throw new HubError(400, 'VALIDATION', '姓名不能为空，且不超过 40 个字');
  if ((await q.query('SELECT 1 FROM hub_admins WHERE name = $1', [clean])).length) throw new HubError(409, 'CONFLICT', `已有名为“${clean}”的市局用户`);
  const id = `a${crypto.randomBytes(6).toString('hex')}`;
  const token = `${id}.${crypto.randomBytes(32).toString('base64url')}`;
  await q.query('INSERT INTO hub_admins (id, name, token_hash) VALUES ($1, $2, $3)', [id, clean, tokenHash(token)]);
  return { id, name: clean, token };
}

export async function authenticateAdmin(q: Queryable, token: string | undefined): Promise<{ id: string; name: string }> {
  const refused = new HubError(401, 'UNAUTHENTICATED', '市局用户令牌无效或已停用（网点令牌不能查看各网点汇总）');
  if (!token) throw refused;
  const rows = await q.query<{ id: string; name: string }>('SELECT id, name FROM hub_admins WHERE token_hash = $1 AND disabled_at IS NULL', [tokenHash(token)]);
  if (!rows[0]) throw refused;
  return rows[0];
}
