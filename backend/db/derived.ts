/**
 * Writes derived from what a transaction captured, run inside SQLite and logged only as a name and arguments.
 *
 * The sync outbox is the one such table: its rows follow from the captured rows, the write's clock time and the
 * hub cursor, so the change log records "derive the outbox here, with this time" instead of a second copy of
 * every changed row (a 100,000-row import used to log each row twice and round-trip it through JSON in
 * JavaScript). Replaying the log runs the same derivation at the same point of the same state, which gives the
 * same rows and the same ids. That equivalence holds because replay fires the same capture triggers as the
 * original statements: the app writes rows with INSERT, UPDATE, DELETE and upserts, never INSERT OR REPLACE
 * (whose hidden delete would be an update on replay; test/unit/derivedWrites.test.ts keeps it that way).
 */
import type { Database, SqlValue } from 'sql.js';
import { AppError } from '../../shared/errors';
import { LOCAL_ONLY_TABLES } from '../../shared/syncProtocol';
import { quoteIdent, tableColumns } from './tables';

/** Tables whose rows are made by derived steps: the capture triggers skip what a step writes. */
export const DERIVED_TABLES: readonly string[] = ['sync_outbox'];

/** True while a derived step runs (a one-row TEMP table, so no image or log ever holds it). */
export const DERIVING_SQL = '(SELECT n FROM temp._deriving)';

export function ensureDerivingFlag(db: Database): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS _deriving (n INTEGER NOT NULL)');
  db.exec('INSERT INTO _deriving (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM _deriving)');
}

export type DerivedArgs = readonly (string | number | readonly string[])[];
/** [operation, changes of the record captured before it, arguments] as stored in a log record. */
export type DerivedStep = [op: DerivedOp, at: number, args: DerivedArgs];

/** The seqs as [first, last] runs, for the ack step. */
export function seqRuns(seqs: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const s of [...seqs].sort((x, y) => x - y)) {
    const last = runs.at(-1);
    if (last && s === last[1] + 1) last[1] = s;
    else runs.push([s, s]);
  }
  return runs;
}

const notSent = [...LOCAL_ONLY_TABLES, ...DERIVED_TABLES].map((t) => `'${t}'`).join(', ');

/**
 * One outbox entry per row the transaction changed: the whole row when it was inserted (or deleted and made
 * again), only the fields whose value differs from before the transaction for an update, NULL for a delete;
 * rows changed back to what they were send nothing. Entries are queued in the order the rows were first
 * changed (parents before children, as the hub requires). An id is the write's clock time and the position of
 * the row's first capture in the write, so a replay makes the same ones and the hub, which applies each id once,
 * cannot take a replayed entry twice. (Ordering the small grouped rows before joining the row JSON back in,
 * rather than numbering and sorting the finished entries, made a 100,000-row write's step 3 × faster.)
 *
 * `whole` is what a whole-row entry holds: the row's JSON (as logs of earlier versions replay it), or WHOLE_ROW.
 */
const captureSql = (idSuffix: string, whole: string) => `
WITH g AS MATERIALIZED (
  SELECT tbl, pk, min(seq) AS first, max(seq) AS last, max(op = 'd' OR old IS NULL) AS whole
  FROM temp._capture WHERE tbl NOT IN (${notSent}) GROUP BY tbl, pk ORDER BY first
), e AS (
  SELECT g.first, g.tbl, g.pk,
    CASE WHEN l.op = 'd' THEN NULL
         WHEN g.whole THEN ${whole}
         ELSE (SELECT json_group_object(n.key, n.value) FROM json_each(l.data) AS n WHERE n.value IS NOT (f.old ->> n.key))
    END AS fields
  FROM g CROSS JOIN temp._capture AS l ON l.seq = g.last JOIN temp._capture AS f ON f.seq = g.first
)
INSERT INTO sync_outbox (id, tbl, pk, fields, hlc, seen)
SELECT ?1 || '-' || ${idSuffix}, tbl, pk, fields, ?1, ?2 FROM e
WHERE fields IS NULL OR fields <> '{}'`;

/**
 * A whole-row entry holds this instead of a copy of the row: the push reads the row when it sends it (a 100,000-row
 * import no longer writes its 100 MB of rows a second time, into the outbox). So that the hub still gets the row as
 * it was when the entry was made, any later write that changes or deletes the row first puts the row's earlier
 * state into its waiting entries (OUTBOX_KEEP_SQL) — local edits, changes pulled from the hub and the yearly
 * archive's deletes alike.
 */
export const WHOLE_ROW = '*';

/**
 * Fills waiting whole-row entries of the rows this write changed with each row's state before the write (the
 * capture's `old` of its first change; a row whose first change in the write is its insert had no waiting entry
 * that could still describe it). Driven from the capture table, so a write that only inserts costs a scan of it.
 */
