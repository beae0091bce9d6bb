/**
 * The city tier at scale (issue 17 point 5): a city of 50 branches, 1,000,000 customers and 2,000,000 visits on
 * PostgreSQL, loaded through the hub's checks and storage (server/bulkLoad.ts); then each city report's time, one
 * branch's campaign page, and sync latency at 100 syncs/s while city reports run, against a hub process of its
 * own. One template branch is made with the branch's own seeding code and copied per branch with fresh ids.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../backend/host/backend';
import { seedCampaigns } from '../backend/seed/campaigns';
import { seedBranch } from '../backend/seed/generate';
import { HttpTransport } from '../backend/sync/httpTransport';
import { dataTables } from '../backend/db/tables';
import { BRANCH_SCHEMA } from '../shared/branchSchema';
import { REPORT_NAMES } from '../shared/domain';
import { formatHlc, Hlc } from '../shared/hlc';
import { LOCAL_ONLY_TABLES, SEALED_PREFIX, type SyncValue } from '../shared/syncProtocol';
import { addBranch, reissueToken } from '../server/branches';
import { bulkLoad, type BulkRow } from '../server/bulkLoad';
import { campaignDrill, campaignProgress } from '../server/city/campaigns';
import { cityBranches } from '../server/city/branches';
import { cityMaintenance } from '../server/city/maintenance';
import { cityReport } from '../server/city/reports';
import { openHubDb } from '../server/db';
import { migrateHub } from '../server/migrations';
import { percentile, time } from './stats';
import { freshDatabase, startHubProcess } from './syncBench';

const HUB_CAMPAIGN = 'c0ffee00-0000-4000-8000-0000000c1700';

/** Parents before children, as a branch's outbox sends them. */
function parentsFirst(tables: string[]): string[] {
  const out: string[] = [];
  const visit = (t: string) => {
    if (out.includes(t)) return;
    for (const c of BRANCH_SCHEMA.tables[t]?.columns ?? []) if (c.ref && c.ref !== t && tables.includes(c.ref)) visit(c.ref);
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}

async function templateBranch(customers: number, visits: number): Promise<BulkRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hub-template-'));
  const b = await Backend.open({ dir, create: true, snapshotDelayMs: 3_600_000, snapshotLogBytes: 2 ** 31 });
  const now = new Date();
  b.db.write('seed', (w) => seedBranch(w, { villages: Math.max(10, Math.round(customers / 100)), customers, seed: 5, now, actor: 'bench' }));
  seedCampaigns((l, fn) => b.db.write(l, fn), { campaigns: 6, visits, seed: 5, now, actor: 'bench' });
  // The first campaign plays the 专项活动 issued from the hub: same id in every branch.
  b.db.write('hubify', (w) => {
    const id = w.value<string>('SELECT id FROM campaigns ORDER BY created_at, id LIMIT 1')!;
    w.run('PRAGMA defer_foreign_keys = ON');
    for (const t of ['campaign_targets', 'visits', 'campaign_stage_events', 'selection_events'])
      w.run(`UPDATE ${t} SET campaign_id = ? WHERE campaign_id = ?`, [HUB_CAMPAIGN, id]);
    w.run("UPDATE campaigns SET id = ?, owner = 'hub' WHERE id = ?", [HUB_CAMPAIGN, id]);
  });
  const rows: BulkRow[] = [];
  b.db.read((r) => {
    for (const tbl of parentsFirst(dataTables(r).filter((t) => !LOCAL_ONLY_TABLES.includes(t) && t in BRANCH_SCHEMA.tables))) {
      const pk = BRANCH_SCHEMA.tables[tbl]!.pk;
      for (const data of r.all<Record<string, SyncValue>>(`SELECT * FROM "${tbl}"`)) {
        // The hub keeps account secrets only sealed; the benchmark's accounts need none that opens.
        if (tbl === 'users') data['password_hash'] = `${SEALED_PREFIX}${crypto.randomBytes(40).toString('base64url')}`;
        rows.push({ tbl, pk: String(data[pk]), data });
      }
    }
  });
  b.db.abandon();
  fs.rmSync(dir, { recursive: true, force: true });
  return rows;
}

/** The template with every row id made this branch's own (references follow, since they hold the same ids). */
function copyFor(template: readonly BulkRow[], n: number): BulkRow[] {
  const ids = new Map<string, string>();
  for (const r of template) if (r.pk !== HUB_CAMPAIGN) ids.set(r.pk, `${r.pk}-${n}`);
  return template.map((r) => {
    const data: Record<string, SyncValue> = {};
    for (const [k, v] of Object.entries(r.data)) data[k] = typeof v === 'string' ? (ids.get(v) ?? v) : v;
    return { tbl: r.tbl, pk: ids.get(r.pk) ?? r.pk, data };
  });
}

