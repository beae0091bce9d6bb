/** Division reference (issue 8): load time of the shipped resource and search latency over all villages. */
import fs from 'node:fs';
import { DivisionIndex } from '../backend/divisions/divisionIndex';
import { Rng } from '../backend/seed/random';
import { DIVISIONS_FILE, ensureDivisions } from '../scripts/build-divisions';
import { percentile, time } from './stats';

export async function divisionsBench(): Promise<Record<string, number>> {
  ensureDivisions();
  const [idx, loadMs] = await time(() => DivisionIndex.load(DIVISIONS_FILE));
  const rng = new Rng(8);
  const samples = idx.search('村', 5000).hits;
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const h = rng.pick(samples);
    const kind = i % 3;
    const q = kind === 0 ? h.name.slice(0, 2) : kind === 1 ? h.initials.slice(0, 3) : h.code.slice(0, 9);
    const [, t] = await time(() => idx.search(q, 50));
    times.push(t);
  }
  return {
    villages: idx.villageCount,
    fileMB: fs.statSync(DIVISIONS_FILE).size / 1024 / 1024,
    loadMs,
    searchMedianMs: percentile(times, 50),
    searchP95Ms: percentile(times, 95),
  };
}