const OUTBOX_KEEP_SQL = `
UPDATE sync_outbox SET fields = m.old
FROM (
  SELECT tbl, pk, old FROM (
    SELECT tbl, pk, old, seq, min(seq) OVER (PARTITION BY tbl, pk) AS first
    FROM temp._capture WHERE (tbl, pk) IN (SELECT tbl, pk FROM temp._capture WHERE old IS NOT NULL)
  ) WHERE seq = first AND old IS NOT NULL
) AS m
WHERE sync_outbox.fields = '${WHOLE_ROW}' AND sync_outbox.tbl = m.tbl AND sync_outbox.pk = m.pk`;

function run(db: Database, sql: string, params: SqlValue[]): number {
  db.run(sql, params);
  return db.getRowsModified();
}

function columnsOf(db: Database, tbl: string): { pk: string; columns: string[] } {
  const cols = tableColumns(db, tbl);
  const pk = cols.find((c) => c.pk > 0)?.name;
  if (!pk) throw new AppError('INTERNAL', `表 ${tbl} 没有主键，无法加入同步队列`);
  return { pk, columns: cols.map((c) => c.name) };
}

const enqueue =
  (whole: (columns: string[]) => string) =>
  (db: Database, [hlc, seen, tables]: DerivedArgs) => {
    let n = 0;
    (tables as readonly string[]).forEach((tbl, i) => {
      const { pk, columns } = columnsOf(db, tbl);
      n += run(
        db,
        `INSERT INTO sync_outbox (id, tbl, pk, fields, hlc, seen)
       SELECT ?1 || '-' || ${i} || '-' || row_number() OVER (ORDER BY rowid), ?3, CAST(${quoteIdent(pk)} AS TEXT), ${whole(columns)}, ?1, ?2
       FROM ${quoteIdent(tbl)} ORDER BY rowid`,
        [String(hlc), Number(seen), tbl],
      );
    });
    return n;
  };
const rowJson = (columns: string[]) => `json_object(${columns.map((c) => `'${c}', ${quoteIdent(c)}`).join(', ')})`;

const OPS = {
  /** args: [hlc, seen] — the outbox entries of what this transaction captured so far, whole rows as WHOLE_ROW, after
   * keeping what waiting entries of the changed rows must send. Ids end in the position padded to ten digits, so a
   * write's entries go into the id index in order (unpadded, "10" sorts before "9"). */
  'outbox.capture2': (db: Database, [hlc, seen]: DerivedArgs) =>
    run(db, OUTBOX_KEEP_SQL, []) + run(db, captureSql("printf('%010d', first)", `'${WHOLE_ROW}'`), [String(hlc), Number(seen)]),
  /** args: [] — a write the hub is not told about (pulled from it, or moved into the yearly archive) still keeps what
   * the waiting entries of the rows it changes must send. */
  'outbox.keep': (db: Database) => run(db, OUTBOX_KEEP_SQL, []),
  /** args: [hlc, seen, tables] — every row of the tables as a whole-row entry (first sync, new token). Must come before
   * any change to those tables in its write: the write's own keep step gives a changed row's waiting entries the row
   * as it was before the write. */
  'outbox.enqueue2': enqueue(() => `'${WHOLE_ROW}'`),
  /** As logs written before WHOLE_ROW replay them (the same rows as then): rows copied, unpadded positions. */
  'outbox.capture': (db: Database, [hlc, seen]: DerivedArgs) => run(db, captureSql('first', 'l.data'), [String(hlc), Number(seen)]),
  'outbox.enqueue': enqueue(rowJson),
  /** args: [ranges] — entries the hub acknowledged leave the outbox, named by [first, last] runs of their seq
   * (a batch of 5,000 acks is usually one run: a few bytes in the log instead of 5,000 ids). */
  'outbox.ack': (db: Database, [ranges]: DerivedArgs) =>
    (JSON.parse(String(ranges)) as [number, number][]).reduce((n, [a, b]) => n + run(db, 'DELETE FROM sync_outbox WHERE seq BETWEEN ? AND ?', [a, b]), 0),
} satisfies Record<string, (db: Database, args: DerivedArgs) => number>;

export type DerivedOp = keyof typeof OPS;

export function runDerived(db: Database, op: DerivedOp, args: DerivedArgs): number {
  const fn = OPS[op] as ((db: Database, args: DerivedArgs) => number) | undefined;
  if (!fn) throw new AppError('DAMAGED', `变更日志中有本程序不认识的操作 ${String(op)}，可能由更新版本的程序写入`);
  // The flag table comes with the capture triggers (capture.ts), installed before any step runs, also on replay.
  db.exec('UPDATE temp._deriving SET n = 1');
  try {
    return fn(db, args);
  } finally {
    db.exec('UPDATE temp._deriving SET n = 0');
  }
}
