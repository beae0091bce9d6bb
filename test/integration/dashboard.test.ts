/**
 * The 报表 dashboard, checked the way a supervisor would: do the funnel and the plans move when the carriers'
 * results come in, is each plan line the right share of the annual target, is a quiet week flagged.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { seedBranch } from '../../backend/seed/generate';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: 'root', role: 'admin' as const };
const PASSWORD = 'Carrier-2026!';

/** A branch on a clock the test moves: 3 villages, 300 customers, two carriers. */
async function branch(start: Date) {
  const clock = { now: start };
  const b = await Backend.open({ dir: tmpDir(), create: true, now: () => clock.now });
  b.db.write('seed', (w) => seedBranch(w, { villages: 3, customers: 300, seed: 7, now: start, actor: 'seed' }));
  const carriers = [];
  for (const login of ['toudi1', 'toudi2'])
    carriers.push(await call(b, 'users.create', { login, displayName: `投递员${login.slice(-1)}`, role: 'carrier', password: PASSWORD }, ADMIN));
  return { b, clock, carriers };
}

async function campaignWithTargets(b: Backend, carrierIds: string[], startDate: string, endDate: string) {
  const c = await call(b, 'campaigns.create', { name: '报刊征订', products: ['报刊'], channels: ['door'], startDate, endDate });
  await call(b, 'campaigns.freeze', { id: c.id, filter: {}, limit: 40 });
  await call(b, 'dispatch.auto', { id: c.id, carrierIds });
  return c;
}

const visit = (b: Backend, targetId: string, outcome: 'success' | 'interested' | 'refused' | 'not_home', revenue = 0) =>
  call(b, 'visits.record', { id: crypto.randomUUID(), targetId, outcome, turnover: revenue * 3, revenue });

