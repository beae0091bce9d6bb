/**
 * What the sync service queues for the hub. The entries themselves are made inside SQLite by the derived
 * steps in backend/db/derived.ts (one per changed row per write, only the changed fields, stamped with one
 * clock time and the hub cursor); this module picks the tables and their order.
 */
import type { LocalDatabase } from '../db/localDatabase';
import type { Reader } from '../db/handles';
import { dataTables, quoteIdent } from '../db/tables';
import { DERIVED_TABLES } from '../db/derived';
import { LOCAL_ONLY_TABLES } from '../../shared/syncProtocol';

/** Every row of every synced table as one insert entry each: the first sync of a database that existed
 * before sync was set up (or on a new installation) sends all it has. Must run inside a write. */
export function enqueueEverything(db: LocalDatabase, r: Reader, hlc: string, seen: number): number {
  const tables = parentsFirst(
    r,
    dataTables(r).filter((t) => !LOCAL_ONLY_TABLES.includes(t) && !DERIVED_TABLES.includes(t)),
  );
  return enqueueTables(db, tables, hlc, seen);
}

/** Every row of the tables as one insert entry each (e.g. the accounts again, sealed under a new token). */
export function enqueueTables(db: LocalDatabase, tables: readonly string[], hlc: string, seen: number): number {
  return tables.length ? db.derive('outbox.enqueue2', [hlc, seen, tables]) : 0;
}

/** Tables ordered so that a row's references reach the hub before it does: the hub refuses dangling ones. */
function parentsFirst(r: Reader, tables: readonly string[]): string[] {
  const out: string[] = [];
  const placed = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (placed.has(t) || path.has(t)) return;
    path.add(t);
    for (const f of r.all<{ table: string }>(`PRAGMA foreign_key_list(${quoteIdent(t)})`)) if (tables.includes(f.table)) visit(f.table, path);
    placed.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}
