import { describe, expect, it } from 'vitest';
import { WorkerBackend } from '../../backend/host/workerBackend';
import { CLERK } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const entry = new URL('../../backend/host/dbWorker.dev.mjs', import.meta.url);

describe('backend in a worker thread', () => {
  it('serves contract calls off the calling thread and persists them', async () => {
    const dir = tmpDir();
    const w = await WorkerBackend.start(entry, { dir, create: true });
    const v = await w.call('villages.create', { name: '红旗村' }, CLERK);
    expect(v.ok).toBe(true);
    const bad = await w.call('customers.create', { name: '' }, CLERK);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await w.close();

    const again = await WorkerBackend.start(entry, { dir });
    const list = await again.call('villages.list', {}, CLERK);
    expect(list.ok && (list.value as { name: string }[]).map((x) => x.name)).toEqual(['红旗村']);
    await again.close();
  });

  it('reports a database that cannot be opened as a Chinese error, not a crash', async () => {
    const err = await WorkerBackend.start(entry, { dir: tmpDir() + '/missing' }).catch((e: unknown) => e);
    expect(String((err as Error).message)).toContain('数据目录不存在');
  });
});
