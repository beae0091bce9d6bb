/**
 * Sync (issue 6, point 8): push and pull of 10,000 changes on loopback; a sync with nothing to do; 200
 * branches syncing at once against one hub process on PostgreSQL (the hub runs in its own process so the
 * simulated branches do not share its event loop).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Backend } from '../backend/host/backend';
import { seedBranch } from '../backend/seed/generate';
import { configureHub, syncOnline } from '../backend/sync/hubLink';
import { HttpTransport } from '../backend/sync/httpTransport';
import { formatHlc } from '../shared/hlc';
import { addBranch } from '../server/branches';
import { openHubDb } from '../server/db';
import { migrateHub } from '../server/migrations';
import { percentile, time } from './stats';

const ADMIN_URL = process.env['PG_TEST_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hub_bench_${crypto.randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: ADMIN_URL });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

export async function startHubProcess(databaseUrl: string): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts'), '--port', String(port), '--database-url', databaseUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => (/已启动/.test(d.toString()) ? resolve() : undefined));
    proc.on('exit', (code) => reject(new Error(`hub exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, proc };
}

export async function syncBench(changes = 10_000, branches = 200): Promise<Record<string, number>> {
  const out: Record<string, number> = { changes, branches };
  const db = await freshDatabase();
  const hub = await startHubProcess(db.url);
  const admin = await openHubDb({ databaseUrl: db.url });
  await migrateHub(admin);
  try {
    // 1. One branch PC pushes 10,000 changes (new customers with their village rows); a new PC pulls them.
    const { token } = await addBranch(admin, '基准支局');
    const dirA = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-a-'));
    const a = await Backend.open({ dir: dirA, create: true, snapshotDelayMs: 3_600_000 });
    configureHub(a.db, a.sync, { hubUrl: hub.url, token });
    await syncOnline(a.db, a.sync, () => new Date());
    a.db.write('seed', (w) => seedBranch(w, { villages: 20, customers: Math.round(changes / 1.96), seed: 3, now: new Date(), actor: 'bench' }));
    out['outbox'] = a.db.read((r) => r.value<number>('SELECT count(*) FROM sync_outbox') ?? 0);
    const [pushed, pushMs] = await time(() => syncOnline(a.db, a.sync, () => new Date()));
    out['pushed'] = pushed.pushed;
    out['pushMs'] = pushMs;
    const b = await Backend.open({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-b-')), create: true, snapshotDelayMs: 3_600_000 });
    configureHub(b.db, b.sync, { hubUrl: hub.url, token });
    const [pulled, pullMs] = await time(() => syncOnline(b.db, b.sync, () => new Date()));
    out['pulled'] = pulled.pulled;
    out['pullMs'] = pullMs;
    // 2. Nothing to do.
    const idle: number[] = [];
    for (let i = 0; i < 30; i++) idle.push((await time(() => syncOnline(a.db, a.sync, () => new Date())))[1]);
    out['idleMedianMs'] = percentile(idle, 50);
    out['idleP95Ms'] = percentile(idle, 95);
    await a.close();
    await b.close();

    // 3. 200 branches at once: each pushes 50 new customers and pulls what it has not seen, twice over.
    const tokens: string[] = [];
    for (let i = 0; i < branches; i++) tokens.push((await addBranch(admin, `并发支局${i}`)).token);
    const latencies: number[] = [];
    let moved = 0;
    const t0 = performance.now();
    for (let round = 0; round < 2; round++) {
      await Promise.all(
        tokens.map(async (tok, i) => {
          const t = new HttpTransport(hub.url, tok);
          const node = `bench${i}`;
          const started = performance.now();
          const msgs = Array.from({ length: 50 }, (_, k) => {
            const id = crypto.randomUUID();
            const at = new Date().toISOString();
            return {
              id: crypto.randomUUID(),
              tbl: 'customers',
              pk: id,
              seen: 0,
              hlc: formatHlc({ millis: Date.now(), counter: round * 100 + k, node }),
              fields: {
                id,
                kind: 'person',
                name: `客户${i}-${round}-${k}`,
                tags: '[]',
                consent: 0,
                created_at: at,
                updated_at: at,
                grade: 4,
                selection_count: 0,
              },
            };
          });
          const r = await t.push({ node, changes: msgs });
          let since = 0;
          let rows = 0;
          for (;;) {
            const page = await t.pull(since, 5000, node);
            rows += page.rows.length;
            since = page.cursor;
            if (!page.more) break;
          }
          moved += r.applied + rows;
          latencies.push(performance.now() - started);
        }),
      );
    }
    const wall = performance.now() - t0;
    out['concurrentSyncs'] = latencies.length;
    out['concurrentWallMs'] = wall;
    out['syncsPerSecond'] = latencies.length / (wall / 1000);
    out['changesPerSecond'] = moved / (wall / 1000);
    out['concurrentMedianMs'] = percentile(latencies, 50);
    out['concurrentP95Ms'] = percentile(latencies, 95);
  } finally {
    hub.proc.kill('SIGTERM');
    await admin.close();
    await db.drop();
  }
  return out;
}
