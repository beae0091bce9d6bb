import fs from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';

/**
 * The file a sql.js database lives in, in the module's in-memory file system (sql.js names it per Database object
 * and leaves the name out of its types): what ATTACH takes to join two databases of one module.
 */
export const memfsName = (db: Database): string => (db as unknown as { filename: string }).filename;

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
