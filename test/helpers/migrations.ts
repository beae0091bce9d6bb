/**
 * Databases at an older schema, for the migration tests (test/integration/migrations/): open a LocalDatabase
 * that stops at schema k (the first k migrations), write rows with plain SQL as the program of that time would
 * have, close it (final snapshot) and open the folder again with more migrations. Plus what every migration test
 * checks: the rows before and after, foreign keys, integrity, the schema as sqlite_master has it.
 */
import { expect } from 'vitest';
import { LocalDatabase, type OpenOptions } from '../../backend/db/localDatabase';
import type { Reader, Row, Writer } from '../../backend/db/handles';
import { MIGRATIONS } from '../../backend/db/migrations/index';
import { DATA_TABLES_SQL, quoteIdent } from '../../backend/db/tables';
import { tmpDir } from './tmp';

/** The schema number of a migration: 1 for 0001_init … 11 for 0011_codes_recycle. */
export function schemaOf(id: string): number {
  const i = MIGRATIONS.findIndex((m) => m.id === id);
  if (i < 0) throw new Error(`unknown migration ${id}`);
  return i + 1;
}

export const LATEST = MIGRATIONS.length;

type Extra = Omit<OpenOptions, 'dir' | 'migrations' | 'create'>;

/** Opens (creating if need be) the folder with the first `k` migrations only. */
export function openAt(dir: string, k: number, extra: Extra = {}): Promise<LocalDatabase> {
  return LocalDatabase.open({ ...extra, dir, create: true, migrations: MIGRATIONS.slice(0, k) });
}

/**
 * A new folder whose database stops at schema `k`, with the rows `fill` writes (one logged write, then the final
 * snapshot of close()). Returns the folder.
 */
export async function databaseAt(k: number, fill: (w: Writer) => void, extra: Extra = {}): Promise<string> {
  const dir = tmpDir(`pbdb-mig${k}-`);
  const db = await openAt(dir, k, extra);
  expect(appliedIds(db)).toEqual(MIGRATIONS.slice(0, k).map((m) => m.id));
  db.write('test.seed', fill);
  await db.close();
  return dir;
}

/** The ids recorded in _migrations, in order. */
export const appliedIds = (db: LocalDatabase): string[] => db.read((r) => r.all<{ id: string }>('SELECT id FROM _migrations ORDER BY seq').map((x) => x.id));

export const dataTables = (r: Reader): string[] => r.all<{ name: string }>(DATA_TABLES_SQL).map((t) => t.name);

export const columnsOf = (r: Reader, table: string): string[] => r.all<{ name: string }>(`PRAGMA table_info(${quoteIdent(table)})`).map((c) => c.name);

function pkOf(r: Reader, table: string): string {
  return r.all<{ name: string; pk: number }>(`PRAGMA table_info(${quoteIdent(table)})`).find((c) => c.pk > 0)!.name;
}

export type Dump = Record<string, Row[]>;

/** Every row of every data table, ordered by primary key. */
export function dump(db: LocalDatabase): Dump {
  return db.read((r) => {
    const out: Dump = {};
    for (const t of dataTables(r)) out[t] = r.all(`SELECT * FROM ${quoteIdent(t)} ORDER BY ${quoteIdent(pkOf(r, t))}`);
    return out;
  });
}

const project = (row: Row, cols: readonly string[]): Row => Object.fromEntries(cols.map((c) => [c, row[c] ?? null]));

/**
 * No row lost, none added to a table that existed before (unless listed in `grown`), and no value of a column
 * that existed before changed: a migration may only add tables, columns and the rows it says it adds.
 */
export function expectRowsKept(before: Dump, after: Dump, grown: readonly string[] = []): void {
  for (const [table, rows] of Object.entries(before)) {
    expect(after[table], `table ${table} is gone`).toBeDefined();
    const cols = rows[0] ? Object.keys(rows[0]) : [];
    if (after[table]![0]) expect(Object.keys(after[table]![0]!), `columns of ${table}`).toEqual(expect.arrayContaining(cols));
    const was = rows.map((row) => project(row, cols));
    const now = after[table]!.map((row) => project(row, cols));
    if (grown.includes(table)) expect(now, `rows of ${table}`).toEqual(expect.arrayContaining(was));
    else expect(now, `rows of ${table}`).toEqual(was);
  }
}

