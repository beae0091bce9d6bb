/**
 * The hub's storage: PostgreSQL through `pg` when a DATABASE_URL is given, otherwise PGlite (PostgreSQL
 * compiled to WASM, in-process, no installation) in a data folder. Both speak the same SQL, so every query
 * of the hub is written once and the test suite runs it on both.
 */
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

/** Rows are typed per query by the caller. */
export type Row = object;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface HubDb extends Queryable {
  readonly kind: 'postgres' | 'embedded';
  /** Runs fn in one transaction; rolled back if it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

class PgHubDb implements HubDb {
  readonly kind = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}

  async query<T extends Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({ query: async <R extends Row>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[] });
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

class EmbeddedHubDb implements HubDb {
  readonly kind = 'embedded' as const;
  constructor(private readonly db: PGlite) {}

  async query<T extends Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query<T>(sql, params)).rows;
  }

  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction((t) => fn({ query: async <R extends Row>(sql: string, params: unknown[] = []) => (await t.query<R>(sql, params)).rows }));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export interface HubDbOptions {
  /** postgres://… ; when absent the embedded database in dataDir is used. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; omitted = in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
}

export async function openHubDb(opts: HubDbOptions): Promise<HubDb> {
  if (opts.databaseUrl) {
    // JIT compilation pays off for hour-long analytics, not for the hub's sub-second city figures: over the
    // partitioned branch tables it spent 3.3 s compiling a 1 s query (measured with EXPLAIN ANALYZE).
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, options: '-c jit=off -c work_mem=128MB' });
    // An idle client that loses its server (restart, network) emits here; the pool replaces it on next use.
    pool.on('error', () => undefined);
    await pool.query('SELECT 1');
    return new PgHubDb(pool);
  }
  return new EmbeddedHubDb(await PGlite.create(opts.dataDir));
}

/** pg returns bigint as text, PGlite as number: the hub's sequences fit in a double for any real branch. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
