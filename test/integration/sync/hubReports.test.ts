/**
 * Issue 7 point 4/5: the branch reports across branches, computed at the hub by the branches' own report
 * code and exported with `export report NAME --hub URL --token T`; a branch token cannot read them.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { configureHub, syncOnline } from '../../../backend/sync/hubLink';
import { addAdmin } from '../../../server/admins';
import { call } from '../../helpers/backend';
import { cli } from '../../helpers/cli';
import { startHub, type TestHub } from '../../helpers/hub';
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { tmpDir } from '../../helpers/tmp';

describe('cross-branch reports at the hub', () => {
  let hub: TestHub;
  const open: Backend[] = [];
  beforeAll(async () => {
    hub = await startHub('embedded');
  }, 60_000);
  afterAll(async () => {
    for (const b of open) await b.close();
    await hub.stop();
  }, 60_000);

  async function branchWithVisits(name: string, customers: number, successes: number, revenueFen: number): Promise<string> {
    const { token } = await hub.addBranch(name);
    const b = await Backend.open({ dir: tmpDir('hubr-'), create: true });
    open.push(b);
    const v = await call(b, 'villages.create', { name: `${name}村` });
    for (let i = 0; i < customers; i++) await call(b, 'customers.create', { name: `${name}客户${i}`, villageId: v.id, consent: true });
    const c = await call(b, 'campaigns.create', { name: `${name}活动`, channels: ['door'], products: ['报刊'] });
    await call(b, 'campaigns.freeze', { id: c.id, filter: {} });
    const targets = await call(b, 'visits.targets', { campaignId: c.id });
    for (let i = 0; i < successes; i++) {
      await call(b, 'visits.record', {
        id: crypto.randomUUID(),
        targetId: targets[i]!.targetId,
        outcome: 'success',
        turnover: revenueFen * 4,
        revenue: revenueFen,
      });
    }
    configureHub(b.db, b.sync, { hubUrl: hub.url, token });
    await syncOnline(b.db, b.sync, () => new Date());
    return token;
  }

  it('gives one row per branch plus a city total, equal to what each branch reports', async () => {
    const branchToken = await branchWithVisits('东区支局', 5, 2, 1500);
    await branchWithVisits('西区支局', 3, 1, 2000);
    const { token } = await addAdmin(hub.db, '张主管');
    const out = path.join(tmpDir('hubr-out-'), '汇总.xlsx');
    const r = await cli('export', 'report', 'campaign', '--hub', hub.url, '--token', token, '--out', out, '--json');
    expect(r.code, r.err).toBe(0);
    const wb = XLSX.read(fs.readFileSync(out), { type: 'buffer' });
    const sheets = Object.fromEntries(wb.SheetNames.map((n) => [n, XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[n]!, { header: 1, raw: true, defval: '' })]));
    const names = wb.SheetNames;
    expect(names.length).toBeGreaterThanOrEqual(2);
    const flat = JSON.stringify(sheets);
    expect(flat).toContain('东区支局');
    expect(flat).toContain('西区支局');
    expect(flat).toContain('全市合计');
    // The city total of revenue is the sum of both branches' (2 × ¥15.00 + ¥20.00 = ¥50.00).
    const summary = sheets[names[0]!]!;
    const totalRow = summary.find((row) => row.includes('全市合计'))!;
    expect(totalRow).toBeTruthy();
    expect(totalRow).toContain(50);

    // A branch's token opens no cross-branch report.
    const refused = await cli('export', 'report', 'campaign', '--hub', hub.url, '--token', branchToken, '--out', out + '.x.xlsx');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/市局用户令牌无效/);
  });
});
