/**
 * Readable and writable handles over one sql.js database. Services get a Reader for queries and a Writer only
 * inside LocalDatabase.write(), so a query path cannot write by accident and every write is captured and logged.
 */
import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { RawConnection, type RawStatement } from './rawStatement';

export type Params = SqlValue[] | Record<string, SqlValue>;
export type Row = Record<string, SqlValue>;

export interface Reader {
  all<T extends object = Row>(sql: string, params?: Params): T[];
  get<T extends object = Row>(sql: string, params?: Params): T | undefined;
  /** First column of the first row. */
  value<T extends SqlValue = SqlValue>(sql: string, params?: Params): T | undefined;
  /** The year's campaign archive (backend/archive/), where the working database has one; opened on demand. */
  archive?: (year: number) => Reader;
}

export interface Writer extends Reader {
  run(sql: string, params?: Params): number;
}

/** Prepared statements are cached by their SQL text; callers pass values only as parameters. */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();
  private readonly raws = new Map<string, RawStatement>();
  private readonly conn: RawConnection | null;
  constructor(
    private readonly db: Database,
    SQL?: SqlJsStatic,
  ) {
    this.conn = SQL ? RawConnection.of(SQL, db) : null;
  }

  /** The statement run through SQLite's C interface (see rawStatement.ts); null where that is not available. */
  raw(sql: string): RawStatement | null {
    const conn = this.conn;
    return conn ? this.cached(this.raws, sql, () => conn.prepare(sql)) : null;
  }

  prepare(sql: string): Statement {
    return this.cached(this.cache, sql, () => this.db.prepare(sql));
  }

  /**
   * The first column of the first row as bytes (null when there is no row or it is not a blob): through the C
   * interface where it can, so the bytes are copied out natively (sql.js copies a blob a byte at a time).
   */
  blob(sql: string, params: SqlValue[]): Uint8Array | null {
    const raw = this.raw(sql);
    if (raw?.bind(params)) {
      try {
        return raw.step() ? raw.blob(0) : null;
      } finally {
        raw.reset();
      }
    }
    const st = this.prepare(sql);
    try {
      st.bind(params);
      const v = st.step() ? st.get()[0] : null;
      return v instanceof Uint8Array ? v : null;
    } finally {
      st.reset();
    }
  }

  /** Finalizes every statement, and gives back the buffer raw statements share. */
  clear(): void {
    for (const st of this.cache.values()) st.free();
    this.cache.clear();
    for (const st of this.raws.values()) st.free();
    this.raws.clear();
    this.conn?.close();
  }

  private cached<T>(map: Map<string, T>, sql: string, make: () => T): T {
    let st = map.get(sql);
    if (!st) {
      st = make();
      if (map.size > 500) this.clear();
      map.set(sql, st);
    }
    return st;
  }
}

export function makeReader(cache: StatementCache, archive?: (year: number) => Reader): Reader {
  const all = <T extends object>(sql: string, params?: Params): T[] => {
    const st = cache.prepare(sql);
    try {
      if (params) st.bind(params);
      const rows: T[] = [];
      // Column names once per query, not per row as getAsObject does: a list of 80,000 targets is read in a third
      // of the time (each name is a call into the WASM module).
      let names: string[] | null = null;
      while (st.step()) {
        names ??= st.getColumnNames();
        const values = st.get();
        const row: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
        rows.push(row as T);
      }
      return rows;
    } finally {
      st.reset();
    }
  };
  return {
    ...(archive ? { archive } : {}),
    all,
    get: <T extends object>(sql: string, params?: Params) => {
      const st = cache.prepare(sql);
      try {
        if (params) st.bind(params);
        return st.step() ? (st.getAsObject() as T) : undefined;
      } finally {
        st.reset();
      }
    },
    value: <T extends SqlValue>(sql: string, params?: Params) => {
      const st = cache.prepare(sql);
      try {
        if (params) st.bind(params);
        return st.step() ? (st.get()[0] as T) : undefined;
      } finally {
        st.reset();
      }
    },
  };
}

export function makeWriter(db: Database, cache: StatementCache, archive?: (year: number) => Reader): Writer {
  return {
    ...makeReader(cache, archive),
    run: (sql, params) => {
      const list = params === undefined ? [] : Array.isArray(params) ? params : null;
      const raw = list ? cache.raw(sql) : null;
      if (list && raw?.bind(list)) {
        try {
          raw.step();
        } finally {
          raw.reset();
        }
        return db.getRowsModified();
      }
      const st = cache.prepare(sql);
      try {
        if (params) st.bind(params);
        st.step();
      } finally {
        st.reset();
      }
      return db.getRowsModified();
    },
  };
}
