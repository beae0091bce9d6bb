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

export type ChangeOp = 'u' | 'd';
/** [table, op, primary key, row JSON or null]; kept as raw JSON text to avoid re-encoding on the hot path.
 * (The capture table also keeps the row before an update, for the outbox derived inside SQLite.) */
export type Change = [table: string, op: ChangeOp, pk: string, data: string | null];
/** A change as read back from the log: the row JSON was spliced in unescaped, so it parses to an object. */
export type StoredChange = [table: string, op: ChangeOp, pk: string, data: Record<string, string | number | null> | null];

const parsedRows = new WeakMap<Change, Record<string, string | number | null> | null>();

/**
 * A captured row as an object, parsed once per change however many readers of the commit ask (the sync
 * outbox in the hook, then the search index after the commit); null for a delete.
 */
export function changedRow(c: Change): Record<string, string | number | null> | null {
  let row = parsedRows.get(c);
  if (row === undefined) {
    row = c[3] === null ? null : (JSON.parse(c[3]) as Record<string, string | number | null>);
    parsedRows.set(c, row);
  }
  return row;
}

/** The changes as JSON text with each row's JSON spliced in as is (no second escaping of 100k rows). */
export function changesJson(changes: readonly Change[]): string {
  const parts = changes.map(([t, o, pk, d]) => `[${JSON.stringify(t)},"${o}",${JSON.stringify(pk)},${d ?? 'null'}]`);
  return `[${parts.join(',')}]`;
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
        `INSERT INTO _capture (tbl, op, pk, data) VALUES (${lit(t.name)}, 'd', OLD.${q(t.pk)}, NULL); END`,
    );
  }
}

/** Reads and clears what the current transaction captured. Must run inside that transaction. */
export function drainCapture(db: Database): Change[] {
  const res = db.exec('SELECT tbl, op, pk, data FROM _capture ORDER BY seq');
  if (!res[0]) return [];
  db.exec('DELETE FROM _capture');
  return res[0].values.map((r) => [String(r[0]), r[1] as ChangeOp, String(r[2]), r[3] === null ? null : String(r[3])]);
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
