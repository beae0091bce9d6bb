/** A branch with an administrator, customers and visits, and its backups, for the backup tests. */
import crypto from 'node:crypto';
import path from 'node:path';
import { Backend, type BackendOptions, type Session } from '../../backend/host/backend';
import { seedBranch } from '../../backend/seed/generate';
import { seedCampaigns } from '../../backend/seed/campaigns';
import { setSetting, SETTING_BRANCH_NAME } from '../../backend/services/settings';
import type { OpenTarget } from '../../shared/domain';
import { call } from './backend';
import { tmpDir } from './tmp';

export const ADMIN: Session = { actor: '测试管理员', role: 'admin' };
export const ADMIN_LOGIN = { login: 'admin', displayName: '管理员', password: 'Backup-pass-2026' };

export async function openBranch(opts: Partial<BackendOptions> & { branch?: string; customers?: number } = {}): Promise<Backend> {
  const dir = opts.dir ?? path.join(tmpDir('pbbak-'), 'data');
  const b = await Backend.open({ create: true, ...opts, dir });
  if (opts.customers === 0) return b;
  await call(b, 'auth.setupAdmin', ADMIN_LOGIN, ADMIN);
  // Today: grades age with the calendar and are recomputed at every open, a restore's included.
  const now = new Date();
  b.db.write('seed', (w) => {
    setSetting(w, SETTING_BRANCH_NAME, opts.branch ?? '黄河涯支局');
    seedBranch(w, { villages: 3, customers: opts.customers ?? 60, seed: 5, now, actor: 'seed' });
  });
  seedCampaigns((label, fn) => b.db.write(label, fn), { campaigns: 1, visits: 20, seed: 5, now, actor: 'seed' });
  return b;
}

export async function waitForJob(b: Backend, jobId: string): Promise<{ state: string; error?: { message: string } }> {
  for (;;) {
    const s = await call(b, 'jobs.get', { id: jobId }, ADMIN);
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** 立即备份 as the screen does it: start, then poll until the job ends. */
export async function backupNow(b: Backend): Promise<{ state: string; error?: { message: string } }> {
  const { jobId } = await call(b, 'backup.start', {}, ADMIN);
  return waitForJob(b, jobId);
}

export async function configure(
  b: Backend,
  destination: string,
  extra: { intervalHours?: number; keepDaily?: number; keepWeekly?: number } = {},
): Promise<void> {
  await call(b, 'backup.configure', { destination, intervalHours: 24, keepDaily: 7, keepWeekly: 4, password: ADMIN_LOGIN.password, ...extra }, ADMIN);
}

/** Rows of a table by id, as JSON text: what "disappeared" means in a test. */
export function rowsById(b: Backend, table: 'customers' | 'visits'): Map<string, string> {
  return new Map(b.db.read((r) => r.all<Record<string, unknown>>(`SELECT * FROM ${table}`)).map((row) => [String(row['id']), JSON.stringify(row)]));
}

export function disappeared(before: Map<string, string>, after: Map<string, string>): number {
  let n = 0;
  for (const [id, row] of before) if (after.get(id) !== row) n++;
  return n;
}

export async function recordVisits(b: Backend, n: number): Promise<void> {
  const targets = (await call(b, 'visits.targets', {}, ADMIN)) as OpenTarget[];
  for (const t of targets.slice(0, n)) {
    await call(b, 'visits.record', { id: crypto.randomUUID(), targetId: t.targetId, outcome: 'interested' }, ADMIN);
  }
}
