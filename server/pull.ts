/**
 * A branch's pull: its rows changed since its cursor, in sequence order, one page at a time. Pushes hold the
 * branch's row lock while they hand out sequence numbers, so everything below the highest committed number
 * is already visible and a page boundary never skips a row.
 */
import { MAX_PULL, type PullResponse, type PulledRow } from '../shared/syncProtocol';
import type { BranchRow } from './branches';
import { num, type HubDb } from './db';
import { HubError } from './errors';

export async function pullPage(db: HubDb, branch: BranchRow, since: number, limit = MAX_PULL, node?: string): Promise<PullResponse> {
  if (!Number.isSafeInteger(since) || since < 0) throw new HubError(400, 'VALIDATION', '同步游标无效');
  if (node !== undefined && !/^[0-9a-z]{1,32}$/.test(node)) throw new HubError(400, 'VALIDATION', '节点编号无效');
  const size = Math.max(1, Math.min(MAX_PULL, Math.floor(Number.isFinite(limit) ? limit : MAX_PULL)));
  // One snapshot for the rows and the head, so a page that ends early may jump the cursor to the head.
  return db.tx(async (q) => {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const head = num((await q.query<{ seq: unknown }>('SELECT seq FROM branches WHERE id = $1', [branch.id]))[0]?.seq);
    // The branch has seen more than the hub has: the hub was restored from an older backup. Starting over
    // from 0 re-sends rows the branch already has, which merge as no-ops; refusing would strand it.
    const from = since > head ? 0 : since;
    // Rows whose every current value this very installation wrote hold nothing new for it.
    const rows = await q.query<{ tbl: string; pk: string; data: PulledRow['data']; h: string; fh: Record<string, string>; seq: unknown }>(
      `SELECT tbl, pk, data, h, fh, seq FROM records WHERE branch_id = $1 AND seq > $2
         AND NOT ($4::text IS NOT NULL AND split_part(h, '-', 3) = $4::text
                  AND NOT EXISTS (SELECT 1 FROM jsonb_each_text(fh) AS e WHERE split_part(e.value, '-', 3) <> $4::text))
       ORDER BY seq LIMIT $3`,
      [branch.id, from, size, node ?? null],
    );
    const out: PulledRow[] = rows.map((r) => {
      const row: PulledRow = { tbl: r.tbl, pk: r.pk, data: r.data, h: r.h };
      if (r.fh && Object.keys(r.fh).length) row.fh = r.fh;
      return row;
    });
    const more = rows.length === size;
    return { rows: out, cursor: more ? num(rows.at(-1)!.seq) : Math.max(head, from), more, branch: { id: branch.id, name: branch.name } };
  });
}
