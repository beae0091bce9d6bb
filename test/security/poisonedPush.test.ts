/**
 * Attack: one branch's token pushes values its own app could never write — a customer of grade 9, text in a
 * counter, a made-up column, a time that is no time, a visit of a customer that does not exist, a row of
 * another branch — hoping to break every city report. Found as: the hub stored it all as JSON, and from then
 * on every cross-branch report answered 500 for every branch. Each bad change must be refused on its own, with a
 * reason the branch sees; good changes of the same push still apply; the city reports keep working.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { configureHub, syncOnline } from '../../backend/sync/hubLink';
import { readProblems } from '../../backend/sync/state';
import { addAdmin } from '../../server/admins';
import { formatHlc } from '../../shared/hlc';
import type { ChangeMessage } from '../../shared/syncProtocol';
import { call } from '../helpers/backend';
import { HUB_KINDS, startHub, type TestHub } from '../helpers/hub';
import { tmpDir } from '../helpers/tmp';

const hlc = () => formatHlc({ millis: Date.now(), counter: 0, node: 'a1b2c3d4' });
const change = (tbl: string, pk: string, fields: ChangeMessage['fields']): ChangeMessage => ({
  id: crypto.randomBytes(16).toString('hex'),
  tbl,
  pk,
  fields,
  hlc: hlc(),
  seen: 0,
});

async function push(hub: TestHub, token: string, changes: ChangeMessage[], extra: Record<string, unknown> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${hub.url}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ node: 'a1b2c3d4', changes, ...extra }),
  });
  return { status: res.status, body: await res.json() };
}

for (const kind of HUB_KINDS) {
  describe(`a poisoned push on ${kind === 'embedded' ? 'the embedded database' : 'PostgreSQL'}`, () => {
    let hub: TestHub;
    let b: Backend;
    let token: string;
    let customerId: string;
    let row: Record<string, unknown>;
    beforeAll(async () => {
      hub = await startHub(kind);
      ({ token } = await hub.addBranch('城关支局'));
      b = await Backend.open({ dir: tmpDir('poison-'), create: true });
      const c = await call(b, 'customers.create', { name: '王五', phone: '13800000005', consent: true });
      customerId = c.id;
      await call(b, 'campaigns.create', { name: '报刊征订', channels: ['door'], products: ['报刊'] });
      configureHub(b.db, b.sync, { hubUrl: hub.url, token });
      await syncOnline(b.db, b.sync, () => new Date());
      row = b.db.read((r) => r.get<Record<string, unknown>>('SELECT * FROM customers WHERE id = ?', [customerId]))!;
    }, 60_000);
    afterAll(async () => {
      await b.close();
      await hub.stop();
    });

    it('refuses each bad change with a reason and applies the good ones beside it', async () => {
      const other = await hub.addBranch('河口支局');
      const theirs = crypto.randomUUID();
      await push(hub, other.token, [
        change('villages', theirs, { id: theirs, name: '河口村', kind: 'village', created_at: new Date().toISOString(), updated_at: new Date().toISOString() }),
      ]);
      const fresh = crypto.randomUUID();
      const visit = crypto.randomUUID();
      const borrower = crypto.randomUUID();
      const bad = [
        change('customers', customerId, { grade: 9 }),
        change('customers', customerId, { selection_count: '很多' }),
        change('customers', customerId, { favourite_colour: '红' }),
        change('customers', customerId, { updated_at: '昨天' }),
        change('customers', customerId, { name: null }),
        change('customers', fresh, { ...row, id: fresh, kind: 'alien' }),
        change('visits', visit, {
          id: visit,
          campaign_id: 'nope',
          target_id: 'nope',
          customer_id: 'nope',
          visited_at: new Date().toISOString(),
          outcome: 'success',
          entered_at: new Date().toISOString(),
        }),
        change('customers', borrower, { ...row, id: borrower, name: '借用别人的村', village_id: theirs }),
        change('secret_table', '1', { a: 1 }),
      ];
      const good = change('customers', customerId, { notes: '愿意订阅' });
      const r = await push(hub, token, [...bad, good]);
      expect(r.status).toBe(200);
      expect(r.body.applied).toBe(1);
      expect(r.body.rejected).toHaveLength(bad.length);
      const reasons = r.body.rejected.map((x: { reason: string }) => x.reason).join('\n');
      expect(reasons).toMatch(/customers\.grade 应在 1–4 之间，收到 9/);
      expect(reasons).toMatch(/selection_count 应为整数/);
      expect(reasons).toMatch(/favourite_colour 不是这个表的字段/);
      expect(reasons).toMatch(/updated_at 应为 ISO 格式的时间/);
      expect(reasons).toMatch(/customers\.name 不能为空/);
      expect(reasons).toMatch(/kind 只能是 person、org 之一/);
      expect(reasons).toMatch(/引用的 (campaigns|campaign_targets|customers) 记录 nope 在市局不存在/);
      expect(reasons).toMatch(/village_id 引用的 villages 记录 .* 在市局不存在/);
      expect(reasons).toMatch(/secret_table 不是网点数据表/);
      const stored = await hub.db.query<{ grade: unknown; notes: unknown }>(
        "SELECT data->'grade' AS grade, data->>'notes' AS notes FROM records WHERE tbl = 'customers' AND pk = $1",
        [customerId],
      );
      expect(stored).toEqual([{ grade: row['grade'], notes: '愿意订阅' }]);
      // …and in the typed table the city reports read, with the branch's types.
      const typed = await hub.db.query<{ grade: unknown; notes: unknown; n: unknown }>(
        'SELECT grade, notes, (SELECT count(*) FROM b_customers) AS n FROM b_customers WHERE id = $1',
        [customerId],
      );
      expect(typed.map((t) => ({ grade: Number(t.grade), notes: t.notes }))).toEqual([{ grade: row['grade'], notes: '愿意订阅' }]);
      expect(Number(typed[0]!.n)).toBe(1);
    });

    it('the branch sees why on its 同步 page when its own push is refused', async () => {
      // As if a bug in the app wrote text into a counter (SQLite keeps it): the hub still refuses it.
      b.db.write('test.bad', (w) => w.run("UPDATE customers SET selection_count = '很多' WHERE id = ?", [customerId]));
      const r = await syncOnline(b.db, b.sync, () => new Date());
      expect(r.rejected).toBe(1);
      const problems = b.db
        .read((rd) => readProblems(rd))
        .map((p) => p.what)
        .join('\n');
      expect(problems).toMatch(/市局拒收了 customers 记录 .*customers\.selection_count 应为整数，收到 “很多”/);
    });

    it('city reports keep working for every branch', async () => {
      const { token: admin } = await addAdmin(hub.db, `主管${kind}`);
      const res = await fetch(`${hub.url}/v1/admin/reports?names=campaign,maintenance`, { headers: { authorization: `Bearer ${admin}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { reports: unknown[] };
      expect(JSON.stringify(body)).toContain('城关支局');
    });

    it('refuses, with a clear message, a push from a newer schema than the hub can read', async () => {
      const r = await push(hub, token, [change('customers', customerId, { notes: '新版本' })], { schema: 999 });
      expect(r.status).toBe(409);
      expect(r.body.error.message).toMatch(/数据版本（999）比市局服务器能读的/);
    });
  });
}
