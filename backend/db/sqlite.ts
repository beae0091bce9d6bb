import fs from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { knowMemory } from './rawStatement';

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
    let memory: WebAssembly.Memory | undefined;
    // sql.js waits on the hook for ever: a failed instantiation has to reach the caller by another way.
    let failed: (e: unknown) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => (failed = reject));
    const loaded = initSqlJs({
      // Emscripten's hook for instantiating the module ourselves: the one way to the module's memory, which
      // rawStatement.ts reads and writes natively (sql.js exports no view of it).
      instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) {
        void WebAssembly.instantiate(wasmBinary, imports).then(({ instance }) => {
          memory = Object.values(instance.exports).find((v): v is WebAssembly.Memory => v instanceof WebAssembly.Memory);
          done(instance);
        }, failed);
        return {};
      },
    } as Parameters<typeof initSqlJs>[0]);
    const SQL = await Promise.race([loaded, failure]);
    if (memory) knowMemory(SQL, memory);
    return SQL;
  })();
  return loading;
}
