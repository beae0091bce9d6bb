/**
 * Opening a branch in the app leaves the grade recompute and the search index until just after the open: the
 * log-in screen answers first, and whatever comes past it sees grades of today and a working search.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { seedBranch } from '../../backend/seed/generate';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: '测试管理员', role: 'admin' as const };

async function branchWithStaleGrade(): Promise<{ dir: string; id: string; name: string; grade: number }> {
  const dir = tmpDir('deferred-');
  const b = await Backend.open({ dir, create: true });
  b.db.write('seed', (w) => seedBranch(w, { villages: 3, customers: 200, seed: 7, now: new Date(), actor: '测试' }));
  const c = b.db.read((r) =>
    r.get<{ id: string; name: string; grade: number }>('SELECT id, name, grade FROM customers WHERE deleted_at IS NULL ORDER BY id LIMIT 1'),
  )!;
  // As if the grade had been computed long ago and the rules now say otherwise.
  const stale = c.grade === 4 ? 1 : 4;
  b.db.write('stale', (w) => w.run('UPDATE customers SET grade = ? WHERE id = ?', [stale, c.id]));
  await b.close();
  return { dir, id: c.id, name: c.name, grade: c.grade };
}

describe('start-up work deferred past the open', () => {
  it('answers the log-in screen before recomputing, and the first call past it sees today’s grade and search', async () => {
    const s = await branchWithStaleGrade();
    const b = await Backend.open({ dir: s.dir, deferStartup: true });
    try {
      const gradeNow = () => b.db.read((r) => r.value<number>('SELECT grade FROM customers WHERE id = ?', [s.id]));
      expect(await call(b, 'setup.status', {})).toBeTruthy();
      expect(gradeNow()).not.toBe(s.grade);
      const page = await call(b, 'customers.list', { query: s.name, offset: 0, limit: 50 }, ADMIN);
      expect(gradeNow()).toBe(s.grade);
      expect(page.rows.map((r) => r.id)).toContain(s.id);
    } finally {
      await b.close();
    }
  });

  it('does the work on its own shortly after the open when nobody calls', async () => {
    const s = await branchWithStaleGrade();
    const b = await Backend.open({ dir: s.dir, deferStartup: true });
    try {
      await new Promise((r) => setTimeout(r, 50));
      expect(b.db.read((r) => r.value<number>('SELECT grade FROM customers WHERE id = ?', [s.id]))).toBe(s.grade);
    } finally {
      await b.close();
    }
  });

  it('recomputes during the open itself where nothing waits on a screen (CLI, tests)', async () => {
    const s = await branchWithStaleGrade();
    const b = await Backend.open({ dir: s.dir });
    try {
      expect(b.db.read((r) => r.value<number>('SELECT grade FROM customers WHERE id = ?', [s.id]))).toBe(s.grade);
    } finally {
      await b.close();
    }
  });
});
