/** A rural line drops: nothing is lost, the 同步 page says 离线 since when, and the next try comes soon. */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { call } from '../../helpers/backend';
import { startHub } from '../../helpers/hub';
import { tmpDir } from '../../helpers/tmp';

const ADMIN = { actor: '测试管理员', role: 'admin' as const };

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('sync while the hub cannot be reached', () => {
  it('keeps the changes waiting, reports 离线 with a plain reason, retries within a minute, and catches up once the hub answers', async () => {
    const hub = await startHub('embedded');
    const { token } = await hub.addBranch('山口支局');
    const b = await Backend.open({ dir: tmpDir('offline-'), create: true, autoSync: true });
    try {
      const down = `http://127.0.0.1:${await closedPort()}`;
      await call(b, 'sync.configure', { hubUrl: down, token, intervalMinutes: 10 }, ADMIN);
      const c = await call(b, 'customers.create', { name: '吴九', phone: '13800000031' });
      await expect(call(b, 'sync.now', {})).rejects.toThrow(/连不上.*稍后会自动再试/);
      const s = await call(b, 'sync.status', {});
      expect(s.pending).toBeGreaterThan(0);
      expect(s.offlineSince).not.toBeNull();
      expect(s.lastError?.code).toBe('OFFLINE');
      const wait = new Date(s.nextAttemptAt!).getTime() - Date.now();
      expect(wait).toBeGreaterThan(20_000);
      expect(wait).toBeLessThanOrEqual(61_000); // 30 s after the first failure, 60 s after the second (setting up tried once)

      // The line is back (the hub's real address is entered again with the same token).
      await call(b, 'sync.configure', { hubUrl: hub.url, token, intervalMinutes: 10 }, ADMIN);
      const r = await call(b, 'sync.now', {});
      expect(r.pushed).toBeGreaterThan(0);
      const after = await call(b, 'sync.status', {});
      expect(after).toMatchObject({ pending: 0, offlineSince: null, lastError: null });
      expect(new Date(after.nextAttemptAt!).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
      const rows = await hub.db.query("SELECT data->>'phone' AS phone FROM records WHERE tbl = 'customers' AND pk = $1", [c.id]);
      expect(rows).toEqual([{ phone: '13800000031' }]);
    } finally {
      await b.close();
      await hub.stop();
    }
  });
});

describe('restoring a new installation from the hub', () => {
  it('brings the branch and its accounts; once finished the installation is in use and refuses another restore', async () => {
    const hub = await startHub('embedded');
    const { token } = await hub.addBranch('石桥支局');
    const other = await hub.addBranch('别处支局');
    const first = await Backend.open({ dir: tmpDir('restore-'), create: true });
    const fresh = await Backend.open({ dir: tmpDir('restore-'), create: true });
    try {
      await call(first, 'auth.setupAdmin', { login: 'boss', displayName: '站长', password: 'Strong-pass-2026' }, ADMIN);
      const c = await call(first, 'customers.create', { name: '郑十' });
      await call(first, 'sync.configure', { hubUrl: hub.url, token }, ADMIN);
      await call(first, 'sync.now', {});

      const restored = await call(fresh, 'sync.restore', { hubUrl: hub.url, token }, { actor: '未登录', role: 'carrier' });
      expect(restored.branchName).toBe('石桥支局');
      expect((await call(fresh, 'customers.get', { id: c.id })).name).toBe('郑十');
      await expect(call(fresh, 'auth.login', { login: 'boss', password: 'Strong-pass-2026' }, { actor: '未登录', role: 'carrier' })).resolves.toMatchObject({
        user: { login: 'boss' },
      });
      // Finished: neither the same restore again nor another branch's token may touch it (a cut-off restore is
      // finished with the same token: test/security/restoreTakeover.test.ts).
      await expect(call(fresh, 'sync.restore', { hubUrl: hub.url, token }, { actor: '未登录', role: 'carrier' })).rejects.toThrow(/已有账号/);
      await expect(call(fresh, 'sync.restore', { hubUrl: hub.url, token: other.token }, { actor: '未登录', role: 'carrier' })).rejects.toThrow(/已有账号/);
    } finally {
      await first.close();
      await fresh.close();
      await hub.stop();
    }
  });
});
