/**
 * Loads a branch's rows in bulk (a province moving onto the hub, or a benchmark city) through the same checks a
 * push gets — the branch schema and references inside the branch — and the same storage (`records` for sync,
 * the typed tables for reports), in one transaction per chunk under the branch's lock. Rows must come parents
 * first, as a branch's outbox sends them. Bad rows are refused with their reason, never stored.
 */
import { BRANCH_SCHEMA } from '../shared/branchSchema';
import type { Hlc } from '../shared/hlc';
import { changeProblem, changeRefs } from '../shared/rowCheck';
import type { SyncValue } from '../shared/syncProtocol';
import type { HubDb } from './db';
import { lockBranchSeq, saveRows, type RecordState } from './push';

export interface BulkRow {
  tbl: string;
  pk: string;
  data: Record<string, SyncValue>;
}

export async function bulkLoad(
  db: HubDb,
  branchId: string,
  rows: readonly BulkRow[],
  clock: Hlc,
  chunk = 5000,
): Promise<{ loaded: number; refused: { tbl: string; pk: string; reason: string }[] }> {
  const seen = new Set<string>();
  const refused: { tbl: string; pk: string; reason: string }[] = [];
  const good: BulkRow[] = [];
  for (const r of rows) {
    const why =
      changeProblem(BRANCH_SCHEMA, r.tbl, r.pk, r.data, true) ??
      changeRefs(BRANCH_SCHEMA, r.tbl, r.data)
        .filter((x) => !seen.has(`${x.tbl}\u0000${x.pk}`))
        .map((x) => `${r.tbl}.${x.field} 引用的 ${x.tbl} 记录 ${x.pk} 不在导入的数据中`)[0] ??
      null;
    if (why) refused.push({ tbl: r.tbl, pk: r.pk, reason: why });
    else {
      seen.add(`${r.tbl}\u0000${r.pk}`);
      good.push(r);
    }
  }
  for (let i = 0; i < good.length; i += chunk) {
    await db.tx(async (q) => {
      let seq = await lockBranchSeq(q, branchId);
      const h = clock.send();
      const states: RecordState[] = good.slice(i, i + chunk).map((r) => {
        seq += 1;
        return { tbl: r.tbl, pk: r.pk, data: r.data, h, hseq: seq, fh: {}, fs: {}, seq, dirty: true };
      });
      await saveRows(q, branchId, states);
      await q.query('UPDATE branches SET seq = $2 WHERE id = $1', [branchId, seq]);
    });
  }
  return { loaded: good.length, refused };
}