export async function hubBench(branches = 50, customers = 1_000_000, visits = 2_000_000): Promise<Record<string, number>> {
  const out: Record<string, number> = { branches, customers, visits };
  const db = await freshDatabase();
  const hubDb = await openHubDb({ databaseUrl: db.url });
  await migrateHub(hubDb);
  try {
    const [template, templateMs] = await time(() => templateBranch(Math.round(customers / branches), Math.round(visits / branches)));
    out['templateRows'] = template.length;
    out['templateMs'] = templateMs;
    const clock = new Hlc('benchhub', Date.now);
    await hubDb.query("INSERT INTO hub_campaigns (id, name, channels) VALUES ($1, '报刊大收订', '[\"door\"]'::jsonb)", [HUB_CAMPAIGN]);
    const ids: string[] = [];
    let refused = 0;
    const [, loadMs] = await time(async () => {
      for (let i = 0; i < branches; i++) {
        const { id } = await addBranch(hubDb, `基准${String(i + 1).padStart(2, '0')}支局`);
        ids.push(id);
        await hubDb.query('INSERT INTO hub_campaign_branches (campaign_id, branch_id, target_count) VALUES ($1, $2, $3)', [HUB_CAMPAIGN, id, 1000]);
        refused += (await bulkLoad(hubDb, id, copyFor(template, i), clock)).refused.length;
      }
    });
    out['loadMs'] = loadMs;
    out['loadRowsPerSecond'] = Math.round((template.length * branches) / (loadMs / 1000));
    out['refused'] = refused;
    await hubDb.query('VACUUM ANALYZE');
    const size = await hubDb.query<{ s: string }>('SELECT pg_database_size(current_database()) AS s');
    out['databaseMB'] = Math.round(Number(size[0]!.s) / 2 ** 20);

    const now = new Date();
    for (const name of REPORT_NAMES) out[`report_${name}_ms`] = (await time(() => cityReport(hubDb, name, { from: null, to: null }, now)))[1];
    out['branchesPageMs'] = (await time(() => cityBranches(hubDb, now)))[1];
    out['maintenancePageMs'] = (await time(() => cityMaintenance(hubDb, now.getFullYear(), now)))[1];
    out['campaignProgressMs'] = (await time(() => campaignProgress(hubDb, HUB_CAMPAIGN, now)))[1];
    const drills: number[] = [];
    for (let i = 0; i < 10; i++) drills.push((await time(() => campaignDrill(hubDb, HUB_CAMPAIGN, ids[i % ids.length]!)))[1]);
    out['branchProgressMedianMs'] = percentile(drills, 50);
    out['branchProgressP95Ms'] = percentile(drills, 95);

    Object.assign(out, await syncUnderReports(db.url, hubDb, ids));
  } finally {
    await hubDb.close();
    // BENCH_HUB_KEEP=1 leaves the city database in place to study a query plan (its address is printed).
    if (process.env['BENCH_HUB_KEEP']) console.error(`kept: ${db.url}`);
    else await db.drop();
  }
  return out;
}

/**
 * 100 syncs a second for 10 s from the branches (each pushes one edit of a customer and pulls what is new),
 * against a hub process of its own, while the city reports run over and over on another connection.
 */
async function syncUnderReports(url: string, hubDb: Awaited<ReturnType<typeof openHubDb>>, ids: string[]): Promise<Record<string, number>> {
  const hub = await startHubProcess(url);
  const tokens: { transport: HttpTransport; customer: string; cursor: number }[] = [];
  for (const id of ids) {
    const { token } = await reissueToken(hubDb, id);
    const customer = (await hubDb.query<{ id: string }>('SELECT id FROM b_customers WHERE branch_id = $1 LIMIT 1', [id]))[0]!.id;
    const seq = Number((await hubDb.query<{ seq: string }>('SELECT seq FROM branches WHERE id = $1', [id]))[0]!.seq);
    tokens.push({ transport: new HttpTransport(hub.url, token), customer, cursor: seq });
  }
  let reporting = true;
  let reportsRun = 0;
  const reports = (async () => {
    while (reporting) {
      await cityReport(hubDb, REPORT_NAMES[reportsRun % REPORT_NAMES.length]!, { from: null, to: null }, new Date());
      reportsRun++;
    }
  })();
  const latencies: number[] = [];
  let failures = 0;
  const started = Date.now();
  const inflight: Promise<void>[] = [];
  for (let k = 0; k < 1000; k++) {
    const due = started + k * 10;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const b = tokens[k % tokens.length]!;
    inflight.push(
      (async () => {
        const t0 = performance.now();
        try {
          const hlc = formatHlc({ millis: Date.now(), counter: k, node: 'b0b0b0b0' });
          await b.transport.push({
            node: 'b0b0b0b0',
            changes: [{ id: crypto.randomBytes(16).toString('hex'), tbl: 'customers', pk: b.customer, fields: { notes: `第${k}次` }, hlc, seen: b.cursor }],
          });
          const page = await b.transport.pull(b.cursor, 5000, 'b0b0b0b0', 0);
          b.cursor = page.cursor;
          latencies.push(performance.now() - t0);
        } catch {
          failures++;
        }
      })(),
    );
  }
  await Promise.all(inflight);
  const elapsed = (Date.now() - started) / 1000;
  reporting = false;
  await reports;
  hub.proc.kill('SIGTERM');
  return {
    syncs: latencies.length,
    syncFailures: failures,
    syncsPerSecond: Math.round(latencies.length / elapsed),
    syncP50Ms: percentile(latencies, 50),
    syncP95Ms: percentile(latencies, 95),
    cityReportsDuringSync: reportsRun,
  };
}
