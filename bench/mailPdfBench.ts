/**
 * Mail PDFs at print-centre scale (issue 10 point 9): 10,000 envelopes, and as many merged letters, written by the
 * same job the 商函 tab runs. Peak RSS is sampled during each job; the baseline is the process before it (the
 * seeded database included), so the growth is what the PDF writer holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend, type Session } from '../backend/host/backend';
import { seedBranch } from '../backend/seed/generate';
import type { JobStatus } from '../shared/domain';
import type { PdfResult } from '../shared/letter';
import { time } from './stats';

const SESSION: Session = { actor: 'bench', role: 'admin' };

async function ok<T>(b: Backend, name: string, input: unknown): Promise<T> {
  const env = await b.call(name, input, SESSION);
  if (!env.ok) throw new Error(env.error.message);
  return env.value as T;
}

async function runPdf(b: Backend, input: Record<string, unknown>): Promise<{ res: PdfResult; ms: number; peakMB: number; baseMB: number }> {
  global.gc?.();
  const baseMB = process.memoryUsage().rss / 2 ** 20;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const [res, ms] = await time(async () => {
    const { jobId } = await ok<{ jobId: string }>(b, 'letters.pdfStart', input);
    for (;;) {
      const s = await ok<JobStatus>(b, 'jobs.get', { id: jobId });
      if (s.state === 'done') break;
      if (s.state !== 'running') throw new Error(s.error?.message ?? s.phase);
      await new Promise((r) => setTimeout(r, 20));
    }
    return ok<PdfResult>(b, 'letters.pdfResult', { jobId });
  });
  clearInterval(sampler);
  return { res, ms, peakMB: peak / 2 ** 20, baseMB };
}

export async function mailPdfBench(pieces = 10_000): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pdf-'));
  const b = await Backend.open({ dir, create: true, snapshotDelayMs: 3_600_000, snapshotLogBytes: 2 ** 31 });
  const now = new Date();
  b.db.write('seed', (w) => seedBranch(w, { villages: 120, customers: Math.ceil(pieces * 2.2), seed: 2, now, actor: 'bench' }));
  const c = await ok<{ id: string }>(b, 'campaigns.create', { name: '商函PDF基准', channels: ['letter'] });
  await ok(b, 'campaigns.freeze', { id: c.id, filter: {}, limit: pieces });
  await ok(b, 'letters.save', {
    campaignId: c.id,
    title: '{活动名称}',
    body: '尊敬的{称呼}：\n您好！{网点}为{村或单位}的客户准备了2027年台历，订阅2027年度报刊即可领取。\n请凭本信到网点办理，截止12月31日。如有疑问，请联系您的客户经理{客户经理}。',
    signoff: '{网点}\n{日期}',
  });
  const env = await runPdf(b, { campaignId: c.id, kind: 'envelopes', envelope: 'DL', sender: '府前街1号' });
  const letters = await runPdf(b, { campaignId: c.id, kind: 'letters' });
  const labels = await runPdf(b, { campaignId: c.id, kind: 'labels', cols: 3, rows: 8 });
  b.db.abandon();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    pieces: env.res.pieces,
    envelopesMs: env.ms,
    envelopesMB: env.res.bytes / 2 ** 20,
    envelopesPeakMB: env.peakMB,
    envelopesBaseMB: env.baseMB,
    lettersMs: letters.ms,
    lettersMB: letters.res.bytes / 2 ** 20,
    lettersPeakMB: letters.peakMB,
    lettersBaseMB: letters.baseMB,
    labelsMs: labels.ms,
    labelPages: labels.res.pages,
  };
}
