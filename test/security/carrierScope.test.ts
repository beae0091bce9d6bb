/**
 * Attack: a 投递员 reading the whole customer base. Every customer, with phone and address, used to reach any
 * carrier through the customer list, a record opened by id, birthdays, usage libraries and duplicates. A
 * carrier's scope is their own open rounds: the targets dispatched to them in campaigns not yet ended.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import type { OpName } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';
import { account, ADMIN, as, envelopeOf, logIn } from './signedIn';

let now = new Date(2026, 5, 17, 10);
let open: Backend | undefined;

afterEach(async () => {
  await open?.close();
  open = undefined;
  now = new Date(2026, 5, 17, 10);
});

async function branch() {
  const b = await Backend.open({ dir: tmpDir('pbdb-scope-'), create: true, now: () => now });
  open = b;
  const village = async (name: string) => (await call(b, 'villages.create', { name }, ADMIN)).id;
  const [east, red, poplar, stone] = [await village('东风村'), await village('红旗村'), await village('白杨村'), await village('青石村')];
  const customer = async (name: string, villageId: string, phone: string, consent = true) =>
    (await call(b, 'customers.create', { name, villageId, phone, address: `${name}家`, consent }, ADMIN)).id;
  const c = {
    east1: await customer('张东一', east, '13800000001'),
    east2: await customer('张东二', east, '13800000002'),
    red: await customer('李红', red, '13800000003'),
    poplar: await customer('王白杨', poplar, '13800000004'),
    stone: await customer('赵青石', stone, '13800000005'),
    // Never a target: no marketing consent.
    unasked: await customer('钱未授权', east, '13800000006', false),
  };
  const [one, two] = [await account(b, 'toudi1', 'carrier'), await account(b, 'toudi2', 'carrier')];
  const clerk = await account(b, 'yingye', 'clerk');

  const campaign = async (name: string, villageIds: string[], dates: { startDate?: string; endDate?: string }) => {
    const k = await call(b, 'campaigns.create', { name, channels: ['door'], ...dates }, ADMIN);
    await call(b, 'campaigns.freeze', { id: k.id, filter: { villageIds } }, ADMIN);
    return k.id;
  };
  const running = await campaign('秋季报刊征订', [east, red], { startDate: '2026-06-01', endDate: '2026-07-31' });
  await call(b, 'dispatch.village', { id: running, villageId: east, carrierId: one.user.id }, ADMIN);
  await call(b, 'dispatch.village', { id: running, villageId: red, carrierId: two.user.id }, ADMIN);
  // Carrier one walked these before: a campaign that ended over a month ago (results were due within the month),
  // and one moved on to 评估优化.
  const ended = await campaign('四月储蓄上门', [poplar], { startDate: '2026-04-01', endDate: '2026-04-30' });
  await call(b, 'dispatch.village', { id: ended, villageId: poplar, carrierId: one.user.id }, ADMIN);
  const evaluated = await campaign('春季回访', [stone], {});
  await call(b, 'dispatch.village', { id: evaluated, villageId: stone, carrierId: one.user.id }, ADMIN);
  // Dispatch moved it on to 营销执行 by itself; 评估优化 is a person's decision.
  await call(b, 'campaigns.moveStage', { id: evaluated, stage: 'evaluation' }, ADMIN);
  return { b, c, one, two, clerk, running, villages: { east, red, poplar, stone } };
}

const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as AppError).code;
  }
  return 'OK';
}

describe('a carrier reads only the customers on their own open rounds', () => {
  it('lists, counts, searches and opens exactly the customers dispatched to them', async () => {
    const { b, c, one, two, villages } = await branch();
    const mine = [c.east1, c.east2].sort();

    const all = await as(b, one.caller, 'customers.list', {});
    expect(idsOf(all.rows)).toEqual(mine);
    expect(all.total).toBe(2);
    expect(idsOf((await as(b, two.caller, 'customers.list', {})).rows)).toEqual([c.red]);

    // Searching and filtering never reach past the round.
    expect(idsOf((await as(b, one.caller, 'customers.list', { query: '张东' })).rows)).toEqual(mine);
    expect(await as(b, one.caller, 'customers.list', { query: '李红' })).toEqual({ rows: [], total: 0 });
    expect(await as(b, one.caller, 'customers.list', { query: '13800000004' })).toEqual({ rows: [], total: 0 });
    expect(await as(b, one.caller, 'customers.list', { query: '钱未授权' })).toEqual({ rows: [], total: 0 });
    expect(await as(b, one.caller, 'customers.list', { villageId: villages.red })).toEqual({ rows: [], total: 0 });
    expect(idsOf((await as(b, one.caller, 'customers.list', { villageId: villages.east })).rows)).toEqual(mine);

    expect((await as(b, one.caller, 'customers.get', { id: c.east1 })).phone).toBe('13800000001');
    expect((await as(b, one.caller, 'customers.history', { id: c.east2 })).length).toBeGreaterThan(0);
    for (const other of [c.red, c.poplar, c.stone, c.unasked]) {
      expect(await refusal(as(b, one.caller, 'customers.get', { id: other })), `customers.get ${other}`).toBe('NOT_FOUND');
      expect(await refusal(as(b, one.caller, 'customers.history', { id: other }))).toBe('NOT_FOUND');
    }

    // The visit list is the same round: nothing from the ended or evaluated campaigns.
    const round = await as(b, one.caller, 'visits.targets', { includeDone: true });
    expect([...new Set(round.map((t) => t.customerId))].sort()).toEqual(mine);
    // A carrier asking for another carrier's list still gets their own.
    const asked = await as(b, one.caller, 'visits.targets', { carrierId: two.user.id, includeDone: true });
    expect([...new Set(asked.map((t) => t.customerId))].sort()).toEqual(mine);
  });

  it("keeps a campaign's customers for the month its results are due after its end, then loses them", async () => {
    const { b, c, one } = await branch();
    const target = (await as(b, one.caller, 'visits.targets', {})).find((t) => t.customerId === c.east1)!;
    await as(b, one.caller, 'visits.record', { id: crypto.randomUUID(), targetId: target.targetId, outcome: 'interested', followUpDate: '2026-08-03' });
    expect((await as(b, one.caller, 'campaigns.followUps', {})).map((f) => f.name)).toEqual([]);
    // Days later (a new log-in each time: the old session has locked meanwhile).
    now = new Date(2026, 6, 31, 18);
    let carrier = await logIn(b, 'toudi1');
    expect((await as(b, carrier, 'customers.list', {})).total).toBe(2);
    expect((await as(b, carrier, 'campaigns.followUps', {})).map((f) => f.name)).toEqual(['张东一']);
    // Ended on 31 July: results are still due during August, so the round is still theirs…
    now = new Date(2026, 7, 20, 8);
    carrier = await logIn(b, 'toudi1');
    expect((await as(b, carrier, 'customers.list', {})).total).toBe(2);
    // …and gone once the month is over.
    now = new Date(2026, 8, 1, 8);
    carrier = await logIn(b, 'toudi1');
    expect(await as(b, carrier, 'customers.list', {})).toEqual({ rows: [], total: 0 });
    expect(await refusal(as(b, carrier, 'customers.get', { id: c.east1 }))).toBe('NOT_FOUND');
    expect(await as(b, carrier, 'visits.targets', { includeDone: true })).toEqual([]);
    expect(await as(b, carrier, 'campaigns.followUps', {})).toEqual([]);
    // The office still has everyone, and a clerk can still enter the late results for the carrier.
    const clerk = await logIn(b, 'yingye');
    expect((await as(b, clerk, 'customers.list', {})).total).toBe(6);
    expect((await as(b, clerk, 'visits.targets', { carrierId: one.user.id, includeDone: true })).length).toBeGreaterThan(0);
  });

  it('cannot reach the operations a carrier has no use for', async () => {
    const { b, c, one } = await branch();
    const refused: [OpName, unknown][] = [
      ['customers.export', {}],
      ['customers.accessExport', { id: c.east1 }],
      ['customers.birthdays', {}],
      ['customers.birthdaysExport', {}],
      ['customers.duplicates', {}],
      ['cleanup.list', {}],
      ['maintenance.dashboard', {}],
      ['verification.current', {}],
      ['usage.lines', {}],
      ['usage.libraries', {}],
      ['usage.libraryMembers', { id: 'line-x' }],
      ['usage.plan', { year: 2026 }],
      ['usage.summary', {}],
      ['settings.get', {}],
      ['stats.counts', {}],
      ['villages.list', {}],
      ['reports.get', { name: 'carriers' }],
      ['dashboard.get', { year: 2026 }],
      ['segments.count', { filter: {} }],
      ['audit.list', {}],
    ];
    for (const [op, input] of refused) {
      const env = await envelopeOf(b, one.caller, op, input);
      expect(env.ok ? 'OK' : env.error.code, op).toBe('FORBIDDEN');
    }
    // The log-in screen's own answer keeps the branch's name but not where its data lives.
    const info = await as(b, one.caller, 'app.info', {});
    expect(info.branchName).not.toBe('');
    expect(info.dataDir).toBe('');
    expect((await call(b, 'app.info', {}, ADMIN)).dataDir).toBe(b.db.dir);
  });
});
