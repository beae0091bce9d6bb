/**
 * The 数据维护 section on a seeded branch, in a real browser against the real backend: the dashboard against the
 * programme's targets, the monthly verification sample, merging duplicates, clean-up with undo, birthdays.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { seedBranch } from '../../backend/seed/generate';
import { tmpDir } from '../helpers/tmp';
import { api, openApp, screenshot, visible, type E2eApp } from './browser';

/** Lets antd's fade transitions (spinners, pop-ups) finish so a screenshot shows the settled screen. */
const settle = (app: E2eApp) => app.page.waitForTimeout(400);

describe('data maintenance on a seeded branch', () => {
  let app: E2eApp;

  beforeAll(async () => {
    // Seed through the backend itself before the web server opens the same folder.
    const dbPath = path.join(tmpDir('pbdb-e2e-seed-'), 'data');
    const b = await Backend.open({ dir: dbPath, create: true });
    b.db.write('seed', (w) => seedBranch(w, { villages: 20, customers: 1500, seed: 11, now: new Date(), actor: '演示' }));
    await b.close();
    app = await openApp({ dbPath });
  });
  afterAll(async () => {
    await app?.close();
  });
  // What the screen looked like when a step failed is usually the whole diagnosis.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('shows the maintenance dashboard against its targets', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/customers`);
    await page.getByRole('menuitem', { name: '数据维护' }).click();
    await visible(page.getByRole('tab', { name: '维护看板' }));
    const summary = page.getByTestId('maintenance-summary');
    await visible(summary.getByText('村/单元数'));
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('1,500'); // 客户数
    expect(text).toMatch(/第[1-4]季度末计划 (30|60|90|100)\.0%/);
    expect(text).toMatch(/属性丰富度\d+\.\d%/);
    const table = page.getByTestId('village-kpis');
    await expect.poll(() => table.locator('.ant-table-row').count()).toBe(20);
    // ~75 customers a village: every count is below 100 and shown in red.
    expect(await table.locator('.ant-table-row').first().locator('.ant-typography-danger').count()).toBeGreaterThan(0);
    expect(await table.textContent()).toMatch(/\d+\.\d%/);
    // Sorting by 客户数 puts the smallest village first.
    await table.getByRole('columnheader', { name: /客户数/ }).click();
    const counts = await table.locator('.ant-table-row td:nth-child(3)').allTextContents();
    expect(counts.map(Number)).toEqual([...counts.map(Number)].sort((a, b) => a - b));
    await page.mouse.move(0, 0);
    await settle(app);
    await screenshot(page, 'e2e-maintenance.png');
  });

  it('draws the monthly verification sample and completes one village with a note', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: '核查抽样' }).click();
    await page.getByRole('button', { name: '抽取本月样本（约 8%）' }).click();
    await visible(page.getByText(/已抽取本月样本 \d+ 个村\/单元/));
    const first = page.locator('.ant-table-row', { hasText: '待核查' }).first();
    const village = (await first.locator('td').first().textContent()) ?? '';
    await first.getByRole('button', { name: '完成核查' }).click();
    const modal = page.locator('.ant-modal', { hasText: '完成核查：' });
    await modal.getByLabel('核查备注').fill('已逐户核对，更正电话 2 户');
    await modal.getByRole('button', { name: '完成核查' }).click();
    await visible(page.getByText(`已完成“${village}”的核查`));
    const done = page.locator('.ant-table-row', { hasText: village });
    await visible(done.getByText('已核查'));
    await visible(done.getByText('已逐户核对，更正电话 2 户'));
    await modal.waitFor({ state: 'hidden' });
    await settle(app);
    await screenshot(page, 'e2e-maintenance-verification.png');

    await page.getByRole('tab', { name: '维护看板' }).click();
    await visible(page.getByTestId('village-kpis').locator('.ant-table-row', { hasText: village }).getByText('已核查'));
  });

  it('merges a pair of duplicates after one confirmation', async () => {
    const { page } = app;
    await api(app, 'customers.create', { name: '重复测试', phone: '13912345678', address: '旧地址' });
    await api(app, 'customers.create', { name: '重复测试', phone: '13912345678', tags: ['教师'] });
    await page.getByRole('tab', { name: '重复客户' }).click();
    await visible(page.getByText(/发现 \d+ 组可能重复的客户/));
    const group = page.getByTestId('duplicate-group').filter({ hasText: '重复测试' });
    await visible(group.getByText('同手机号').first());
    await screenshot(page, 'e2e-maintenance-duplicates.png');
    await group.getByRole('button', { name: '合并' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '合并' }).click();
    await visible(page.getByText('已把 1 条记录合并到“重复测试”'));
    await group.waitFor({ state: 'detached' });
  });

  it('deletes a clean-up candidate, takes it back, then keeps it as verified', async () => {
    const { page } = app;
    await api(app, 'customers.create', { name: '待清理甲', address: '不详' });
    await page.getByRole('tab', { name: '清理' }).click();
    await visible(page.getByText(/共 \d+ 户待清理/));
    const row = page.locator('.ant-table-row', { hasText: '待清理甲' });
    await row.locator('.ant-checkbox-input').check();
    await page.getByRole('button', { name: '删除（1）' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await visible(page.getByText('已删除 1 户'));
    await row.waitFor({ state: 'detached' });
    await settle(app);
    await screenshot(page, 'e2e-maintenance-cleanup.png');
    await page.locator('.ant-message').getByRole('button', { name: '撤销' }).click();
    await visible(page.getByText('已恢复 1 户'));
    await visible(row);
    await row.locator('.ant-checkbox-input').check();
    await page.getByRole('button', { name: '核实保留（1）' }).click();
    await visible(page.getByText('已核实保留 1 户'));
    await row.waitFor({ state: 'detached' });
  });

  it('lists coming birthdays and exports them', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: '近期生日' }).click();
    await visible(page.getByText('导出名单只包含同意营销（已授权）的客户', { exact: false }));
    await visible(page.getByText(/未来 7 天内过生日的客户 \d+ 位/));
    await settle(app);
    await screenshot(page, 'e2e-maintenance-birthdays.png');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^近期生日_\d{4}-\d{2}-\d{2}\.xlsx$/);
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
