/** Direct mail at print-centre scale (issue 10 point 9): the mailing list of 80,000 targets, first and again. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend, type Session } from '../backend/host/backend';
import { seedBranch } from '../backend/seed/generate';
import { time } from './stats';

const SESSION: Session = { actor: 'bench', role: 'admin' };

async function ok<T>(b: Backend, name: string, input: unknown): Promise<T> {
  const env = await b.call(name, input, SESSION);
  if (!env.ok) throw new Error(env.error.message);
  return env.value as T;
}

export async function mailBench(targets = 80_000): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-mail-'));
  const b = await Backend.open({ dir, create: true, snapshotDelayMs: 3_600_000, snapshotLogBytes: 2 ** 31 });
  const now = new Date();
  // Not every seeded customer consents to marketing; seed enough that the frozen list reaches `targets`.
  b.db.write('seed', (w) => seedBranch(w, { villages: 300, customers: Math.ceil(targets * 1.6), seed: 1, now, actor: 'bench' }));
  const c = await ok<{ id: string }>(b, 'campaigns.create', { name: '商函基准', channels: ['letter', 'sms'] });
  await ok(b, 'campaigns.freeze', { id: c.id, filter: {}, limit: targets });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const [first, firstMs] = await time(() => ok<{ pieces: number; excluded: unknown[]; dataBase64: string }>(b, 'mail.list', { campaignId: c.id }));
  const [, againMs] = await time(() => ok(b, 'mail.list', { campaignId: c.id }));
  const [sms, smsMs] = await time(() =>
    ok<{ lines: number }>(b, 'mail.contactList', { campaignId: c.id, channel: 'sms', text: '您好，2027年报刊征订开始了，订一年送挂历，详询本网点。' }),
  );
  clearInterval(sampler);
  const frozen = Number(b.db.read((r) => r.value('SELECT COUNT(*) FROM campaign_targets WHERE campaign_id = ?', [c.id])));
  b.db.abandon();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    targets: frozen,
    pieces: first.pieces,
    excluded: first.excluded.length,
    fileMB: (first.dataBase64.length * 3) / 4 / 2 ** 20,
    listMs: firstMs,
    againMs,
    smsLines: sms.lines,
    smsMs,
    peakRssMB: peak / 2 ** 20,
  };
}
