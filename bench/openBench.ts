/**
 * Opening a busy branch (issue 18, point 1): an empty branch, 50,000 customers + 200,000 visits and 100,000 +
 * 500,000, each opened in a fresh process as the app does (until the log-in screen answers), with the image and
 * data folder sizes and the memory the open took on top of the process's own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../backend/host/backend';
import { seedCampaigns } from '../backend/seed/campaigns';
import { seedBranch } from '../backend/seed/generate';
import { runChild } from './child';

async function seed(customers: number, visits: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-open-${customers}-`));
  const b = await Backend.open({ dir, create: true, snapshotDelayMs: 3_600_000, snapshotLogBytes: 2 ** 31 });
  const now = new Date();
  if (customers) b.db.write('seed', (w) => seedBranch(w, { villages: Math.max(1, Math.round(customers / 250)), customers, seed: 1, now, actor: 'bench' }));
  if (visits) seedCampaigns((l, fn) => b.db.write(l, fn), { campaigns: 12, visits, seed: 1, now, actor: 'bench' });
  await b.close();
  return dir;
}

const sizeMB = (dir: string, filter: (f: string) => boolean = () => true) =>
  fs
    .readdirSync(dir)
    .filter(filter)
    .reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) /
  1024 /
  1024;

const openInChild = (dir: string) => runChild<Record<string, number>>(path.join(import.meta.dirname, 'openChild.ts'), [dir]);

export async function openBench(cases: readonly [customers: number, visits: number][]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [customers, visits] of [[0, 0] as const, ...cases]) {
    const dir = await seed(customers, visits);
    const imageMB = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.pbdb'))
      .map((f) => fs.statSync(path.join(dir, f)).size / 1024 / 1024)
      .at(-1)!;
    // Best of three: the figure is what the open costs, not what the machine did meanwhile.
    const runs = [openInChild(dir), openInChild(dir), openInChild(dir)].sort((a, b) => a['openMs']! - b['openMs']!);
    const r = runs[0]!;
    const key = `${customers / 1000}k_${visits / 1000}k`;
    Object.assign(out, {
      [`${key}_imageMB`]: imageMB,
      [`${key}_folderMB`]: sizeMB(dir),
      [`${key}_openMs`]: r['openMs']!,
      [`${key}_firstScreenMs`]: r['firstScreenMs']!,
      [`${key}_openMemoryMB`]: r['afterRssMB']! - r['baseRssMB']!,
      [`${key}_peakOpenMemoryMB`]: r['openPeakRssMB']! - r['baseRssMB']!,
      [`${key}_peakWithFirstScreenMB`]: r['peakRssMB']! - r['baseRssMB']!,
    });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
