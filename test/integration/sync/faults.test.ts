/**
 * Issue 6, point 7: three branches (two with two PCs each) and a hub; random edits, concurrent edits of the
 * same customer fields, connections cut at random bytes of push and pull, requests repeated, the hub
 * restarted mid-sync, PC clocks a day fast or slow. After the faults stop and every PC syncs, all PCs of a
 * branch and the hub hold the same rows, every visit is there exactly once, every overwritten concurrent
 * value is a conflict, and no branch holds another's rows. Runs on the embedded database and PostgreSQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { Rng } from '../../../backend/seed/random';
import { dataTables, tableShape } from '../../../backend/db/tables';
import { configureHub } from '../../../backend/sync/hubLink';
import { HttpTransport } from '../../../backend/sync/httpTransport';
import type { PushReply, Transport } from '../../../backend/sync/transport';
import { LOCAL_ONLY_TABLES, type PullResponse, type PushRequest } from '../../../shared/syncProtocol';
import { call } from '../../helpers/backend';
import { editCustomer } from '../../helpers/editCustomer';
import { FaultProxy } from '../../helpers/faultProxy';
import { HUB_KINDS, startHub, type TestHub } from '../../helpers/hub';
import { tmpDir } from '../../helpers/tmp';

const DAY = 24 * 3600_000;
const ROUNDS = 10;

/** Sends some requests twice, as a client does that retries after a reply it never got. */
class RepeatingTransport implements Transport {
  constructor(
    private readonly inner: Transport,
    private readonly rng: Rng,
  ) {}
  async push(req: PushRequest): Promise<PushReply> {
    if (this.rng.chance(0.3)) await this.inner.push(req).catch(() => undefined);
    return this.inner.push(req);
  }
  async pull(since: number, limit: number, node?: string): Promise<PullResponse> {
    if (this.rng.chance(0.2)) await this.inner.pull(since, limit, node).catch(() => undefined);
    return this.inner.pull(since, limit, node);
  }
}

interface Pc {
  b: Backend;
  proxy: FaultProxy;
  url: string;
  token: string;
}

interface Branch {
  name: string;
  token: string;
  pcs: Pc[];
  pairCustomers: string[];
  visits: Set<string>;
  conflicts: { id: string; values: string[] }[];
}

const edit = editCustomer;

