/**
 * A real hub for tests: the HTTP service on a loopback port over either the embedded database (PGlite, in a
 * temp folder so a restart keeps its data) or a fresh database on the machine's PostgreSQL.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { openHubDb, type HubDb } from '../../server/db';
import { createHub, type Hub } from '../../server/http';
import { migrateHub } from '../../server/migrations';
import { addBranch } from '../../server/branches';
import { inject } from 'vitest';
import { PG_ADMIN_URL } from './postgresProbe';
import { tmpDir } from './tmp';

export type HubKind = 'embedded' | 'postgres';

export { PG_ADMIN_URL };

/** The databases the hub's tests run on: both where PostgreSQL answers (always under CI), else the embedded one. */
export const HUB_KINDS: HubKind[] = inject('postgres') ? ['embedded', 'postgres'] : ['embedded'];
/** The hub a user would run: PostgreSQL where there is one. */
export const REAL_HUB: HubKind = HUB_KINDS.at(-1)!;

export interface TestHub {
  kind: HubKind;
  url: string;
  db: HubDb;
  /** The PostgreSQL database of a 'postgres' hub, for a second hub process or the CLI on the same data. */
  databaseUrl: string | undefined;
  hub: Hub;
  addBranch(name: string): Promise<{ id: string; token: string }>;
  /** Stops the service and its database connections, then starts both again on the same data and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHub(kind: HubKind): Promise<TestHub> {
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  if (kind === 'postgres') {
    const name = `hub_test_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    dataDir = tmpDir('hub-');
  }
  let db = await openHubDb({ databaseUrl, dataDir });
  await migrateHub(db);
  let hub = createHub({ db });
  const port = await hub.listen(0);
  const t: TestHub = {
    kind,
    url: `http://127.0.0.1:${port}`,
    db,
    databaseUrl,
    hub,
    addBranch: (name) => addBranch(t.db, name),
    restart: async () => {
      await hub.close();
      await db.close();
      db = await openHubDb({ databaseUrl, dataDir });
      await migrateHub(db);
      hub = createHub({ db });
      await hub.listen(port);
      t.db = db;
      t.hub = hub;
    },
    stop: async () => {
      await hub.close();
      await db.close();
      await dropDb?.();
    },
  };
  return t;
}
