/** 网点 and 同步状况: the branches with their sync state; registering, revoking and reissuing tokens. */
import { createBranchInput, type IssuedToken } from '../../../shared/hubConsole';
import { addBranch, disableBranch, enableBranch, reissueToken } from '../../branches';
import { cityBranches, syncHealth } from '../../city/branches';
import { HubError } from '../../errors';
import { json, type Route } from '../router';
import { parse } from '../web';

const ID = '([A-Za-z0-9_-]{1,64})';

async function branchName(ctx: Parameters<Route['run']>[0], id: string): Promise<string> {
  const row = (await ctx.db.query<{ name: string }>('SELECT name FROM branches WHERE id = $1', [id]))[0];
  if (!row) throw new HubError(404, 'NOT_FOUND', '没有这个网点');
  return row.name;
}

export const branchRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/branches$/,
    run: async (ctx) => {
      const now = ctx.now();
      return json({ now: now.toISOString(), branches: await cityBranches(ctx.db, now) });
    },
  },
  {
    method: 'GET',
    path: /^\/sync-health$/,
    run: async (ctx) => {
      const now = ctx.now();
      const active = (await ctx.db.query<{ n: unknown }>('SELECT count(*) AS n FROM branches WHERE disabled_at IS NULL'))[0];
      return json({ now: now.toISOString(), active: Number(active?.n ?? 0), health: await syncHealth(ctx.db, now) });
    },
  },
  {
    method: 'POST',
    path: /^\/branches$/,
    adminOnly: true,
    audit: '登记网点',
    run: async (ctx) => {
      const { name } = parse(createBranchInput, await ctx.body());
      const b = await addBranch(ctx.db, name);
      ctx.subject(b.name);
      return json({ id: b.id, name: b.name, token: b.token } satisfies IssuedToken);
    },
  },
  {
    method: 'POST',
    path: new RegExp(`^/branches/${ID}/reissue$`),
    adminOnly: true,
    audit: '重新签发网点令牌',
    run: async (ctx) => {
      const id = ctx.params[0]!;
      const name = await branchName(ctx, id);
      ctx.subject(name);
      // A new token for a revoked branch is how it comes back: the old token stays refused either way.
      const issued = await ctx.db.tx(async (q) => {
        const t = await reissueToken(q, id);
        await enableBranch(q, id);
        return t;
      });
      return json({ id, name, token: issued.token } satisfies IssuedToken);
    },
  },
  {
    method: 'POST',
    path: new RegExp(`^/branches/${ID}/revoke$`),
    adminOnly: true,
    audit: '吊销网点令牌',
    run: async (ctx) => {
      const id = ctx.params[0]!;
      ctx.subject(await branchName(ctx, id));
      await disableBranch(ctx.db, id, ctx.now());
      return json({ ok: true });
    },
  },
];