const phoneOf = (rng: Rng) => `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
const syncedTables = (b: Backend): string[] => b.db.read(dataTables).filter((t) => !LOCAL_ONLY_TABLES.includes(t));
const pkOf = (b: Backend, t: string) => b.db.read((r) => tableShape(r, t))!.pk;
const dump = (b: Backend, t: string) => b.db.read((r) => r.all<Record<string, unknown>>(`SELECT * FROM "${t}" ORDER BY "${pkOf(b, t)}"`));

async function randomOps(pc: Pc, br: Branch, rng: Rng): Promise<void> {
  const b = pc.b;
  const n = rng.int(3, 6);
  for (let i = 0; i < n; i++) {
    const customers = b.db.read((r) => r.all<{ id: string }>('SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id')).map((c) => c.id);
    const free = customers.filter((id) => !br.pairCustomers.includes(id));
    const op = rng.pick(['create', 'edit', 'edit', 'visit', 'visit', 'delete']);
    if (op === 'create') {
      const v = b.db.read((r) => r.value<string>('SELECT id FROM villages ORDER BY id LIMIT 1'))!;
      await call(b, 'customers.create', { name: `客户${rng.int(1000, 9999)}`, villageId: v, consent: true, phone: phoneOf(rng) });
    } else if (op === 'edit' && free.length) {
      await edit(b, rng.pick(free), rng.chance(0.5) ? { address: `${rng.int(1, 20)}组${rng.int(1, 99)}号` } : { notes: `回访${rng.int(1, 999)}` });
    } else if (op === 'visit') {
      const targets = await call(b, 'visits.targets', { includeDone: true });
      if (!targets.length) continue;
      const id = rng.uuid();
      const input = { id, targetId: rng.pick(targets).targetId, outcome: rng.pick(['not_home', 'refused', 'interested', 'success'] as const) };
      await call(b, 'visits.record', input);
      // The carrier presses save twice: still one visit.
      if (rng.chance(0.2)) expect((await call(b, 'visits.record', input)).duplicate).toBe(true);
      br.visits.add(id);
    } else if (op === 'delete' && free.length > 4 && rng.chance(0.3)) {
      await call(b, 'customers.delete', { id: rng.pick(free) });
    }
  }
}

for (const kind of HUB_KINDS) {
  describe(`sync under faults, hub on ${kind === 'embedded' ? 'the embedded database' : 'PostgreSQL'}`, () => {
    const toClose: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const f of toClose.reverse()) await f();
    });

    it('every PC and the hub agree after cuts, repeats, a hub restart and skewed clocks', async () => {
      const rng = new Rng(kind === 'embedded' ? 611 : 612);
      const hub: TestHub = await startHub(kind);
      toClose.push(() => hub.stop());
      const hubPort = Number(new URL(hub.url).port);
      const plan: { name: string; skews: number[] }[] = [
        { name: '甲支局', skews: [DAY, -DAY] },
        { name: '乙支局', skews: [0, DAY] },
        { name: '丙支局', skews: [-DAY] },
      ];
      const branches: Branch[] = [];
      for (const p of plan) {
        const { token } = await hub.addBranch(p.name);
        const pcs: Pc[] = [];
        for (const skew of p.skews) {
          const proxy = new FaultProxy(hubPort, rng);
          const url = await proxy.listen();
          const b = await Backend.open({ dir: tmpDir('faults-'), create: true, syncClock: () => new Date(Date.now() + skew) });
          toClose.push(
            () => b.close(),
            () => proxy.close(),
          );
          configureHub(b.db, b.sync, { hubUrl: url, token });
          pcs.push({ b, proxy, url, token });
        }
        branches.push({ name: p.name, token, pcs, pairCustomers: [], visits: new Set(), conflicts: [] });
      }
      const syncPc = (pc: Pc) => pc.b.sync.run(new RepeatingTransport(new HttpTransport(pc.url, pc.token), rng));

      // Each branch's first PC sets up a village, customers and a campaign; everyone syncs cleanly once.
      for (const br of branches) {
        const b = br.pcs[0]!.b;
        const v = await call(b, 'villages.create', { name: `${br.name}东村` });
        for (let i = 0; i < 12; i++) await call(b, 'customers.create', { name: `${br.name}客户${i}`, villageId: v.id, consent: true, phone: phoneOf(rng) });
        const c = await call(b, 'campaigns.create', { name: `${br.name}报刊活动`, channels: ['door'], products: ['报刊'] });
        await call(b, 'campaigns.freeze', { id: c.id, filter: {} });
      }
      for (const br of branches) for (const pc of br.pcs) await syncPc(pc);
      for (const br of branches) for (const pc of br.pcs) await syncPc(pc);

      let failures = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const br of branches) for (const pc of br.pcs) await randomOps(pc, br, rng);
        // Two PCs of one branch change the same customer's phone before either hears of the other.
        for (const br of branches.filter((x) => x.pcs.length === 2)) {
          const id = br.pcs[0]!.b.db.read((r) =>
            r.all<{ id: string }>("SELECT id FROM customers WHERE deleted_at IS NULL AND name LIKE '%客户%' ORDER BY name"),
          )
            .map((c) => c.id)
            .find(
              (cid) =>
                !br.pairCustomers.includes(cid) && br.pcs[1]!.b.db.read((r) => r.value('SELECT 1 FROM customers WHERE id = ? AND deleted_at IS NULL', [cid])),
            );
          if (!id) continue;
          br.pairCustomers.push(id);
          const values = [phoneOf(rng), phoneOf(rng)];
          await edit(br.pcs[0]!.b, id, { phone: values[0] });
          await edit(br.pcs[1]!.b, id, { phone: values[1] });
          br.conflicts.push({ id, values });
        }
        for (const br of branches) for (const pc of br.pcs) pc.proxy.cutProbability = 0.35;
        const restart = rng.chance(0.5) ? new Promise((r) => setTimeout(r, rng.int(0, 150))).then(() => hub.restart()) : Promise.resolve();
        const results = await Promise.allSettled(branches.flatMap((br) => br.pcs.map((pc) => syncPc(pc))));
        await restart;
        failures += results.filter((r) => r.status === 'rejected').length;
      }
      // The line comes back: no more faults, every PC syncs until nothing moves.
      for (const br of branches) for (const pc of br.pcs) pc.proxy.cutProbability = 0;
      // A connection the proxy cut may still sit in the keep-alive pool and fail the first request after the line
      // is back; the app's runner retries after a back-off, and so does this loop (at most three times a PC).
      const syncSettled = async (pc: Pc) => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await syncPc(pc);
          } catch (e) {
            if (attempt >= 3) throw e;
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      };
      for (let pass = 0; pass < 3; pass++) for (const br of branches) for (const pc of br.pcs) await syncSettled(pc);

      const cuts = branches.flatMap((br) => br.pcs).reduce((n, pc) => n + pc.proxy.cuts, 0);
      expect(cuts).toBeGreaterThan(0); // the faults really happened
      expect(failures).toBeGreaterThan(0);

      for (const br of branches) {
        const [first, ...others] = br.pcs;
        for (const pc of br.pcs) expect(pc.b.db.read((r) => r.value('SELECT count(*) FROM sync_outbox'))).toBe(0);
        // Every PC of the branch holds the same rows in every synced table.
        for (const t of syncedTables(first!.b)) {
          const mine = dump(first!.b, t);
          for (const o of others) expect(dump(o.b, t), `${br.name} ${t}`).toEqual(mine);
        }
        // …and so does the hub.
        const hubRows = await hub.db.query<{ tbl: string; pk: string; data: Record<string, unknown> | null }>(
          'SELECT tbl, pk, data FROM records r JOIN branches b ON b.id = r.branch_id WHERE b.name = $1',
          [br.name],
        );
        for (const t of syncedTables(first!.b)) {
          const pk = pkOf(first!.b, t);
          const local = dump(first!.b, t);
          const atHub = hubRows.filter((r) => r.tbl === t && r.data !== null).sort((a, b) => (a.pk < b.pk ? -1 : 1));
          expect(
            atHub.map((r) => r.pk),
            `${br.name} ${t} ids`,
          ).toEqual(local.map((r) => String(r[pk])));
          for (let i = 0; i < local.length; i++) {
            const l = local[i]!;
            for (const [k, v] of Object.entries(atHub[i]!.data!)) if (k in l) expect(v, `${br.name} ${t}.${k}`).toEqual(l[k]);
          }
        }
        // Every visit entered is there exactly once.
        const visitIds = first!.b.db.read((r) => r.all<{ id: string }>('SELECT id FROM visits')).map((v) => v.id);
        expect(new Set(visitIds).size).toBe(visitIds.length);
        expect(new Set(visitIds)).toEqual(br.visits.size ? new Set([...br.visits]) : new Set());
        // Every concurrent overwrite left a conflict holding both values.
        const conflicts = first!.b.db.read((r) =>
          r.all<{ pk: string; field: string; kept_value: string; lost_value: string }>('SELECT pk, field, kept_value, lost_value FROM sync_conflicts'),
        );
        for (const c of br.conflicts) {
          const found = conflicts.find((x) => x.pk === c.id && x.field === 'phone');
          expect(found, `${br.name} phone conflict of ${c.id}`).toBeTruthy();
          expect([JSON.parse(found!.kept_value), JSON.parse(found!.lost_value)].sort()).toEqual([...c.values].sort());
          const now = first!.b.db.read((r) => r.value<string>('SELECT phone FROM customers WHERE id = ?', [c.id]));
          expect(now).toBe(JSON.parse(found!.kept_value));
        }
      }
      // No branch holds another branch's customers.
      const ids = branches.map((br) => new Set(br.pcs[0]!.b.db.read((r) => r.all<{ id: string }>('SELECT id FROM customers')).map((c) => c.id)));
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) expect([...ids[i]!].filter((x) => ids[j]!.has(x))).toEqual([]);
    }, 300_000);
  });
}
