import fs from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;

/** Loads the SQLite WebAssembly module once per process (or worker); the wasm file ships in node_modules. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmBinary = fs.readFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'));
    return initSqlJs({ wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) as ArrayBuffer });
  })();
  return loading;
}

type Cwrap = (name: string, ret: string | null, args: string[]) => (...a: (number | string)[]) => number;
interface SqlJsModule extends SqlJsStatic {
  cwrap: Cwrap;
}
const SQLITE_OK = 0;
const SQLITE_DONE = 101;

const memoryClasses = new WeakMap<SqlJsStatic, new () => Database>();

/**
 * sql.js keeps every database as a file of its JavaScript in-memory file system, so each page SQLite reads or
 * writes crosses from WebAssembly into JavaScript and is copied, and the image is held twice (the file, plus
 * what SQLite caches). Named ":memory:", the same connection keeps its pages in SQLite's own heap: one copy,
 * no crossing. Everything else of sql.js (statements, export through the backup API) works unchanged.
 */
function memoryClass(SQL: SqlJsStatic): new () => Database {
  let cls = memoryClasses.get(SQL);
  if (cls) return cls;
  class MemoryDatabase extends SQL.Database {
    override close(): void {
      try {
        super.close();
      } catch (e) {
        // sql.js unlinks the database's file after closing it, and a ":memory:" database has none.
        if ((e as { name?: string }).name !== 'ErrnoError') throw e;
        (this as unknown as { db: number | null }).db = null;
      }
    }
  }
  // sql.js's constructor opens `this.filename`; export() names its scratch file after it (":memory:_export").
  Object.defineProperty(MemoryDatabase.prototype, 'filename', { get: () => ':memory:', set: () => undefined });
  cls = MemoryDatabase;
  memoryClasses.set(SQL, cls);
  return cls;
}

/** A database held in SQLite's own memory, filled with `image` (a database file) when given. */
export function openMemoryDatabase(SQL: SqlJsStatic, image?: Uint8Array): Database {
  const db = new (memoryClass(SQL))();
  if (!image) return db;
  const source = new SQL.Database(image);
  try {
    copyInto(SQL as SqlJsModule, source, db);
  } catch (e) {
    db.close();
    throw e;
  } finally {
    source.close();
  }
  return db;
}

function copyInto(SQL: SqlJsModule, source: Database, target: Database): void {
  const init = SQL.cwrap('sqlite3_backup_init', 'number', ['number', 'string', 'number', 'string']);
  const step = SQL.cwrap('sqlite3_backup_step', 'number', ['number', 'number']);
  const finish = SQL.cwrap('sqlite3_backup_finish', 'number', ['number']);
  const handle = (d: Database) => (d as unknown as { db: number }).db;
  const backup = init(handle(target), 'main', handle(source), 'main');
  if (!backup) throw new Error('无法载入数据库映像（备份接口初始化失败）');
  const rc = step(backup, -1);
  const done = finish(backup);
  // A damaged image fails here as "file is not a database" / "malformed", as sql.js's own open would.
  if (rc !== SQLITE_DONE || done !== SQLITE_OK) source.exec('SELECT count(*) FROM sqlite_master');
  if (rc !== SQLITE_DONE) throw new Error(`载入数据库映像失败（代码 ${rc}）`);
}
