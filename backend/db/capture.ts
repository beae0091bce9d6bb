/**
 * Change capture. Triggers on every data table copy each inserted/updated row (as JSON) or deleted key into
 * _capture; LocalDatabase.write() drains it into the transaction's change-log record. Replaying a record
 * upserts or deletes those rows, so replay needs no service code and gives the same state however the
 * original write was phrased. Tables whose names start with "_" (bookkeeping) are not captured, nor the rows a
 * derived step writes (derived.ts).
 */
import type { Database } from 'sql.js';
import { DERIVED_TABLES, DERIVING_SQL, ensureDerivingFlag } from './derived';
import { DATA_TABLES_SQL, quoteIdent, tableColumns } from './tables';
import type { StatementCache } from './handles';

export type ChangeOp = 'u' | 'd';
/** [table, op, primary key, row JSON or null]; kept as raw JSON text to avoid re-encoding on the hot path.
 * (The capture table also keeps the row before an update, for the outbox derived inside SQLite.) */
export type Change = [table: string, op: ChangeOp, pk: string, data: string | null];
/** A change as read back from the log: the row JSON was spliced in unescaped, so it parses to an object. */
export type StoredChange = [table: string, op: ChangeOp, pk: string, data: Record<string, string | number | null> | null];

const parsedRows = new WeakMap<Change, Record<string, string | number | null> | null>();

/** A captured row as an object, parsed once per change however often it is asked for; null for a delete. */
export function changedRow(c: Change): Record<string, string | number | null> | null {
  let row = parsedRows.get(c);
  if (row === undefined) {
    row = c[3] === null ? null : (JSON.parse(c[3]) as Record<string, string | number | null>);
    parsedRows.set(c, row);
  }
  return row;
}

interface TableInfo {
  name: string;
  pk: string;
  columns: string[];
}

const q = quoteIdent;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

// TEMP: neither the capture table nor its triggers are part of the database image, so a bulk write's
// captured rows never bloat snapshots with free pages, and every open installs triggers for the current schema.
const CAPTURE_TABLE_SQL =
  'CREATE TEMP TABLE IF NOT EXISTS _capture (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, pk TEXT NOT NULL, data TEXT, old TEXT)';

function capturedTables(db: Database): TableInfo[] {
  const names = db.exec(DATA_TABLES_SQL);
  const out: TableInfo[] = [];
  for (const [name] of names[0]?.values ?? []) {
    const cols = tableColumns(db, String(name));
    if (!cols.length) continue;
    const pks = cols.filter((c) => c.pk > 0);
    if (pks.length !== 1) throw new Error(`表 ${String(name)} 必须有且只有一个主键列才能记录变更`);
    // json_object takes at most 127 arguments; wider tables would need splitting.
    if (cols.length > 63) throw new Error(`表 ${String(name)} 列数超过 63，无法记录变更`);
    out.push({ name: String(name), pk: pks[0]!.name, columns: cols.map((c) => c.name) });
  }
  return out;
}

/** (Re)creates the capture triggers for the current schema; called on every open, after migrations. */
export function installCaptureTriggers(db: Database): void {
  db.exec(CAPTURE_TABLE_SQL);
  ensureDerivingFlag(db);
  // What replay or a migration made before this point is already in the image, not part of any write.
  db.exec('DELETE FROM _capture');
  const old = db.exec("SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE '\\_cap\\_%' ESCAPE '\\'");
  for (const [name] of old[0]?.values ?? []) db.exec(`DROP TRIGGER temp.${q(String(name))}`);
  for (const t of capturedTables(db)) {
    // A derived table's rows are logged as the step that made them (derived.ts); a row written any other way
    // is captured like any other, so nothing written to it is ever left out of the log.
    const when = DERIVED_TABLES.includes(t.name) ? ` WHEN NOT ${DERIVING_SQL}` : '';
    const json = (row: 'NEW' | 'OLD') => `json_object(${t.columns.map((c) => `${lit(c)}, ${row}.${q(c)}`).join(', ')})`;
    const ins = `INSERT INTO _capture (tbl, op, pk, data) VALUES (${lit(t.name)}, 'u', NEW.${q(t.pk)}, ${json('NEW')})`;
    const upd = `INSERT INTO _capture (tbl, op, pk, data, old) VALUES (${lit(t.name)}, 'u', NEW.${q(t.pk)}, ${json('NEW')}, ${json('OLD')})`;
    db.exec(`CREATE TEMP TRIGGER ${q(`_cap_${t.name}_i`)} AFTER INSERT ON ${q(t.name)}${when} BEGIN ${ins}; END`);
    db.exec(`CREATE TEMP TRIGGER ${q(`_cap_${t.name}_u`)} AFTER UPDATE ON ${q(t.name)}${when} BEGIN ${upd}; END`);
    db.exec(
      `CREATE TEMP TRIGGER ${q(`_cap_${t.name}_d`)} AFTER DELETE ON ${q(t.name)}${when} BEGIN ` +
        `INSERT INTO _capture (tbl, op, pk, data, old) VALUES (${lit(t.name)}, 'd', OLD.${q(t.pk)}, NULL, ${json('OLD')}); END`,
    );
  }
}

