/**
 * The yearly campaign archive (issue 18, point 1: keep the hot image small). A branch of 100,000 customers and
 * 500,000 visits in 12 monthly campaigns, seen 215 days after the last one started, when the six oldest ended
 * over a year ago: the move itself, the image and the open before and after, and what reading an archived
 * campaign costs (the first read opens its year's file, later ones find it open).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../backend/host/backend';
import { seedCampaigns } from '../backend/seed/campaigns';
import { seedBranch } from '../backend/seed/generate';
import { runChild } from './child';

const DAY = 86_400_000;
const ADMIN = { actor: 'bench', role: 'admin' as const };

const openInChild = (dir: string) => runChild<Record<string, number>>(path.join(import.meta.dirname, 'openChild.ts'), [dir]);
const bestOpen = (dir: string) => Math.min(...[0, 1, 2].map(() => openInChild(dir)['openMs']!));
const folderMB = (dir: string) =>
  fs.readdirSync(dir).reduce((n, f) => n + (fs.statSync(path.join(dir, f)).isFile() ? fs.statSync(path.join(dir, f)).size : 0), 0) / 2 ** 20;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

export async function archiveBench(customers: number, visits: number): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-archive-'));
  const seededAt = new Date(Date.now() - 215 * DAY);
  const clock = { now: seededAt };
  const open = () => Backend.open({ dir, create: true, now: () => clock.now, snapshotDelayMs: 3_600_000, snapshotLogBytes: 2 ** 31 });
  let b = await open();
  b.db.write('seed', (w) => seedBranch(w, { villages: Math.max(1, Math.round(customers / 250)), customers, seed: 1, now: seededAt, actor: 'bench' }));
  seedCampaigns((l, fn) => b.db.write(l, fn), { campaigns: 12, visits, seed: 1, now: seededAt, actor: 'bench' });
  await b.close();
  clock.now = new Date();
  const openBeforeMs = bestOpen(dir);
  const folderBeforeMB = folderMB(dir);

  b = await open();
  const [run, archiveMs] = await timed(() => b.call('archive.run', {}, ADMIN));
  if (!run.ok) throw new Error(run.error.message);
  const r = run.value as { campaigns: number; visits: number; imageBefore: number; imageAfter: number };
  const peakMB = process.resourceUsage().maxRSS / 1024;
  const archived = b.db.read((x) => x.value<string>('SELECT id FROM campaign_archives LIMIT 1'))!;
  b.db.archives.closeAll();
  const [, coldResultsMs] = await timed(() => b.call('campaigns.results', { id: archived }, ADMIN));
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push((await timed(() => b.call('campaigns.results', { id: archived }, ADMIN)))[1]);
  b.db.archives.closeAll();
  const [, reportMs] = await timed(() => b.call('reports.get', { name: 'campaign' }, ADMIN));
  await b.close();
  const openAfterMs = bestOpen(dir);
  const archiveMB = fs.readdirSync(path.join(dir, 'archive')).reduce((n, f) => n + fs.statSync(path.join(dir, 'archive', f)).size, 0) / 2 ** 20;
  const out = {
    customers,
    visits,
    archivedCampaigns: r.campaigns,
    archivedVisits: r.visits,
    imageBeforeMB: r.imageBefore / 2 ** 20,
    imageAfterMB: r.imageAfter / 2 ** 20,
    archiveFilesMB: archiveMB,
    folderBeforeMB,
    folderAfterMB: folderMB(dir),
    archiveMs,
    archivePeakRssMB: peakMB,
    openBeforeMs,
    openAfterMs,
    archivedResultsColdMs: coldResultsMs,
    archivedResultsWarmMedianMs: warm.sort((x, y) => x - y)[2]!,
    campaignReportAllMs: reportMs,
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}
