/**
 * Turns each write's captured rows into outbox entries: one per changed row, holding only the fields that
 * changed (per-field merge at the hub needs no more), stamped with one HLC time per write and the hub cursor
 * the installation had then. Rows written twice in one write are folded into one entry, so the hub never
 * sees two changes with one time.
 */
import { changedRow, type Change } from '../db/capture';
import type { Writer } from '../db/handles';
import { dataTables, quoteIdent, tableShape } from '../db/tables';
import { LOCAL_ONLY_TABLES, type SyncValue } from '../../shared/syncProtocol';

type Fields = Record<string, SyncValue>;

interface Pending {
  tbl: string;
  pk: string;
  fields: Fields | null;
  insert: boolean;
}

function diff(now: Fields, before: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(now)) if (before[k] !== v) out[k] = v;
  return out;
}

/** The entries one write's changes make; empty when nothing a hub would see changed. */
export function outboxEntries(changes: readonly Change[]): Pending[] {
  const byRow = new Map<string, Pending>();
  for (const change of changes) {
    const [tbl, op, pk, , old] = change;
    if (LOCAL_ONLY_TABLES.includes(tbl)) continue;
    const key = `${tbl}\u0000${pk}`;
    const prev = byRow.get(key);
    if (op === 'd') {
      byRow.set(key, { tbl, pk, fields: null, insert: false });
      continue;
    }
    const row = { ...(changedRow(change) ?? {}) } as Fields;
    if (!old || prev?.insert || prev?.fields === null) {
      // An insert (or a row re-created after a delete in the same write) sends the whole row.
      byRow.set(key, { tbl, pk, fields: row, insert: true });
      continue;
    }
    const changed = diff(row, JSON.parse(old) as Fields);
    if (prev?.fields) Object.assign(prev.fields, changed);
    else byRow.set(key, { tbl, pk, fields: changed, insert: false });
  }
  return [...byRow.values()].filter((p) => p.fields === null || Object.keys(p.fields).length > 0);
}

export function writeOutbox(w: Writer, entries: readonly Pending[], hlc: string, seen: number): void {
  // One statement for the whole write: a 100,000-row import would otherwise cross into SQLite 100,000 times.
  // Change ids come from SQLite's own randomness (128 bits), formatted like any other id.
  for (let i = 0; i < entries.length; i += 20_000) {
    const chunk = entries.slice(i, i + 20_000).map((e) => [e.tbl, e.pk, e.fields === null ? null : JSON.stringify(e.fields)]);
    w.run(
      `INSERT INTO sync_outbox (id, tbl, pk, fields, hlc, seen)
       SELECT lower(hex(randomblob(16))), e.value ->> 0, e.value ->> 1, e.value ->> 2, ?, ? FROM json_each(?) AS e`,
      [hlc, seen, JSON.stringify(chunk)],
    );
  }
}

/** Every row of every synced table as one insert entry each: the first sync of a database that existed
 * before sync was set up (or on a new installation) sends all it has. */
export function enqueueEverything(w: Writer, hlc: string, seen: number): number {
  const tables = parentsFirst(
    w,
    dataTables(w).filter((t) => !LOCAL_ONLY_TABLES.includes(t)),
  );
  return tables.reduce((n, tbl) => n + enqueueTable(w, tbl, hlc, seen), 0);
}

/** Tables ordered so that a row's references reach the hub before it does: the hub refuses dangling ones. */
function parentsFirst(w: Writer, tables: readonly string[]): string[] {
  const out: string[] = [];
  const placed = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (placed.has(t) || path.has(t)) return;
    path.add(t);
    for (const f of w.all<{ table: string }>(`PRAGMA foreign_key_list(${quoteIdent(t)})`)) if (tables.includes(f.table)) visit(f.table, path);
    placed.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

/** Every row of one table as one insert entry each (e.g. the accounts again, sealed under a new token). */
export function enqueueTable(w: Writer, tbl: string, hlc: string, seen: number): number {
  const pk = tableShape(w, tbl)?.pk;
  if (!pk) return 0;
  const rows = w.all<Fields>(`SELECT * FROM ${quoteIdent(tbl)}`);
  writeOutbox(
    w,
    rows.map((r) => ({ tbl, pk: String(r[pk]), fields: r, insert: true })),
    hlc,
    seen,
  );
  return rows.length;
}
