/**
 * Whether the machine's PostgreSQL answers, asked once per run by the global set-ups and handed to the tests
 * (vitest provide/inject). Without one, the hub's tests run on the embedded database only and say so — except
 * under CI, where the PostgreSQL runs are the point and a missing server fails the run.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const PG_ADMIN_URL = process.env['PG_TEST_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: boolean;
  }
}

export async function providePostgres(project: TestProject): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  let why: string | null = null;
  try {
    await c.connect();
    await c.query('SELECT 1');
  } catch (e) {
    why = e instanceof Error ? e.message : String(e);
  } finally {
    await c.end().catch(() => undefined);
  }
  if (why && process.env['CI']) throw new Error(`CI runs the hub's tests on PostgreSQL, which did not answer at ${PG_ADMIN_URL}: ${why}`);
  if (why)
    // eslint-disable-next-line no-console -- test harness: tells the developer why the hub's tests skip PostgreSQL.
    console.warn(
      `PostgreSQL not reachable at ${PG_ADMIN_URL} (${why}): the hub's tests run on the embedded database only. Set PG_TEST_URL to use another server.`,
    );
  project.provide('postgres', why === null);
}
