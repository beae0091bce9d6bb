/**
 * Foundation benchmark at branch scale (issue 3): open, search, one durable edit, snapshot.
 * Targets: open < 1.5 s, search p95 < 30 ms (issue 18; 50 ms in issue 3), durable edit < 20 ms and flat with size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend, type Session } from '../backend/host/backend';
import { Rng } from '../backend/seed/random';
import { seedBranch } from '../backend/seed/generate';
import { ms, percentile, time } from './stats';

const SESSION: Session = { actor: 'bench', role: 'admin' };

async function seeded(customers: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${customers}-`));
  const b = await Backend.open({ dir, create: true });
  b.db.write('seed', (w) => seedBranch(w, { villages: Math.max(1, Math.round(customers / 250)), customers, seed: 1, now: new Date(), actor: 'bench' }));
  await b.close();
  return dir;
}

async function editLatencies(b: Backend, n: number): Promise<number[]> {
  const ids = b.db.read((r) => r.all<{ id: string }>('SELECT id FROM customers LIMIT ?', [n]).map((x) => x.id));
  const out: number[] = [];
  for (const [i, id] of ids.entries()) {
    const env = await b.call('customers.get', { id }, SESSION);
    if (!env.ok) throw new Error(env.error.message);
    // As the form does: only the changed field is sent.
    const fields = { notes: `第${i}次维护` };
    const [res, t] = await time(() => b.call('customers.update', { id, fields }, SESSION));
    if (!res.ok) throw new Error(res.error.message);
    out.push(t);
  }
  return out;
}

export async function foundationBench(customers = 50_000): Promise<Record<string, number>> {
  const small = await seeded(1_000);
  const dir = await seeded(customers);
  const snapshotBytes =
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.pbdb'))
      .map((f) => fs.statSync(path.join(dir, f)).size)
      .at(-1) ?? 0;

  // As the app opens (until the log-in screen can answer; grades and the search index follow), then everything.
  const [early, openMs] = await time(() => Backend.open({ dir, snapshotDelayMs: 3_600_000, deferStartup: true }));
  await early.close();
  const [b, openWithStartupMs] = await time(() => Backend.open({ dir, snapshotDelayMs: 3_600_000 }));
  const rng = new Rng(99);
  const samples = b.db.read((r) =>
    r.all<{ name: string; phone: string | null; id_number: string | null }>('SELECT name, phone, id_number FROM customers LIMIT 2000'),
  );
  const searchTimes: number[] = [];
  for (let i = 0; i < 100; i++) {
    const s = rng.pick(samples);
    const kind = i % 3;
    const q = kind === 0 ? s.name : kind === 1 ? (s.phone ?? '138').slice(3, 8) : (s.id_number ?? '3714').slice(0, 10);
    const [env, t] = await time(() => b.call('customers.list', { query: q, limit: 200 }, SESSION));
    if (!env.ok) throw new Error(env.error.message);
    searchTimes.push(t);
  }
  const edits = await editLatencies(b, 50);
  const rssBefore = process.memoryUsage().rss;
  const [, snapMs] = await time(() => b.db.snapshot());
  const rssAfter = process.memoryUsage().rss;
  await b.close();

  const bs = await Backend.open({ dir: small, snapshotDelayMs: 3_600_000 });
  const smallEdits = await editLatencies(bs, 50);
  await bs.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(small, { recursive: true, force: true });

  return {
    customers,
    openMs,
    openWithStartupMs,
    searchMedianMs: percentile(searchTimes, 50),
    searchP95Ms: percentile(searchTimes, 95),
    editMedianMs: percentile(edits, 50),
    editP95Ms: percentile(edits, 95),
    editMedianMsAt1k: percentile(smallEdits, 50),
    snapshotMs: snapMs,
    snapshotMB: snapshotBytes / 1024 / 1024,
    snapshotRssDeltaMB: (rssAfter - rssBefore) / 1024 / 1024,
  };
}

export function printFoundation(r: Record<string, number>): void {
  const line = (k: string, v: string, target = '') => console.log(`  ${k.padEnd(34)}${v.padStart(12)}  ${target}`);
  console.log(`Foundation (${r['customers']} customers)`);
  line('open as the app does (log-in screen)', ms(r['openMs']!), 'target < 1000 ms');
  line('open with grades + search index', ms(r['openWithStartupMs']!));
  line('search median (100 searches)', ms(r['searchMedianMs']!));
  line('search p95', ms(r['searchP95Ms']!), 'target < 30 ms');
  line('durable edit median', ms(r['editMedianMs']!), 'target < 20 ms');
  line('durable edit p95', ms(r['editP95Ms']!));
  line('durable edit median at 1k customers', ms(r['editMedianMsAt1k']!), '(should be about the same)');
  line('snapshot (export + atomic write)', ms(r['snapshotMs']!));
  line('snapshot file size', `${r['snapshotMB']!.toFixed(1)} MB`);
}
