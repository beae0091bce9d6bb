import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { configureHub, syncOnline } from '../../../backend/sync/hubLink';
import { call } from '../../helpers/backend';
import { editCustomer } from '../../helpers/editCustomer';
import { HUB_KINDS, startHub, type TestHub } from '../../helpers/hub';
import { tmpDir } from '../../helpers/tmp';

const now = () => new Date();

async function branchPc(hub: TestHub, token: string): Promise<Backend> {
  const b = await Backend.open({ dir: tmpDir('branch-'), create: true });
  configureHub(b.db, b.sync, { hubUrl: hub.url, token });
  return b;
}

const edit = editCustomer;

const sync = (b: Backend) => syncOnline(b.db, b.sync, now);
const rows = (b: Backend, sql: string) => b.db.read((r) => r.all(sql));

for (const kind of HUB_KINDS) {
  describe(`sync with a hub on ${kind === 'embedded' ? 'the embedded database' : 'PostgreSQL'}`, () => {
    let hub: TestHub;
    const open: Backend[] = [];
    beforeAll(async () => {
      hub = await startHub(kind);
    }, 60_000);
    afterAll(async () => {
      for (const b of open) await b.close();
      await hub.stop();
    });

    it('a second PC of the branch gets everything, edits flow both ways, and concurrent edits leave a conflict', async () => {
      const { token } = await hub.addBranch('城关支局');
      const a = await branchPc(hub, token);
      open.push(a);
      const village = await call(a, 'villages.create', { name: '东风村' });
      const c = await call(a, 'customers.create', { name: '张三', villageId: village.id, phone: '13800000001' });
      const first = await sync(a);
      expect(first.pushed).toBeGreaterThan(2);

      const a2 = await branchPc(hub, token);
      open.push(a2);
      const restored = await sync(a2);
      expect(restored.pulled).toBeGreaterThanOrEqual(first.pushed);
      expect((await call(a2, 'customers.get', { id: c.id })).name).toBe('张三');

      await edit(a2, c.id, { address: '东风村3组12号' });
      await sync(a2);
      await sync(a);
      expect((await call(a, 'customers.get', { id: c.id })).address).toBe('东风村3组12号');

      // Both PCs change the phone before either hears of the other's change.
      await edit(a, c.id, { phone: '13800000002' });
      await edit(a2, c.id, { phone: '13800000003' });
      await sync(a);
      const second = await sync(a2);
      await sync(a);
      expect(second.conflicts).toBe(1);
      const pa = (await call(a, 'customers.get', { id: c.id })).phone;
      const pa2 = (await call(a2, 'customers.get', { id: c.id })).phone;
      expect(pa).toBe(pa2);
      const conflicts = rows(a, 'SELECT field, kept_value, lost_value FROM sync_conflicts') as { field: string; kept_value: string; lost_value: string }[];
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]!.field).toBe('phone');
      expect([JSON.parse(conflicts[0]!.kept_value), JSON.parse(conflicts[0]!.lost_value)].sort()).toEqual(['13800000002', '13800000003']);
      expect(JSON.parse(conflicts[0]!.kept_value)).toBe(pa);
    });

    it('a branch can neither read nor write another branch’s rows', async () => {
      const x = await hub.addBranch('河口支局');
      const y = await hub.addBranch('山前支局');
      const bx = await branchPc(hub, x.token);
      const by = await branchPc(hub, y.token);
      open.push(bx, by);
      const cx = await call(bx, 'customers.create', { name: '李四' });
      await sync(bx);
      await sync(by);
      expect(rows(by, `SELECT id FROM customers WHERE id = '${cx.id}'`)).toHaveLength(0);

      // Branch Y forges an edit of X's customer: the hub refuses it and X never sees it.
      const hlc = '000' + String(Date.now()) + '-0000-' + by.sync.node;
      const res = await fetch(`${hub.url}/v1/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${y.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          node: by.sync.node,
          changes: [{ id: 'forged-change-1', tbl: 'customers', pk: cx.id, fields: { name: '王五' }, hlc: hlc.slice(-15 - 22), seen: 0 }],
        }),
      });
      const body = (await res.json()) as { rejected: { id: string }[] };
      expect(body.rejected.map((r) => r.id)).toEqual(['forged-change-1']);
      await sync(bx);
      expect((await call(bx, 'customers.get', { id: cx.id })).name).toBe('李四');

      const noToken = await fetch(`${hub.url}/v1/pull?since=0`);
      expect(noToken.status).toBe(401);
    });
  });
}

describe('erasure on request reaches the hub’s history', () => {
  it('blanks the erased customer’s earlier values in the hub’s change log and conflicts', async () => {
    const hub = await startHub('embedded');
    try {
      const { token } = await hub.addBranch('城关支局');
      const a = await branchPc(hub, token);
      const a2 = await branchPc(hub, token);
      const c = await call(a, 'customers.create', { name: '赵六', phone: '13800000011', address: '东风村1组' });
      await sync(a);
      await sync(a2);
      await edit(a, c.id, { phone: '13800000012' });
      await edit(a2, c.id, { phone: '13800000013' });
      await sync(a);
      await sync(a2);
      const before = JSON.stringify(await hub.db.query('SELECT fields FROM changes WHERE pk = $1', [c.id]));
      expect(before).toContain('13800000011');

      await call(a, 'customers.erase', { id: c.id, reason: '本人书面申请' }, { actor: '测试管理员', role: 'admin' });
      await sync(a);
      await sync(a2);
      const history = JSON.stringify(await hub.db.query('SELECT fields FROM changes WHERE pk = $1', [c.id]));
      const conflictsAtHub = JSON.stringify(await hub.db.query("SELECT data FROM records WHERE tbl = 'sync_conflicts' AND data->>'pk' = $1", [c.id]));
      for (const text of [history, conflictsAtHub])
        for (const v of ['13800000011', '13800000012', '13800000013', '东风村1组', '赵六']) expect(text).not.toContain(v);
      const onSecondPc = JSON.stringify(rows(a2, `SELECT * FROM sync_conflicts`)) + JSON.stringify(rows(a2, `SELECT * FROM customers WHERE id = '${c.id}'`));
      for (const v of ['13800000012', '13800000013', '赵六']) expect(onSecondPc).not.toContain(v);
      await a.close();
      await a2.close();
    } finally {
      await hub.stop();
    }
  });
});
