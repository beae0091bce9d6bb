/**
 * 活动归档 in Chromium (browser mode): an administrator picks campaigns that ended over a year ago in 设置, moves
 * them into the yearly archive, and their 结果 screen reads exactly as before, marked as archived.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { seedCampaigns } from '../../backend/seed/campaigns';
import { seedBranch } from '../../backend/seed/generate';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';
import { E2E_ADMIN, openApp, screenshot, visible, type E2eApp } from './browser';

/** Well over a year before any day this test runs. */
const T0 = new Date(2025, 2, 1, 10);

describe('活动归档', () => {
  let app: E2eApp;
  let ids: string[] = [];

  beforeAll(async () => {
    const dbPath = path.join(tmpDir('pbdb-e2e-archive-'), 'data');
    const b = await Backend.open({ dir: dbPath, create: true, now: () => T0 });
    await call(b, 'auth.setupAdmin', E2E_ADMIN, { actor: 'setup', role: 'admin' });
    b.db.write('seed', (w) => seedBranch(w, { villages: 4, customers: 400, seed: 3, now: T0, actor: 'seed' }));
    seedCampaigns((l, fn) => b.db.write(l, fn), { campaigns: 4, visits: 1200, seed: 3, now: T0, actor: 'seed' });
    ids = b.db.read((r) => r.all<{ id: string }>('SELECT id FROM campaigns ORDER BY start_date').map((c) => c.id));
    await b.close();
    app = await openApp({ dbPath });
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  const resultsText = async (id: string) => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/campaigns/${id}/results`);
    const panel = page.getByRole('tabpanel').first();
    await visible(panel.getByText('按投递员'));
    return panel.innerText();
  };

  it('moves the chosen campaigns into the archive and their results read as before', async () => {
    const { page, server } = app;
    const before = await resultsText(ids[0]!);
    await page.goto(server.url);
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '活动归档' }).click();
    const tab = page.getByTestId('archive-tab');
    const candidates = tab.getByTestId('archive-candidates');
    await visible(candidates.locator('tbody tr.ant-table-row'));
    expect(await candidates.locator('tbody tr.ant-table-row').count()).toBe(4);
    // Nothing chosen: the button waits and says why.
    await visible(tab.getByText('请先勾选要归档的活动'));
    expect(await tab.getByRole('button', { name: '归档所选活动' }).isDisabled()).toBe(true);

    await candidates.locator('tbody tr.ant-table-row').nth(0).locator('input[type=checkbox]').check();
    await candidates.locator('tbody tr.ant-table-row').nth(1).locator('input[type=checkbox]').check();
    await tab.getByRole('button', { name: '归档所选活动' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '归档' }).click();
    await visible(page.getByText(/已归档 2 个活动/), 30_000);
    await visible(tab.getByTestId('archive-done').locator('tbody tr.ant-table-row'));
    expect(await tab.getByTestId('archive-done').locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(await candidates.locator('tbody tr.ant-table-row').count()).toBe(2);
    await screenshot(page, 'e2e-archive-tab-1366.png');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'e2e-archive-tab-1024.png');
    await page.setViewportSize({ width: 1366, height: 768 });

    await page.getByRole('menuitem', { name: '营销活动' }).click();
    await visible(page.getByTestId('campaign-archived'));
    expect(await page.getByTestId('campaign-archived').count()).toBe(2);

    const after = await resultsText(ids[0]!);
    expect(after).toBe(before);
    await visible(page.getByTestId('campaign-archived-note'));
    // Dispatching and selecting are gone for it; 概况 and 结果 stay.
    expect(await page.getByRole('tab', { name: '派工' }).count()).toBe(0);
    await visible(page.getByRole('tab', { name: '概况' }));
    expect(app.pageErrors).toEqual([]);
  });
});
