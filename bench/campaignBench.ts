/** Campaigns at branch scale (issue 5): 50,000 customers and 500,000 visits; filter count and results. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend, type Session } from '../backend/host/backend';
import { seedCampaigns } from '../backend/seed/campaigns';
import { seedBranch } from '../backend/seed/generate';
import type { SegmentFilter } from '../shared/campaign';
import { percentile, time } from './stats';

const SESSION: Session = { actor: 'bench', role: 'admin' };

async function ok<T>(b: Backend, name: string, input: unknown): Promise<T> {
  const env = await b.call(name, input, SESSION);
  if (!env.ok) throw new Error(env.error.message);
  return env.value as T;
}

export async function campaignBench(customers = 50_000, visits = 500_000): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-campaign-'));
  const b = await Backend.open({ dir, create: true, snapshotDelayMs: 3_600_000, snapshotLogBytes: 2 ** 31 });
  const now = new Date();
  const [, seedMs] = await time(() => {
    b.db.write('seed', (w) => seedBranch(w, { villages: 200, customers, seed: 1, now, actor: 'bench' }));
    seedCampaigns((l, fn) => b.db.write(l, fn), { campaigns: 12, visits, seed: 1, now, actor: 'bench' });
  });
  const villages = b.db.read((r) => r.all<{ id: string }>('SELECT id FROM villages LIMIT 40').map((v) => v.id));
  const filters: SegmentFilter[] = [
    {},
    { villageIds: villages.slice(0, 20), ageMin: 30, ageMax: 60 },
    { usage: [{ line: '报刊', has: false }], grades: [1, 2] },
    { winBack: { line: '储蓄', months: 6 } },
    { crossSell: { uses: '储蓄', notUses: '保险' }, sex: 'F' },
    { lastOutcomes: ['interested', 'not_home'] },
    { tags: ['教师', '医生护士'], hasPhone: true },
  ];
  const countTimes: number[] = [];
  for (let i = 0; i < 35; i++) {
    const [, t] = await time(() => ok(b, 'segments.count', { filter: filters[i % filters.length] }));
    countTimes.push(t);
  }
  const campaigns = await ok<{ id: string }[]>(b, 'campaigns.list', {});
  const resultTimes: number[] = [];
  for (let i = 0; i < 24; i++) {
    const [, t] = await time(() => ok(b, 'campaigns.results', { id: campaigns[i % campaigns.length]!.id }));
    resultTimes.push(t);
  }
  // Issue 7: the campaign report of this database as a formatted workbook, through the same job the app uses.
  const [, exportMs] = await time(async () => {
    const { jobId } = await ok<{ jobId: string }>(b, 'reports.exportStart', { names: ['campaign'] });
    for (;;) {
      const st = await ok<{ state: string }>(b, 'jobs.get', { id: jobId });
      if (st.state === 'done') break;
      if (st.state !== 'running') throw new Error(JSON.stringify(st));
      await new Promise((r) => setTimeout(r, 10));
    }
    await ok(b, 'reports.exportResult', { jobId });
  });
  b.db.abandon();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    customers,
    visits,
    seedMs,
    countMedianMs: percentile(countTimes, 50),
    countP95Ms: percentile(countTimes, 95),
    resultsMedianMs: percentile(resultTimes, 50),
    resultsP95Ms: percentile(resultTimes, 95),
    reportExportMs: exportMs,
  };
}
