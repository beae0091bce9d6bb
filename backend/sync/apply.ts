/**
 * Stores a page of rows pulled from the hub. Each field takes the hub's value unless this installation has
 * a change to that field still waiting in its outbox with a later clock time — then the local value stays,
 * and the hub will take it when it is pushed (the same rule the hub applies, so both end up equal). A row
 * that cannot be stored (e.g. a second village with the same division code made on another PC) is skipped
 * and reported on the 同步 page rather than stopping the branch's sync for good.
 */
import type { Writer } from '../db/handles';
import { quoteIdent, tableShapes, type TableShape } from '../db/tables';
import { WHOLE_ROW } from '../db/derived';
import type { Hlc } from '../../shared/hlc';
import { ACCOUNT_TABLES, LOCAL_ONLY_TABLES, type PulledRow, type SyncValue } from '../../shared/syncProtocol';
import { openRow } from './accountSeal';

export interface ApplyReport {
  applied: number;
  conflictsReceived: number;
  problems: string[];
}

const q = quoteIdent;

export interface ApplyOptions {
  /** The key account secrets are sealed with (from this installation's token); null = none configured. */
  accountKey: Buffer | null;
  /** A new installation being restored from nothing: the only pull that may write accounts. */
  restoring: boolean;
}

export function applyPulled(w: Writer, rows: readonly PulledRow[], clock: Hlc, opts: ApplyOptions): ApplyReport {
  const shape = tableShapes(w);
  const anyPending = (w.value<number>('SELECT count(*) FROM sync_outbox') ?? 0) > 0;
  const report: ApplyReport = { applied: 0, conflictsReceived: 0, problems: [] };
  for (const row of rows) {
    clock.recv(row.h);
    for (const h of Object.values(row.fh ?? {})) clock.recv(h);
    if (LOCAL_ONLY_TABLES.includes(row.tbl)) continue;
    // Accounts are this installation's own once it is in use; whatever a hub says about them is ignored.
    if (ACCOUNT_TABLES.includes(row.tbl) && !opts.restoring) continue;
    // A conflict about an account would let 恢复被覆盖的值 write a hub-supplied secret: not taken either.
    if (row.tbl === 'sync_conflicts' && typeof row.data?.['tbl'] === 'string' && ACCOUNT_TABLES.includes(row.data['tbl'])) continue;
    const t = shape(row.tbl);
    if (!t) {
      report.problems.push(`收到本机版本不认识的数据表 ${row.tbl}，请升级程序后再同步`);
      continue;
    }
    const opened = openRow(opts.accountKey, row);
    if (opened.unreadable.length) {
      // Sealed with another key (another token, or not by this branch at all): an account without its password
      // is useless, and one with a password the hub chose would be an open door.
      report.problems.push(`来自市局的 ${row.tbl} 记录 ${row.pk} 的密码无法用本网点令牌解开，未保存`);
      continue;
    }
    w.run('SAVEPOINT pulled_row');
    try {
      if (applyRow(w, opened.row, t, anyPending)) {
        report.applied++;
        if (row.tbl === 'sync_conflicts' && row.data && row.data['resolved_at'] == null) report.conflictsReceived++;
      }
      w.run('RELEASE pulled_row');
    } catch (e) {
      w.run('ROLLBACK TO pulled_row');
      w.run('RELEASE pulled_row');
      report.problems.push(`无法保存来自市局的 ${row.tbl} 记录 ${row.pk}：${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return report;
}

function applyRow(w: Writer, row: PulledRow, t: TableShape, anyPending: boolean): boolean {
  if (row.data === null) return w.run(`DELETE FROM ${q(row.tbl)} WHERE ${q(t.pk)} = ?`, [row.pk]) > 0;
  const pending = anyPending
    ? w.all<{ fields: string | null; hlc: string }>('SELECT fields, hlc FROM sync_outbox WHERE tbl = ? AND pk = ?', [row.tbl, row.pk])
    : [];
  // A local delete waiting to be pushed wins: the hub will turn the row into a tombstone.
  if (pending.some((p) => p.fields === null)) return false;
  const keepLocal = new Map<string, string>();
  for (const p of pending) {
    const fields = p.fields === WHOLE_ROW ? [...t.columns] : Object.keys(JSON.parse(p.fields!) as object);
    for (const f of fields) if ((keepLocal.get(f) ?? '') < p.hlc) keepLocal.set(f, p.hlc);
  }
  const local = w.get<Record<string, SyncValue>>(`SELECT * FROM ${q(row.tbl)} WHERE ${q(t.pk)} = ?`, [row.pk]);
  const set: [string, SyncValue][] = [];
  for (const [f, v] of Object.entries(row.data)) {
    if (!t.columns.has(f)) continue; // a column a newer version added: kept at the hub, not here
    const mine = keepLocal.get(f);
    if (mine && mine > (row.fh?.[f] ?? row.h)) continue;
    if (!local || local[f] !== v) set.push([f, v]);
  }
  if (!local) {
    if (!set.some(([f]) => f === t.pk)) set.push([t.pk, row.pk]);
    w.run(
      `INSERT INTO ${q(row.tbl)} (${set.map(([f]) => q(f)).join(', ')}) VALUES (${set.map(() => '?').join(', ')})`,
      set.map(([, v]) => v),
    );
    return true;
  }
  if (!set.length) return false;
  w.run(`UPDATE ${q(row.tbl)} SET ${set.map(([f]) => `${q(f)} = ?`).join(', ')} WHERE ${q(t.pk)} = ?`, [...set.map(([, v]) => v), row.pk]);
  return true;
}
