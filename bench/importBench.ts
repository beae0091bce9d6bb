/** Import of a 100,000-row .xlsx (issue 4): target under 20 s and under 1.5 GB. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { configureHub } from '../backend/sync/hubLink';
import { Backend, type Session } from '../backend/host/backend';
import { fakeIdNumber, fakeMobile, fakeName } from '../backend/seed/generate';
import { Rng } from '../backend/seed/random';
import { time } from './stats';

const SESSION: Session = { actor: 'bench', role: 'admin' };

function workbook(rows: number, villages: string[]): Buffer {
  const rng = new Rng(5);
  const now = new Date();
  const aoa: (string | number)[][] = [['2026年客户名单'], ['姓名', '身份证号', '手机', '行政村', '地址', '户类型', '营销授权']];
  for (let i = 0; i < rows; i++) {
    aoa.push([
      fakeName(rng),
      fakeIdNumber(rng, now),
      fakeMobile(rng),
      rng.pick(villages),
      `幸福路${i}号`,
      rng.pick(['种植大户', '养殖大户', '']),
      rng.chance(0.8) ? '是' : '否',
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '客户');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

async function callOk<T>(b: Backend, name: string, input: unknown): Promise<T> {
  const env = await b.call(name, input, SESSION);
  if (!env.ok) throw new Error(env.error.message);
  return env.value as T;
}

export async function importBench(rows = 100_000): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const b = await Backend.open({ dir, create: true, snapshotDelayMs: 3_600_000 });
  // With a hub set up every imported row also becomes an outbox entry: measure that case on request.
  if (process.env['BENCH_IMPORT_SYNC']) configureHub(b.db, b.sync, { hubUrl: 'https://hub.invalid', token: `bbench0001.${'x'.repeat(43)}` });
  const villages: string[] = [];
  for (let i = 0; i < 200; i++) villages.push((await callOk<{ name: string }>(b, 'villages.create', { name: `测试${i}村` })).name);
  const file = workbook(rows, villages);
  // The floor the issue measures against: SheetJS reading the same file, nothing else.
  const [, bareParseMs] = await time(() => Promise.resolve(XLSX.read(file, { type: 'buffer', dense: true })));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const [, previewMs] = await time(async () => {
    const { jobId } = await callOk<{ jobId: string }>(b, 'customers.importStart', { fileName: 'bench.xlsx', dataBase64: file.toString('base64') });
    for (;;) {
      const s = await callOk<{ state: string }>(b, 'jobs.get', { id: jobId });
      if (s.state === 'done') break;
      if (s.state !== 'running') throw new Error(JSON.stringify(s));
      await new Promise((r) => setTimeout(r, 20));
    }
    (globalThis as { jobId?: string }).jobId = jobId;
  });
  const jobId = (globalThis as { jobId?: string }).jobId!;
  const [result, commitMs] = await time(() => callOk<{ inserted: number }>(b, 'customers.importCommit', { jobId, onDuplicate: 'skip' }));
  clearInterval(sampler);
  await b.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    rows,
    fileMB: file.length / 1024 / 1024,
    inserted: result.inserted,
    previewMs,
    commitMs,
    totalMs: previewMs + commitMs,
    bareParseMs,
    totalOverBareParse: (previewMs + commitMs) / bareParseMs,
    peakRssMB: peak / 1024 / 1024,
  };
}
