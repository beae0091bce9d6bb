/**
 * One definition of each figure: the hub computes the city figures in PostgreSQL over the typed branch tables;
 * each branch computes its own in SQLite. Over the same synced data they must agree to the person and the fen
 * (rates to within float rounding), for a 专项活动's progress, its drill-down by carrier and village, and
 * data maintenance with the subsidy.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { seedBranch } from '../../../backend/seed/generate';
import { configureHub, syncOnline } from '../../../backend/sync/hubLink';
import { Hlc } from '../../../shared/hlc';
import { OUTCOMES, type Outcome } from '../../../shared/campaign';
import { issueCampaign } from '../../../server/campaigns';
import { migrateHub } from '../../../server/migrations';
import { campaignDrill, campaignProgress } from '../../../server/city/campaigns';
import { cityBranches } from '../../../server/city/branches';
import { cityMaintenance } from '../../../server/city/maintenance';
import { cityReports } from '../../../server/city/reports';
import { REPORT_NAMES, type ReportCell } from '../../../shared/domain';
import { call } from '../../helpers/backend';
import { HUB_KINDS, startHub, type TestHub } from '../../helpers/hub';
import { tmpDir } from '../../helpers/tmp';

const ADMIN = { actor: '测试管理员', role: 'admin' as const };
const now = () => new Date();
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-9);

for (const kind of HUB_KINDS) {
  describe(`city figures at the hub equal each branch's own (${kind === 'postgres' ? 'PostgreSQL' : 'embedded'})`, () => {
    let hub: TestHub;
    const branches: { name: string; b: Backend }[] = [];
    let campaignId = '';

    beforeAll(async () => {
      hub = await startHub(kind);
      for (const [i, name] of ['东关支局', '西关支局'].entries()) {
        const { token } = await hub.addBranch(name);
        const b = await Backend.open({ dir: tmpDir('parity-'), create: true });
        branches.push({ name, b });
        b.db.write('seed', (w) => seedBranch(w, { villages: 4 + i, customers: 500 + 150 * i, seed: 11 + i, now: now(), actor: '测试' }));
        if (i === 1) {
          await call(b, 'settings.update', { maintenanceAnnualTarget: 400 }, ADMIN);
          // An official village with customers that this branch does not serve leaves every figure on both sides.
          const v = b.db.read((r) =>
            r.value<string>('SELECT village_id FROM customers WHERE deleted_at IS NULL GROUP BY village_id ORDER BY count(*) DESC LIMIT 1'),
          )!;
          await call(b, 'villages.setServed', { id: v, served: false }, ADMIN);
        }
        for (const n of ['刘投递', '陈投递'])
          await call(b, 'users.create', { login: `${n}${i}`, displayName: n, role: 'carrier', password: 'Carrier-pass-2026' }, ADMIN);
        configureHub(b.db, b.sync, { hubUrl: hub.url, token });
        await syncOnline(b.db, b.sync, now);
      }
      const issued = await issueCampaign(
        hub.db,
        { name: '报刊大收订', channels: ['door'], products: ['报刊'], branches: branches.map((x) => ({ branch: x.name, targetCount: 90 })) },
        new Hlc('hubparity', Date.now),
        now(),
      );
      campaignId = issued.id;
      const outcomes = Object.keys(OUTCOMES) as Outcome[];
      for (const [i, { b }] of branches.entries()) {
        await syncOnline(b.db, b.sync, now);
        await call(b, 'campaigns.freeze', { id: campaignId, filter: {}, limit: 90 });
        const targets = await call(b, 'visits.targets', { campaignId });
        // One customer refuses door-to-door visits before dispatch: left out of the binding rates on both sides.
        b.db.write('optout', (w) => w.run(`UPDATE customers SET no_contact = '["door"]' WHERE id = ?`, [targets[0]!.customerId]));
        const carriers = (await call(b, 'users.list', {}, ADMIN)).filter((u) => u.role === 'carrier').map((u) => u.id);
        await call(b, 'dispatch.auto', { id: campaignId, carrierIds: i === 0 ? carriers : carriers.slice(0, 1) });
        for (const [k, t] of targets.slice(0, 40 + 10 * i).entries()) {
          const outcome = outcomes[k % outcomes.length]!;
          const money = outcome === 'success' ? { turnover: 1000 + k * 37, revenue: 300 + k * 11 } : {};
          await call(b, 'visits.record', { id: crypto.randomUUID(), targetId: t.targetId, outcome, ...money });
          if (k % 7 === 0) await call(b, 'visits.record', { id: crypto.randomUUID(), targetId: t.targetId, outcome: 'success', turnover: 500, revenue: 120 });
        }
        // A campaign of the branch's own that ended two months ago with targets still unanswered (逾期未反馈).
        const ymd = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
        const old = await call(b, 'campaigns.create', { name: `夏季储蓄${i}`, channels: ['door'], products: ['储蓄'], startDate: ymd(90), endDate: ymd(60) });
        await call(b, 'campaigns.freeze', { id: old.id, filter: {}, limit: 30 });
        for (const t of (await call(b, 'visits.targets', { campaignId: old.id })).slice(0, 12))
          await call(b, 'visits.record', { id: crypto.randomUUID(), targetId: t.targetId, outcome: 'interested' });
        await syncOnline(b.db, b.sync, now);
      }
    }, 240_000);

    afterAll(async () => {
      for (const { b } of branches) await b.close();
      await hub.stop();
    });

    it('lists every branch with the customers and villages it holds', async () => {
      const rows = await cityBranches(hub.db, now());
      for (const { name, b } of branches) {
        const row = rows.find((r) => r.name === name)!;
        expect(row.customers).toBe(b.db.read((r) => r.value<number>('SELECT count(*) FROM customers WHERE deleted_at IS NULL')));
        expect(row.villages).toBe(b.db.read((r) => r.value<number>('SELECT count(*) FROM villages WHERE deleted_at IS NULL AND not_served_at IS NULL')));
        expect(row.pending).toBe(0);
        expect(row.lastSyncAt).not.toBeNull();
      }
    });

    it('a campaign’s progress per branch and its drill-down', async () => {
      const p = await campaignProgress(hub.db, campaignId, now());
      for (const { name, b } of branches) {
        const hubRow = p.branches.find((r) => r.branch === name)!;
        const res = await call(b, 'campaigns.results', { id: campaignId });
        const disp = await call(b, 'dispatch.status', { id: campaignId });
        expect(hubRow).toMatchObject({
          plan: 90,
          targets: res.overall.targets,
          visited: res.overall.visited,
          contacted: res.overall.contacted,
          success: res.overall.success,
          turnoverFen: res.overall.turnover,
          revenueFen: res.overall.revenue,
          bound: disp.assigned,
        });
        close(hubRow.feedbackRate, res.overall.feedbackRate);
        close(hubRow.successRate, res.overall.successRate);
        close(hubRow.bindRate, disp.bindingRate);
        close(hubRow.bindRate3Days, disp.assignedWithin3Days);
        expect(hubRow.visited).toBeGreaterThan(0);

        const drill = await campaignDrill(hub.db, campaignId, hubRow.branchId);
        const strip = (
          rows: {
            label: string;
            targets: number;
            visited: number;
            contacted: number;
            success: number;
            turnover?: number;
            revenue?: number;
            turnoverFen?: number;
            revenueFen?: number;
          }[],
        ) => rows.map((r) => [r.label, r.targets, r.visited, r.contacted, r.success, r.turnoverFen ?? r.turnover, r.revenueFen ?? r.revenue]).sort();
        expect(strip(drill.byCarrier)).toEqual(strip(res.byCarrier));
        expect(strip(drill.byVillage)).toEqual(strip(res.byVillage));
      }
      expect(p.total.targets).toBe(p.branches.reduce((n, r) => n + r.targets, 0));
      expect(p.total.revenueFen).toBe(p.branches.reduce((n, r) => n + r.revenueFen, 0));
    });

    it('data maintenance and the subsidy per branch', async () => {
      const m = await cityMaintenance(hub.db, now().getFullYear(), now());
      for (const { name, b } of branches) {
        const hubRow = m.branches.find((r) => r.branch === name)!;
        const d = await call(b, 'maintenance.dashboard', {});
        const subsidy = await call(b, 'reports.get', { name: 'subsidy' });
        const sub = subsidy.tables[0]!.rows.at(-1)!;
        expect(hubRow).toMatchObject({
          customers: d.totals.customers,
          villages: d.totals.villages,
          villagesUnder100: d.totals.villagesBelowMinimum,
          villagesMaintained: d.totals.villagesMaintainedOk,
          subsidyPaid: d.plan.onTrack,
          subsidyFen: sub['amount'],
        });
        close(hubRow.maintainedShare, d.totals.villagesMaintainedShare);
        close(hubRow.richness, d.totals.richness);
        close(hubRow.quarterReached, d.plan.achievedShare);
        close(hubRow.quarterPlan, d.plan.planShare);
        expect(hubRow.grades[0] + hubRow.grades[1]).toBe(sub['count']);
      }
      // The seeds differ, so the figures do: a test that could not tell two branches apart would prove nothing.
      expect(m.branches[0]!.customers).not.toBe(m.branches[1]!.customers);
    });

    it('every city workbook: each branch row is the branch report, the city row their sum', async () => {
      const reports = Object.fromEntries((await cityReports(hub.db, REPORT_NAMES, { from: null, to: null }, now())).map((r) => [r.name, r]));
      const pick = (row: Record<string, ReportCell> | null | undefined, keys: string[]) => Object.fromEntries(keys.map((k) => [k, row?.[k] ?? null]));
      const rateKeys = ['targets', 'assigned', 'visited', 'contacted', 'interested', 'success', 'turnover', 'revenue'];
      for (const { name, b } of branches) {
        const own = async (n: (typeof REPORT_NAMES)[number]) => call(b, 'reports.get', { name: n });
        const mine = (r: string, t = 0) => reports[r]!.tables[t]!.rows.filter((x) => x['branch'] === name);

        const campaign = await own('campaign');
        expect(pick(mine('campaign')[0], rateKeys)).toEqual(pick(campaign.tables[0]!.totals, rateKeys));

        const carriers = await own('carriers');
        const carrierRow = (x: Record<string, ReportCell>) => [x['label'], ...rateKeys.map((k) => x[k]), x['lastVisit']];
        expect(mine('carriers').map(carrierRow).sort()).toEqual(carriers.tables[0]!.rows.map(carrierRow).sort());

        const maintenance = await own('maintenance');
        const mKeys = ['customers', 'g1', 'g2', 'g3', 'g4'];
        expect(pick(mine('maintenance')[0], mKeys)).toEqual(pick(maintenance.tables[0]!.totals, mKeys));
        close(Number(mine('maintenance')[0]!['maintainedShare']), Number(maintenance.tables[0]!.totals!['maintainedShare']));
        close(Number(mine('maintenance')[0]!['richness']), Number(maintenance.tables[0]!.totals!['richness']));

        const subsidy = (await own('subsidy')).tables[0]!.rows;
        expect(pick(mine('subsidy')[0], ['g1', 'g2', 'amount'])).toEqual({ g1: subsidy[0]!['count'], g2: subsidy[1]!['count'], amount: subsidy[2]!['amount'] });

        const qKeys = ['quarter', 'revenuePlan', 'revenue', 'maintPlan', 'maintained'];
        expect(mine('quarterly').map((x) => pick(x, qKeys))).toEqual((await own('quarterly')).tables[0]!.rows.map((x) => pick(x, qKeys)));

        const oKeys = ['name', 'end', 'targets', 'missing'];
        const overdue = (await own('overdue')).tables[0]!.rows.map((x) => pick(x, oKeys));
        expect(overdue).toHaveLength(1);
        expect(mine('overdue').map((x) => pick(x, oKeys))).toEqual(overdue);
      }
      const sum = reports['campaign']!.tables[0]!;
      expect(sum.totals!['revenue']).toBe(sum.rows.reduce((s, r) => s + Number(r['revenue']), 0));
      expect(Number(sum.totals!['revenue'])).toBeGreaterThan(0);
    });

    it('a hub from before the visit rollups fills them in when it starts, to the same figures', async () => {
      const before = await campaignProgress(hub.db, campaignId, now());
      for (const c of ['r_visits', 'r_contacted', 'r_interested', 'r_success', 'r_turnover', 'r_revenue'])
        await hub.db.query(`ALTER TABLE b_campaign_targets DROP COLUMN ${c}`);
      await migrateHub(hub.db);
      expect(await campaignProgress(hub.db, campaignId, now())).toEqual(before);
      expect(before.total.visited).toBeGreaterThan(0);
    });
  });
}