describe('dashboard', () => {
  it('moves the funnel, the rates and the revenue and maintenance plans as visits are recorded', async () => {
    const { b, carriers } = await branch(new Date(2026, 4, 20, 10)); // 20 May 2026: Q2
    // Everyone last maintained last year, so this year's maintenance is what the visits below do.
    b.db.write('test.age', (w) => w.run("UPDATE customers SET maintained_at = '2025-06-01T00:00:00.000Z'"));
    await call(b, 'settings.update', { revenueAnnualTarget: 1_000_000_00, maintenanceAnnualTarget: 200 }, ADMIN);
    const c = await campaignWithTargets(
      b,
      carriers.map((x) => x.id),
      '2026-05-01',
      '2026-06-30',
    );

    const before = await call(b, 'dashboard.get', { year: 2026 });
    expect(before.period).toMatchObject({ from: '2026-01-01', to: '2026-12-31', asOf: '2026-05-20' });
    expect(before.campaigns.map((x) => x.name)).toEqual(['报刊征订']);
    expect(before.funnel).toMatchObject({ targets: 40, assigned: 40, visited: 0, interested: 0, success: 0, revenue: 0 });

    const targets = await call(b, 'visits.targets', { campaignId: c.id });
    await visit(b, targets[0]!.targetId, 'success', 360_00);
    await visit(b, targets[1]!.targetId, 'interested');
    await visit(b, targets[2]!.targetId, 'refused');
    // Interested first, signed on the second visit: one target, counted once at each stage.
    await visit(b, targets[3]!.targetId, 'interested');
    await visit(b, targets[3]!.targetId, 'success', 40_00);

    const after = await call(b, 'dashboard.get', { year: 2026 });
    expect(after.funnel).toMatchObject({ targets: 40, assigned: 40, visited: 4, interested: 3, success: 2, revenue: 400_00 });
    const results = await call(b, 'campaigns.results', { id: c.id });
    expect(after.rates).toEqual([
      expect.objectContaining({
        name: '报刊征订',
        targets: 40,
        visited: 4,
        success: 2,
        feedbackRate: results.overall.feedbackRate,
        successRate: 0.05,
        feedbackLow: false,
      }),
    ]);
    expect(after.rateFloor).toBe(0.05);

    // Revenue plan: 25/50/75/100% of ¥1,000,000; Q2 is running, Q3 and Q4 have no actuals yet.
    expect(after.revenue.annualTarget).toBe(1_000_000_00);
    expect(after.revenue.points.map((p) => p.plan)).toEqual([250_000_00, 500_000_00, 750_000_00, 1_000_000_00]);
    expect(after.revenue.points.map((p) => p.actual)).toEqual([0, 400_00, null, null]);
    expect(after.revenue.current).toEqual({ quarter: 2, plan: 500_000_00, actual: 400_00, onTrack: false });
    // Maintenance plan: 30/60/90/100% of 200; each visited customer counts as maintained once.
    expect(after.maintenance.points.map((p) => p.plan)).toEqual([60, 120, 180, 200]);
    expect(before.maintenance.points.map((p) => p.actual)).toEqual([0, 0, null, null]);
    expect(after.maintenance.points.map((p) => p.actual)).toEqual([0, 4, null, null]);

    const carrierTotal = after.carriers.reduce((s, x) => s + x.targets, 0);
    expect(carrierTotal).toBe(40);
    expect(after.carriers.reduce((s, x) => s + x.revenue, 0)).toBe(400_00);
    expect(after.carriers.map((x) => x.label).sort()).toEqual(['投递员1', '投递员2']);

    // The funnel of one chosen campaign, and a quarter without it.
    expect((await call(b, 'dashboard.get', { year: 2026, campaignId: c.id })).funnel.success).toBe(2);
    const q1 = await call(b, 'dashboard.get', { year: 2026, quarter: 1 });
    expect(q1.period).toMatchObject({ from: '2026-01-01', to: '2026-03-31', asOf: '2026-03-31' });
    expect(q1.campaigns).toEqual([]);
    expect(q1.funnel.targets).toBe(0);
    await b.close();
  });

  it('shows grades and village coverage against the 100-customer minimum', async () => {
    const { b } = await branch(new Date(2026, 4, 20, 10));
    const d = await call(b, 'dashboard.get', { year: 2026 });
    const g = d.grades;
    expect(g[1] + g[2] + g[3] + g[4]).toBe(300);
    expect(d.coverage.minimum).toBe(100);
    expect(d.coverage.villages.reduce((s, v) => s + v.customers, 0)).toBe(300);
    expect(d.coverage.belowMinimum).toBe(d.coverage.villages.filter((v) => v.customers < 100).length);
    const counts = d.coverage.villages.map((v) => v.customers);
    expect(counts).toEqual([...counts].sort((x, y) => x - y)); // the villages furthest behind come first
    expect(d.revenue.annualTarget).toBeNull();
    expect(d.revenue.current).toBeNull();
    await b.close();
  });

  it('counts log-ins per week and flags a finished week with fewer than two', async () => {
    // Monday 4 May 2026; the test's clock walks through three weeks.
    const { b, clock } = await branch(new Date(2026, 4, 4, 9));
    const login = () => b.call('auth.login', { login: 'toudi1', password: PASSWORD }, { token: null });
    await login(); // week of 4 May: one log-in
    clock.now = new Date(2026, 4, 11, 9);
    await login(); // week of 11 May: two
    clock.now = new Date(2026, 4, 14, 16);
    await login();
    clock.now = new Date(2026, 4, 19, 9);
    await login(); // week of 18 May: one so far, still running
    const d = await call(b, 'dashboard.get', { year: 2026, quarter: 2 });
    const week = (start: string) => d.usage.weeks.find((w) => w.weekStart === start);
    expect(d.usage.floor).toBe(2);
    expect(week('2026-05-04')).toEqual({ weekStart: '2026-05-04', logins: 1, belowFloor: true, partial: false });
    expect(week('2026-05-11')).toEqual({ weekStart: '2026-05-11', logins: 2, belowFloor: false, partial: false });
    expect(week('2026-05-18')).toEqual({ weekStart: '2026-05-18', logins: 1, belowFloor: true, partial: true });
    // From the branch's start: its first accounts (the carriers) were made on Monday 4 May, so April is not a miss.
    expect(d.usage.weeks[0]!.weekStart).toBe('2026-05-04');
    expect(d.usage.weeks.at(-1)!.weekStart).toBe('2026-05-18'); // nothing after today
    // The running week is not counted as missed yet.
    expect(d.usage.weeksBelow).toBe(d.usage.weeks.length - 2);
    await b.close();
  });

  it('keeps the annual revenue target in 设置 and refuses bad input in Chinese', async () => {
    const { b } = await branch(new Date(2026, 4, 20, 10));
    expect((await call(b, 'settings.get', {})).revenueAnnualTarget).toBeNull();
    expect((await call(b, 'settings.update', { revenueAnnualTarget: 800_000_00 }, ADMIN)).revenueAnnualTarget).toBe(800_000_00);
    const quarterly = await call(b, 'reports.get', { name: 'quarterly' });
    expect(quarterly.tables[0]!.rows[1]).toMatchObject({ revenuePlan: 400_000_00 });
    await expect(call(b, 'settings.update', { revenueAnnualTarget: 0 }, ADMIN)).rejects.toThrow('年度收入目标应大于 0');
    await expect(call(b, 'settings.update', { revenueAnnualTarget: 12.5 }, ADMIN)).rejects.toThrow('分为单位');
    expect((await call(b, 'settings.update', { revenueAnnualTarget: null }, ADMIN)).revenueAnnualTarget).toBeNull();

    await expect(call(b, 'dashboard.get', { year: 2026, quarter: 5 as 1 })).rejects.toThrow('季度应为 1–4');
    await expect(call(b, 'dashboard.get', { year: 1999 })).rejects.toThrow('不能早于 2000');
    await expect(call(b, 'dashboard.get', { year: 2026, campaignId: 'nope' })).rejects.toThrow('该营销活动不存在');
    await expect(call(b, 'dashboard.get', { year: 2026 }, { actor: 'toudi1', role: 'carrier' })).rejects.toThrow('无权');
    await b.close();
  });
});
