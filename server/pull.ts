/**
 * A branch's pull: its rows changed since its cursor, in sequence order, one page at a time. Pushes hold the
 * branch's row lock while they hand out sequence numbers, so everything below the highest committed number
 * is already visible and a page boundary never skips a row.
 */
import { MAX_PULL, type PullResponse, type PulledRow } from '../shared/syncProtocol';
import type { BranchRow } from './branches';
import { num, type Queryable } from './db';
import { HubError } from './errors';

export async function pullPage(q: Queryable, branch: BranchRow, since: number, limit = MAX_PULL): Promise<PullResponse> {
  if (!Number.isSafeInteger(since) || since < 0) throw new HubError(400, 'VALIDATION', '同步游标无效');
  const size = Math.max(1, Math.min(MAX_PULL, Math.floor(limit)));
  const head = await q.query<{ seq: unknown }>('SELECT seq FROM branches WHERE id = $1', [branch.id]);
  if (since > num(head[0]?.seq)) {
    // The branch has seen more than the hub has: the hub was restored from an older backup. Starting over
    // from 0 re-sends rows the branch already has, which merge as no-ops; refusing would strand it.
    since = 0;
  }
  const rows = await q.query<{ tbl: string; pk: string; data: PulledRow['data']; h: string; fh: Record<string, string>; seq: unknown }>(
    'SELECT tbl, pk, data, h, fh, seq FROM records WHERE branch_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [branch.id, since, size],
  );
  const out: PulledRow[] = rows.map((r) => {
    const row: PulledRow = { tbl: r.tbl, pk: r.pk, data: r.data, h: r.h };
    if (r.fh && Object.keys(r.fh).length) row.fh = r.fh;
    return row;
  });
  return { rows: out, cursor: rows.length ? num(rows.at(-1)!.seq) : since, more: rows.length === size, branch: { id: branch.id, name: branch.name } };
}