/** How many rows the current transaction has captured so far. */
export const capturedCount = (db: Database): number => Number(db.exec('SELECT count(*) FROM temp._capture')[0]?.values[0]?.[0] ?? 0);

/** Captured changes per piece of a log record: big enough to cross into JavaScript rarely, small enough not to grow the
 * WASM heap (which never shrinks) by a whole import's JSON at once. */
const RECORD_PIECE_ROWS = 20_000;

/**
 * What the current transaction captured, as the change-log record's `changes` array (StoredChange JSON): made inside
 * SQLite and taken out as bytes, so a 100,000-row import's 100 MB of row JSON is never decoded into JavaScript strings
 * and encoded back (that round trip, with its garbage, was a fifth of the import's commit). Leaves the rows in place.
 */
export function capturedRecordParts(db: Database, cache: StatementCache): Uint8Array[] {
  const range = db.exec('SELECT min(seq), max(seq) FROM temp._capture')[0]?.values[0];
  const parts: Uint8Array[] = [Buffer.from('[')];
  if (range?.[0] != null) {
    const first = Number(range[0]);
    const last = Number(range[1]);
    // The rows come in seq order from the subquery's range scan on the primary key; an ORDER BY inside
    // group_concat would copy every row into a sorter first (a third of this function's time).
    const sql =
      "SELECT CAST(group_concat(entry, ',') AS BLOB) FROM (SELECT '[' || json_quote(tbl) || ',\"' || op || '\",' || json_quote(pk) || ',' || " +
      "ifnull(data, 'null') || ']' AS entry FROM temp._capture WHERE seq BETWEEN ? AND ? ORDER BY seq)";
    for (let from = first; from <= last; from += RECORD_PIECE_ROWS) {
      const piece = cache.blob(sql, [from, Math.min(from + RECORD_PIECE_ROWS - 1, last)]);
      if (piece && piece.length > 0) {
        if (parts.length > 1) parts.push(Buffer.from(','));
        parts.push(piece);
      }
    }
  }
  parts.push(Buffer.from(']'));
  return parts;
}

/** The captured changes of one table, in order. */
function capturedChanges(db: Database, table: string): Change[] {
  const res = db.exec('SELECT tbl, op, pk, data FROM temp._capture WHERE tbl = ? ORDER BY seq', [table]);
  return (res[0]?.values ?? []).map((r) => [String(r[0]), r[1] as ChangeOp, String(r[2]), r[3] === null ? null : String(r[3])]);
}

export function clearCapture(db: Database): void {
  db.exec('DELETE FROM temp._capture');
}

/**
 * What one committed write changed, for the listeners that run after it (the search index, code assignment). Read
 * from the capture table on demand, so a listener that needs only a count does not pay for 100,000 rows.
 */
export interface Committed {
  /** Rows of `table` the write inserted, updated or deleted. */
  count(table: string): number;
  /** The write's changes to `table`, in order. */
  changes(table: string): readonly Change[];
  /** Whether a captured row of `table` holds this piece of JSON text (e.g. '"code":null'). */
  contains(table: string, jsonText: string): boolean;
}

/** A view of the capture table that lives as long as its rows do (until the listeners have run). */
export function committedView(db: Database): Committed {
  let counts: Map<string, number> | undefined;
  return {
    count(table) {
      counts ??= new Map((db.exec('SELECT tbl, count(*) FROM temp._capture GROUP BY tbl')[0]?.values ?? []).map((r) => [String(r[0]), Number(r[1])]));
      return counts.get(table) ?? 0;
    },
    changes: (table) => capturedChanges(db, table),
    contains: (table, jsonText) =>
      db.exec("SELECT 1 FROM temp._capture WHERE tbl = ? AND op = 'u' AND instr(data, ?) > 0 LIMIT 1", [table, jsonText]).length > 0,
  };
}

/** Applies captured changes in order. Upsert keeps rows that other changes reference intact. During replay the
 * capture triggers see these statements only when a record's derived steps need them (derived.ts). */
export function applyChanges(db: Database, changes: readonly StoredChange[]): void {
  const pkOf = new Map<string, string>();
  for (const t of capturedTables(db)) pkOf.set(t.name, t.pk);
  for (const [tbl, op, pk, data] of changes) {
    const pkCol = pkOf.get(tbl);
    if (!pkCol) throw new Error(`变更日志引用了未知的表 ${tbl}`);
    if (op === 'd') {
      db.run(`DELETE FROM ${q(tbl)} WHERE ${q(pkCol)} = ?`, [pk]);
      continue;
    }
    const row = data ?? {};
    const cols = Object.keys(row);
    const sets = cols.filter((c) => c !== pkCol).map((c) => `${q(c)} = excluded.${q(c)}`);
    const sql =
      `INSERT INTO ${q(tbl)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ` +
      `ON CONFLICT(${q(pkCol)}) DO ${sets.length ? `UPDATE SET ${sets.join(', ')}` : 'NOTHING'}`;
    db.run(
      sql,
      cols.map((c) => row[c] ?? null),
    );
  }
}