/** The columns a table gained, in table order (empty when the table had no rows to compare). */
export function newColumns(before: Dump, after: Dump, table: string): string[] {
  const had = new Set(Object.keys(before[table]?.[0] ?? {}));
  return Object.keys(after[table]?.[0] ?? {}).filter((c) => !had.has(c));
}

export function foreignKeyProblems(db: LocalDatabase): Row[] {
  return db.read((r) => r.all('PRAGMA foreign_key_check'));
}

export function integrity(db: LocalDatabase): string[] {
  return db.read((r) => r.all<{ integrity_check: string }>('PRAGMA integrity_check').map((x) => x.integrity_check));
}

/** Foreign keys hold, the file is sound, and the ids recorded are the first `k` migrations. */
export function expectSound(db: LocalDatabase, k: number): void {
  expect(foreignKeyProblems(db)).toEqual([]);
  expect(integrity(db)).toEqual(['ok']);
  expect(appliedIds(db)).toEqual(MIGRATIONS.slice(0, k).map((m) => m.id));
  expect(db.read((r) => r.value<number>('PRAGMA foreign_keys'))).toBe(1);
}

/**
 * Tries a write that the schema should refuse; returns SQLite's message (null if it went through, which is then
 * rolled back by throwing, so a probe never leaves a row behind either way).
 */
export function refusal(db: LocalDatabase, sql: string, params: (string | number | null)[] = []): string | null {
  const accepted = new Error('accepted');
  try {
    db.write('test.probe', (w) => {
      w.run(sql, params);
      throw accepted;
    });
  } catch (e) {
    if (e === accepted) return null;
    return e instanceof Error ? e.message : String(e);
  }
  return null;
}

export interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** CREATE statements as SQLite keeps them, comments dropped and white space normalised, in a stable order. */
export function normalisedSchema(db: LocalDatabase): SchemaObject[] {
  return db
    .read((r) => r.all<SchemaObject>("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name"))
    .map((o) => ({ ...o, sql: o.sql === null ? null : normaliseSql(o.sql) }));
}

export function normaliseSql(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),;])\s*/g, '$1')
    .trim();
}

export interface Upgrade {
  dir: string;
  /** Every data row at schema k − 1. */
  before: Dump;
  /** Every data row right after migration k ran. */
  after: Dump;
  /** The database at schema k, open. */
  db: LocalDatabase;
}

/**
 * A database at schema k − 1 holding what `fill` writes, closed, then opened with migration k as well: the
 * report must say exactly that migration ran, and the snapshot it writes must be the only new generation.
 */
export async function upgradeTo(k: number, fill: (w: Writer) => void): Promise<Upgrade> {
  const dir = await databaseAt(k - 1, fill);
  const old = await openAt(dir, k - 1);
  const before = dump(old);
  await old.close();
  const db = await openAt(dir, k);
  expect(db.report.migrated).toEqual([MIGRATIONS[k - 1]!.id]);
  expect(db.report.replayedRecords).toBe(0);
  return { dir, before, after: dump(db), db };
}

/**
 * Writes at the new schema are captured and logged like any other: `write` runs, the process "crashes" (no
 * final snapshot), and the folder opened again replays the write.
 */
export async function expectWriteSurvivesCrash(dir: string, k: number, write: (w: Writer) => void, check: (r: Reader) => void): Promise<void> {
  const db = await openAt(dir, k);
  db.write('test.after-migration', write);
  db.abandon();
  const again = await openAt(dir, k);
  expect(again.report.migrated).toEqual([]);
  expect(again.report.replayedRecords).toBeGreaterThanOrEqual(1);
  again.read(check);
  expectSound(again, k);
  await again.close();
}
