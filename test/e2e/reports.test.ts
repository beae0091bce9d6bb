/**
 * 报表 in the browser: a seeded branch (villages, customers, three campaigns with carriers' visits), the annual
 * revenue target set in 设置, the dashboard's charts drawn under the strict CSP, a report viewed as a table with
 * its CSV, and the whole workbook exported with progress and read back.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { seedCampaigns } from '../../backend/seed/campaigns';
import { seedBranch } from '../../backend/seed/generate';
import { call } from '../helpers/backend';
import { readBack } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';
import { ARTIFACTS, E2E_ADMIN, openApp, screenshot, visible, type E2eApp } from './browser';

const CHARTS = ['chart-funnel', 'chart-rates', 'chart-revenue', 'chart-maintenance', 'chart-grades', 'chart-coverage', 'chart-carriers', 'chart-usage'];

/** A branch as the CLI's seed makes it, with the e2e administrator created first (seeding adds carriers). */
async function seededBranch(dir: string): Promise<void> {
  const now = new Date();
  const b = await Backend.open({ dir, create: true });
  await call(b, 'auth.setupAdmin', E2E_ADMIN);
  await call(b, 'settings.update', { branchName: '黄河涯支局' }, { actor: 'seed', role: 'admin' });
  b.db.write('seed', (w) => seedBranch(w, { villages: 8, customers: 1200, seed: 11, now, actor: 'seed' }));
  seedCampaigns((label, fn) => b.db.write(label, fn), { campaigns: 3, visits: 1500, seed: 11, now, actor: 'seed' });
  await b.close();
}

describe('报表', () => {
  let app: E2eApp;
  const dir = tmpDir('pbdb-e2e-reports-');

  beforeAll(async () => {
    const data = path.join(dir, 'data');
    await seededBranch(data);
    app = await openApp({ dbPath: data });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('takes the annual revenue target in 设置', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/settings`);
    const input = page.getByLabel('年度收入目标（元）');
    await visible(input, 20_000);
    await input.fill('600000');
    await page.getByRole('button', { name: '保存设置' }).click();
    await visible(page.getByText('设置已保存'));
  });

  it('draws every dashboard chart on a canvas, with the plan lines and the headline figures', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/reports`);
    await visible(page.getByText('营销漏斗'), 20_000);
    for (const id of CHARTS) await visible(page.getByTestId(id).locator('canvas'), 20_000);
    // ECharts animates in; let it settle before the picture.
    await page.waitForTimeout(1200);
    // Q-end plan of ¥600,000: the headline names the current quarter's cumulative plan in ¥ with two decimals.
    // Polled: the dashboard may first paint from before the target saved in the previous test reached it.
    await expect.poll(() => page.getByTestId('headline-revenue').textContent(), { timeout: 10_000 }).toMatch(/季度末计划 ¥\d{2,3},000\.00/);
    await expect.poll(() => page.getByTestId('chart-revenue').getByText('未设置年度收入目标').count()).toBe(0);
    await page.mouse.move(0, 0);
    const shot = await screenshot(page, 'e2e-reports-dashboard.png');
    expect(fs.statSync(shot).size).toBeGreaterThan(20_000);
    // One picture per chart, for a person to check what each one says.
    for (const id of CHARTS) {
      const card = page.getByTestId(id);
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: path.join(ARTIFACTS, `e2e-reports-${id}.png`) });
    }

    // Another quarter: the period line follows.
    await page.getByTestId('dashboard-quarter').getByText('一季度').click();
    await visible(page.getByTestId('dashboard-asof').getByText(/-01-01 至 \d{4}-03-31/));
    expect(app.pageErrors).toEqual([]);
  });

  it('shows a report as a table with its totals and downloads its CSV', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/reports/tables`);
    const summary = page.getByTestId('report-table-summary');
    await visible(summary, 20_000);
    await visible(summary.locator('.ant-table-summary').getByText('合计'));
    expect(await summary.locator('thead').textContent()).toContain('反馈率');
    await page.getByTestId('report-picker').getByText('投递员业绩').click();
    const carriers = page.getByTestId('report-table-carriers');
    await visible(carriers.getByText('投递员1'));
    expect(await carriers.locator('.ant-table-summary').textContent()).toMatch(/¥[\d,]+\.\d{2}/);
    await screenshot(page, 'e2e-reports-table.png');

    const [download] = await Promise.all([page.waitForEvent('download'), carriers.getByRole('button', { name: /CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^投递员业绩_投递员业绩_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = path.join(dir, 'carriers.csv');
    await download.saveAs(csv);
    const bytes = fs.readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('投递员,目标户数');
  });

  it('exports the whole set as one workbook with progress, and it reads back', async () => {
    const { page } = app;
    const panel = page.getByTestId('report-export');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), panel.getByTestId('report-export-start').click()]);
    expect(download.suggestedFilename()).toMatch(/^报表汇总_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(dir, 'all.xlsx');
    await download.saveAs(file);
    const buf = fs.readFileSync(file);
    const names = XLSX.read(buf, { type: 'buffer' }).SheetNames;
    expect(names).toEqual(expect.arrayContaining(['营销活动汇总', '数据维护报表', '维护补贴', '季度进度', '投递员业绩']));
    const first = readBack(buf);
    expect(first[0]![0]).toContain('营销活动汇总');
    expect(first.flat().join(' ')).toContain('黄河涯支局');
    expect(first.some((r) => r[0] === '合计')).toBe(true);
    await visible(page.getByText(/已生成“报表汇总_/));
    expect(await panel.getByTestId('report-export-error').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });
});
