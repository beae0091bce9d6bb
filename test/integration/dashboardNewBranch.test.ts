/**
 * Dashboards for a branch that has just started: the log-in weeks count from the branch's start (its first
 * account or its set-up), not from 1 January; official villages the branch does not serve (不服务) leave every
 * KPI and count, so a new branch is not shown 维护率达80%的村 0.0% for villages it will never have customers in.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: '测试管理员', role: 'admin' as const };
const SUPERVISOR = { actor: '王主管', role: 'supervisor' as const };
const ANON = { actor: '未登录', role: 'carrier' as const };

async function branchCreatedOn(day: Date) {
  const clock = { now: day };
  const b = await Backend.open({ dir: tmpDir(), create: true, now: () => clock.now });
  await call(b, 'auth.setupAdmin', { login: 'boss', displayName: '站长', password: 'Strong-pass-2026' }, ANON);
  return { b, clock };
}

describe('a new branch on the dashboards', () => {
  it('does not count the weeks before the branch existed as weeks without log-ins', async () => {
    const { b } = await branchCreatedOn(new Date(2026, 11, 6, 10)); // Sunday 6 December
    const d = await call(b, 'dashboard.get', { year: 2026 }, ADMIN);
    expect(d.usage.weeksBelow).toBe(0);
    expect(d.usage.since).toBe('2026-12-06');
    // The week it began in is shown, not judged: it began on the week's last day.
    expect(d.usage.weeks).toEqual([{ weekStart: '2026-11-30', logins: 1, belowFloor: true, partial: true }]); // setting up signs in once
    await b.close();
  });

  it('counts whole weeks from a Monday start, and the year before the branch has no weeks at all', async () => {
    const { b, clock } = await branchCreatedOn(new Date(2026, 10, 2, 9)); // Monday 2 November
    clock.now = new Date(2026, 11, 6, 10);
    const d = await call(b, 'dashboard.get', { year: 2026 }, ADMIN);
    expect(d.usage.weeks.map((w) => w.weekStart)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    expect(d.usage.weeksBelow).toBe(4); // no log-ins at all; the running week is not a miss yet
    expect((await call(b, 'dashboard.get', { year: 2025 }, ADMIN)).usage).toMatchObject({ weeks: [], weeksBelow: 0 });
    await b.close();
  });

  it('leaves official villages the branch does not serve out of every KPI, and takes them back when asked', async () => {
    const { b } = await branchCreatedOn(new Date(2026, 11, 6, 10));
    const town = (await call(b, 'divisions.towns', { countyCode: '371402' }, ADMIN)).at(-1)!;
    const { villages } = await call(
      b,
      'setup.createBranch',
      { branchName: '新网点', postalCode: '253000', countyCode: '371402', townCodes: [town.code] },
      ADMIN,
    );
    expect(villages).toBeGreaterThan(5);
    const all = await call(b, 'villages.list', {}, ADMIN);
    const [served1, served2, ...others] = all;
    for (let i = 0; i < 30; i++) await call(b, 'customers.create', { name: `客户${i}`, villageId: (i % 2 ? served1 : served2)!.id });

    const before = await call(b, 'maintenance.dashboard', {}, ADMIN);
    expect(before.totals.villagesMaintainedShare).toBeLessThan(0.5); // the empty official villages count as failing

    for (const v of others) await call(b, 'villages.setServed', { id: v.id, served: false }, SUPERVISOR);
    const after = await call(b, 'maintenance.dashboard', {}, ADMIN);
    expect(after.totals).toMatchObject({ villages: 2, customers: 30, villagesMaintainedOk: 2, villagesMaintainedShare: 1, villagesBelowMinimum: 2 });
    const dash = await call(b, 'dashboard.get', { year: 2026 }, ADMIN);
    expect(dash.coverage.villages.map((v) => v.villageId).sort()).toEqual([served1!.id, served2!.id].sort());
    expect((await call(b, 'verification.current', {}, ADMIN)).targetCount).toBe(1);
    const report = await call(b, 'reports.get', { name: 'maintenance' }, ADMIN);
    expect(report.tables[0]!.rows).toHaveLength(2);
    // Still listed (customers may point at them), marked, and a clerk cannot change the mark.
    const listed = (await call(b, 'villages.list', {}, ADMIN)).find((v) => v.id === others[0]!.id)!;
    expect(listed).toMatchObject({ notServedBy: '王主管' });
    expect(listed.notServedAt).not.toBeNull();
    await expect(call(b, 'villages.setServed', { id: others[0]!.id, served: true })).rejects.toThrow('无权');

    await call(b, 'villages.setServed', { id: others[0]!.id, served: true }, SUPERVISOR);
    expect((await call(b, 'maintenance.dashboard', {}, ADMIN)).totals.villages).toBe(3);
    await b.close();
  });
});
