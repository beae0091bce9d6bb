import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import crypto from 'node:crypto';
import { Backend } from '../../../backend/host/backend';
import { configureHub, syncOnline } from '../../../backend/sync/hubLink';
import { Hlc } from '../../../shared/hlc';
import { issueCampaign } from '../../../server/campaigns';
import { hubCampaignReport } from '../../../server/reports';
import { runHubCli } from '../../../server/main';
import { call } from '../../helpers/backend';
import { REAL_HUB, startHub, type TestHub } from '../../helpers/hub';
import { tmpDir } from '../../helpers/tmp';

const now = () => new Date();
const hubClock = () => new Hlc(`hubt${crypto.randomBytes(2).toString('hex')}`, Date.now);

describe('campaigns issued from the hub (专项营销活动)', () => {
  let hub: TestHub;
  const open: Backend[] = [];
  beforeAll(async () => {
    hub = await startHub(REAL_HUB);
  }, 60_000);
  afterAll(async () => {
    for (const b of open) await b.close();
    await hub.stop();
  }, 60_000);

  async function branch(name: string, customers: number): Promise<{ b: Backend; ids: string[] }> {
    const { token } = await hub.addBranch(name);
    const b = await Backend.open({ dir: tmpDir('hubc-'), create: true });
    open.push(b);
    const v = await call(b, 'villages.create', { name: `${name}村` });
    const ids: string[] = [];
    for (let i = 0; i < customers; i++) ids.push((await call(b, 'customers.create', { name: `${name}${i}`, villageId: v.id, consent: true })).id);
    configureHub(b.db, b.sync, { hubUrl: hub.url, token });
    await syncOnline(b.db, b.sync, now);
    return { b, ids };
  }

  it('reach each branch with its target, are executed there, and are reported across branches', async () => {
    const east = await branch('东区支局', 6);
    const west = await branch('西区支局', 4);
    const issued = await issueCampaign(
      hub.db,
      {
        name: '2027 年报刊大收订',
        channels: ['door'],
        products: ['报刊'],
        branches: [
          { branch: '东区支局', targetCount: 5 },
          { branch: '西区支局', customerIds: west.ids.slice(0, 3) },
        ],
      },
      hubClock(),
      now(),
    );
    await syncOnline(east.b.db, east.b.sync, now);
    await syncOnline(west.b.db, west.b.sync, now);

    const eastCampaign = (await call(east.b, 'campaigns.list', {})).find((c) => c.id === issued.id)!;
    expect(eastCampaign.owner).toBe('hub');
    expect(eastCampaign.targetCount).toBe(5);
    const westCampaign = (await call(west.b, 'campaigns.list', {})).find((c) => c.id === issued.id)!;
    expect(westCampaign.targets).toBe(3);

    // East selects its five targets itself; both record visits; the outcomes flow up.
    await call(east.b, 'campaigns.freeze', { id: issued.id, filter: {}, limit: 5 });
    const eastTargets = await call(east.b, 'visits.targets', { campaignId: issued.id });
    await call(east.b, 'visits.record', { id: crypto.randomUUID(), targetId: eastTargets[0]!.targetId, outcome: 'success', turnover: 12000, revenue: 3000 });
    await call(east.b, 'visits.record', { id: crypto.randomUUID(), targetId: eastTargets[1]!.targetId, outcome: 'refused' });
    const westTargets = await call(west.b, 'visits.targets', { campaignId: issued.id });
    await call(west.b, 'visits.record', { id: crypto.randomUUID(), targetId: westTargets[0]!.targetId, outcome: 'not_home' });
    await syncOnline(east.b.db, east.b.sync, now);
    await syncOnline(west.b.db, west.b.sync, now);

    const report = await hubCampaignReport(hub.db, issued.id);
    const byName = Object.fromEntries(report.branches.map((r) => [r.branch, r]));
    expect(byName['东区支局']).toMatchObject({ targetCount: 5, targets: 5, visited: 2, feedback: 2, success: 1, revenueFen: 3000 });
    expect(byName['西区支局']).toMatchObject({ targetCount: 3, targets: 3, visited: 1, feedback: 0, success: 0 });
    expect(report.total).toMatchObject({ targetCount: 8, targets: 8, visited: 3, success: 1, turnoverFen: 12000 });
  });

  it('refuses a list naming another branch’s customers, and bad input from the hub CLI', async () => {
    const north = await branch('北区支局', 2);
    await expect(
      issueCampaign(hub.db, { name: '错名单', channels: ['door'], branches: [{ branch: '东区支局', customerIds: north.ids }] }, hubClock(), now()),
    ).rejects.toThrow(/没有这些客户/);
    await expect(
      issueCampaign(hub.db, { name: '无渠道', channels: ['pigeon'], branches: [{ branch: '东区支局', targetCount: 1 }] }, hubClock(), now()),
    ).rejects.toThrow(/渠道/);
    const err: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void err.push(String(m)));
    try {
      expect(await runHubCli(['campaign', 'add', '--name', 'x', '--channels', 'door'])).toBe(2);
      expect(await runHubCli(['campaign', 'add', '--name', 'x', '--channels', 'door', '--targets', '东区支局'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(err.join('\n')).toMatch(/网点名称=户数/);
  });
});
