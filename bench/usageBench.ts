/**
 * Usage extracts (issue 11): a 100,000-row savings extract matched against 50,000 customers (target under 30 s),
 * the same extract again (nothing new), and the review queue opened with 10,000+ waiting entries (under 1 s).
 * The extract mixes what the province sends: rows found by ID number, by mobile + name, by name + address with
 * the village spelled the official way and Chinese numerals, near misses, and people the branch does not have.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { Backend, type Session } from '../backend/host/backend';
import { fakeIdNumber, fakeMobile, fakeName, seedBranch } from '../backend/seed/generate';
import { Rng } from '../backend/seed/random';
import type { QueuePage } from '../shared/usage';
import { percentile, time } from './stats';

const SESSION: Session = { actor: 'bench', role: 'admin' };
const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

async function ok<T>(b: Backend, name: string, input: unknown): Promise<T> {
  const env = await b.call(name, input, SESSION);
  if (!env.ok) throw new Error(env.error.message);
  return env.value as T;
}

interface Known {
  name: string;
  id_number: string | null;
  phone: string | null;
  village: string;
  group_name: string | null;
  address: string | null;
}

function extract(rows: number, known: Known[], villages: string[], now: Date): Buffer {
  const rng = new Rng(7);
  const aoa: (string | number | null)[][] = [['邮储银行储蓄客户提取'], ['客户姓名', '证件号码', '手机号码', '所属村', '地址', '储种', '最近交易日期', '余额']];
  const products = ['活期', '定期', '理财'];
  for (let i = 0; i < rows; i++) {
    const k = rng.pick(known);
    const product = rng.pick(products);
    const date = `2026-0${rng.int(1, 3)}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const amount = rng.int(10, 500_000);
    const kind = rng.int(0, 9);
    if (kind <= 3 && k.id_number) aoa.push([k.name, k.id_number, null, null, null, product, date, amount]);
    else if (kind <= 5 && k.phone) aoa.push([k.name, null, k.phone, null, null, product, date, amount]);
    else if (kind <= 7) {
      // The village as 村委会, the group in Chinese numerals: the name + address rule.
      const group = k.group_name ? `${CN[Number(k.group_name.replace('组', ''))] ?? ''}组` : '';
      aoa.push([k.name, null, null, k.village.replace(/村$/, '村委会'), `山东省德州市${k.village}${group}${k.address ?? ''}`, product, date, amount]);
    } else if (kind === 8)
      aoa.push([k.name, null, fakeMobile(rng), rng.pick(villages), null, product, date, amount]); // near miss
    else
      aoa.push([
        fakeName(rng),
        rng.chance(0.5) ? fakeIdNumber(rng, now) : null,
        fakeMobile(rng),
        rng.pick(villages),
        `${rng.int(1, 9)}组${rng.int(1, 99)}号`,
        product,
        date,
        amount,
      ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '储蓄');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

async function importFile(
  b: Backend,
  file: Buffer,
): Promise<{ prepareMs: number; commitMs: number; result: { matched: number; queued: number; unmatched: number; facts: number } }> {
  const [jobId, prepareMs] = await time(async () => {
    const { jobId } = await ok<{ jobId: string }>(b, 'usage.importStart', { fileName: '储蓄2026Q1.xlsx', dataBase64: file.toString('base64'), line: '储蓄' });
    for (;;) {
      const s = await ok<{ state: string }>(b, 'jobs.get', { id: jobId });
      if (s.state === 'done') return jobId;
      if (s.state !== 'running') throw new Error(JSON.stringify(s));
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  const [result, commitMs] = await time(() => ok<{ matched: number; queued: number; unmatched: number; facts: number }>(b, 'usage.importCommit', { jobId }));
  return { prepareMs, commitMs, result };
}

export async function usageBench(customers = 50_000, rows = 100_000): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-usage-'));
  const b = await Backend.open({ dir, create: true, snapshotDelayMs: 3_600_000, snapshotLogBytes: 2 ** 31 });
  const now = new Date();
  b.db.write('seed', (w) => seedBranch(w, { villages: 200, customers, seed: 3, now, actor: 'bench' }));
  const known = b.db.read((r) =>
    r.all<Known>('SELECT c.name, c.id_number, c.phone, v.name AS village, c.group_name, c.address FROM customers c JOIN villages v ON v.id = c.village_id'),
  );
  const villages = [...new Set(known.map((k) => k.village))];
  const file = extract(rows, known, villages, now);

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const first = await importFile(b, file);
  clearInterval(sampler);
  const again = await importFile(b, file);

  const pending = (await ok<QueuePage>(b, 'usage.queue', { limit: 1 })).total;
  // As the screen opens it: the first page of 1,000 with the counts, then the first entry beside its candidates.
  const openTimes: number[] = [];
  const wholeTimes: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 7; i++) {
    const [, t] = await time(async () => {
      const page = await ok<QueuePage>(b, 'usage.queue', { limit: 1000 });
      await ok(b, 'usage.queueEntry', { id: page.rows[0]!.id });
    });
    openTimes.push(t);
    const [, whole] = await time(async () => (bytes = JSON.stringify(await ok<QueuePage>(b, 'usage.queue', { limit: 20_000 })).length));
    wholeTimes.push(whole);
  }
  const [, summaryMs] = await time(() => ok(b, 'usage.summary', {}));
  await b.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    customers,
    rows,
    fileMB: file.length / 1024 / 1024,
    matched: first.result.matched,
    queued: first.result.queued,
    unmatched: first.result.unmatched,
    facts: first.result.facts,
    prepareMs: first.prepareMs,
    commitMs: first.commitMs,
    totalMs: first.prepareMs + first.commitMs,
    peakRssMB: peak / 1024 / 1024,
    againMs: again.prepareMs + again.commitMs,
    againFacts: again.result.facts,
    pending,
    queueOpenMedianMs: percentile(openTimes, 50),
    queueOpenP95Ms: percentile(openTimes, 95),
    queueWholeMedianMs: percentile(wholeTimes, 50),
    queueMB: bytes / 1024 / 1024,
    summaryMs,
  };
}
