/**
 * Statements run through SQLite's C interface directly, with the module's memory in hand.
 *
 * sql.js binds a string by measuring and encoding it in a JavaScript loop into memory it allocates for that one
 * value, and hands a blob back by copying it a byte at a time: for a 100,000-row import that was about a fifth
 * of the commit. Here a string is encoded natively (TextEncoder.encodeInto) into one reused buffer inside the
 * module and SQLite copies it from there; a blob is copied out natively. The functions used are the ones sql.js
 * itself exports; the memory comes from Emscripten's documented instantiateWasm hook (see sqlite.ts). Where
 * that memory is unknown, callers keep using sql.js's own statements.
 */
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';

const SQLITE_ROW = 100;
const SQLITE_DONE = 101;
/** SQLite copies a value bound with this destructor before the call returns. */
const SQLITE_TRANSIENT = -1;

/** The C functions sql.js exports (they are on its module object, not in its types). */
interface CApi {
  _malloc(n: number): number;
  _free(p: number): void;
  _sqlite3_prepare_v2(db: number, sql: number, n: number, pStmt: number, tail: number): number;
  _sqlite3_bind_text(st: number, i: number, p: number, n: number, destructor: number): number;
  _sqlite3_bind_blob(st: number, i: number, p: number, n: number, destructor: number): number;
  _sqlite3_bind_int(st: number, i: number, v: number): number;
  _sqlite3_bind_double(st: number, i: number, v: number): number;
  _sqlite3_step(st: number): number;
  _sqlite3_reset(st: number): number;
  _sqlite3_clear_bindings(st: number): number;
  _sqlite3_finalize(st: number): number;
  _sqlite3_column_blob(st: number, i: number): number;
  _sqlite3_column_bytes(st: number, i: number): number;
  _sqlite3_errmsg(db: number): number;
  stringToNewUTF8(s: string): number;
  UTF8ToString(p: number): string;
}

const memories = new WeakMap<SqlJsStatic, WebAssembly.Memory>();

/** Called by the loader with the module's memory, once it is instantiated. */
export function knowMemory(SQL: SqlJsStatic, memory: WebAssembly.Memory): void {
  memories.set(SQL, memory);
}

const encoder = new TextEncoder();

/** What raw statements of one database share: the C interface, the memory, one scratch buffer. */
export class RawConnection {
  private scratch = 0;
  private scratchSize = 0;
  private heap = new Uint8Array(0);
  private readonly api: CApi;
  private readonly dbPtr: number;

  private constructor(
    SQL: SqlJsStatic,
    private readonly memory: WebAssembly.Memory,
    db: Database,
  ) {
    this.api = SQL as unknown as CApi;
    this.dbPtr = (db as unknown as { db: number }).db;
  }

  /** Null where the module's memory is unknown (a module not loaded by loadSqlJs). */
  static of(SQL: SqlJsStatic, db: Database): RawConnection | null {
    const memory = memories.get(SQL);
    return memory && typeof (db as unknown as { db: unknown }).db === 'number' ? new RawConnection(SQL, memory, db) : null;
  }

  /** The module's memory now (it is replaced whenever the module grows it). */
  bytes(): Uint8Array {
    if (this.heap.buffer !== this.memory.buffer) this.heap = new Uint8Array(this.memory.buffer);
    return this.heap;
  }

  prepare(sql: string): RawStatement {
    const a = this.api;
    const text = a.stringToNewUTF8(sql);
    const out = a._malloc(4);
    try {
      const rc = a._sqlite3_prepare_v2(this.dbPtr, text, -1, out, 0);
      if (rc !== 0) throw this.error();
      const st = new DataView(this.memory.buffer).getInt32(out, true);
      if (st === 0) throw new Error('Nothing to prepare');
      return new RawStatement(this, a, st);
    } finally {
      a._free(out);
      a._free(text);
    }
  }

  error(): Error {
    return new Error(this.api.UTF8ToString(this.api._sqlite3_errmsg(this.dbPtr)));
  }

  /** A buffer inside the module of at least n bytes, valid until the next call. */
  room(n: number): number {
    if (n > this.scratchSize) {
      if (this.scratch) this.api._free(this.scratch);
      this.scratchSize = Math.max(n, 2 * this.scratchSize, 4096);
      this.scratch = this.api._malloc(this.scratchSize);
      if (!this.scratch) throw new Error('out of memory');
    }
    return this.scratch;
  }

  close(): void {
    if (this.scratch) this.api._free(this.scratch);
    this.scratch = 0;
    this.scratchSize = 0;
  }
}

export class RawStatement {
  constructor(
    private readonly conn: RawConnection,
    private readonly api: CApi,
    private st: number,
  ) {}

  /** Binds values as sql.js does (an int32 as an integer, any other number as a double); false for one it cannot. */
  bind(values: readonly SqlValue[]): boolean {
    const a = this.api;
    a._sqlite3_reset(this.st);
    a._sqlite3_clear_bindings(this.st);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      let rc: number;
      if (v === null || v === undefined) rc = a._sqlite3_bind_blob(this.st, i + 1, 0, 0, 0);
      else if (typeof v === 'string') {
        // Three bytes of UTF-8 at most per UTF-16 unit.
        const p = this.conn.room(v.length * 3 + 1);
        const n = encoder.encodeInto(v, this.conn.bytes().subarray(p, p + v.length * 3)).written;
        rc = a._sqlite3_bind_text(this.st, i + 1, p, n, SQLITE_TRANSIENT);
      } else if (typeof v === 'number') {
        rc = v === (v | 0) ? a._sqlite3_bind_int(this.st, i + 1, v) : a._sqlite3_bind_double(this.st, i + 1, v);
      } else if (v instanceof Uint8Array) {
        const p = this.conn.room(v.length + 1);
        this.conn.bytes().set(v, p);
        rc = a._sqlite3_bind_blob(this.st, i + 1, p, v.length, SQLITE_TRANSIENT);
      } else return false;
      if (rc !== 0) throw this.conn.error();
    }
    return true;
  }

  /** One step: true for a row, false when done; an error leaves the statement reset. */
  step(): boolean {
    const rc = this.api._sqlite3_step(this.st);
    if (rc === SQLITE_ROW) return true;
    if (rc === SQLITE_DONE) return false;
    const e = this.conn.error();
    this.api._sqlite3_reset(this.st);
    throw e;
  }

  /** Column i of the current row as bytes, copied out of the module. */
  blob(i: number): Buffer {
    const p = this.api._sqlite3_column_blob(this.st, i);
    const n = this.api._sqlite3_column_bytes(this.st, i);
    return Buffer.from(this.conn.bytes().subarray(p, p + n));
  }

  reset(): void {
    this.api._sqlite3_reset(this.st);
  }

  free(): void {
    if (this.st) this.api._sqlite3_finalize(this.st);
    this.st = 0;
  }
}
