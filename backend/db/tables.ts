/**
 * What the generic code (change capture, sync, cross-branch reports) needs to know of a table: its quoted
 * name, its single primary-key column and its columns. Tables whose names start with "_" are bookkeeping.
 */
import type { Database } from 'sql.js';
import type { Reader } from './handles';

export const quoteIdent = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

export const DATA_TABLES_SQL =
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name";

export interface TableShape {
  pk: string;
  columns: Set<string>;
}

/** The table's primary key and columns; null when it does not exist here (or has no single-column key). */
export function tableShape(r: Reader, tbl: string): TableShape | null {
  const cols = r.all<{ name: string; pk: number }>(`PRAGMA table_info(${quoteIdent(tbl)})`);
  const pk = cols.find((c) => c.pk > 0)?.name;
  return pk ? { pk, columns: new Set(cols.map((c) => c.name)) } : null;
}

/** tableShape, asked once per table for as long as the returned function is kept (a pull page, a push batch). */
export function tableShapes(r: Reader): (tbl: string) => TableShape | null {
  const shapes = new Map<string, TableShape | null>();
  return (tbl) => {
    if (!shapes.has(tbl)) shapes.set(tbl, tableShape(r, tbl));
    return shapes.get(tbl)!;
  };
}

export const dataTables = (r: Reader): string[] => r.all<{ name: string }>(DATA_TABLES_SQL).map((t) => t.name);

/** The same as tableShape, read from the raw connection (capture triggers and replay run below the handles). */
export function tableColumns(db: Database, tbl: string): { name: string; pk: number }[] {
  return (db.exec(`PRAGMA table_info(${quoteIdent(tbl)})`)[0]?.values ?? []).map((r) => ({ name: String(r[1]), pk: Number(r[5]) }));
}
