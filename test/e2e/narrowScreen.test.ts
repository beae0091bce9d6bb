/**
 * Issue 20, point 10, on a 1024×768 screen: the main menu folds (by default below 1100 px, and the clerk's choice
 * is remembered across reloads); the live target count on the campaign filter page stays in view on top of the
 * filters instead of 1,220 px below them; 走访录入 keeps its village and household columns readable (the table
 * scrolls sideways) instead of one character per line in rows 180 px tall.
 */
import dayjs from 'dayjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, openApp, screenshot, visible, type E2eApp } from './browser';
import { CARRIERS, seedCampaignData } from './campaignData';

const settle = (page: E2eApp['page']) => page.waitForTimeout(400);

describe('a 1024×768 screen', () => {
  let app: E2eApp;
  let campaignId: string;
  let carrierIds: string[];

  beforeAll(async () => {
    app = await openApp();
    ({ carrierIds } = await seedCampaignData(app));
    const c = (await api(app, 'campaigns.create', {
      name: '冬季报刊上门征订',
      products: ['报刊'],
      channels: ['door'],
      startDate: dayjs().format('YYYY-MM-DD'),
    })) as { id: string };
    campaignId = c.id;
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  const siderWidth = async () => (await app.page.getByTestId('main-sider').boundingBox())!.width;

  it('folds the main menu below 1100 px and remembers the clerk’s choice', async () => {
    const { page, server } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/#/customers`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await visible(page.getByTestId('main-sider'));
    await expect.poll(siderWidth).toBeLessThanOrEqual(80);
    // Folded, each section is still there by its icon (and named on hover).
    await visible(page.getByRole('menuitem', { name: '营销活动' }));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-i20-sider-folded-1024.png');

    await page.getByTestId('sider-trigger').click();
    await expect.poll(siderWidth).toBe(200);
    await page.reload();
    await visible(page.getByTestId('main-sider'));
    await expect.poll(siderWidth).toBe(200);
    await page.getByTestId('sider-trigger').click();
    await expect.poll(siderWidth).toBeLessThanOrEqual(80);
    await page.reload();
    await visible(page.getByTestId('main-sider'));
    await expect.poll(siderWidth).toBeLessThanOrEqual(80);

    // A wide screen with no choice made starts open.
    await page.evaluate(() => localStorage.clear());
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.reload();
    await visible(page.getByTestId('main-sider'));
    await expect.poll(siderWidth).toBe(200);
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect.poll(siderWidth).toBeLessThanOrEqual(80);
  });

  it('keeps the live target count in view on top of the filters', async () => {
    const { page, server } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/#/campaigns/${campaignId}/select`);
    const count = page.getByTestId('segment-count');
    await expect.poll(() => page.getByTestId('segment-selectable').textContent()).toContain('60');
    const top = async () => (await count.boundingBox())!.y;
    await expect.poll(top).toBeLessThan(400);
    // Scrolled to the last filter, the count is still on screen, above the filters.
    await page.getByText('以往结果', { exact: false }).last().scrollIntoViewIfNeeded();
    await page.locator('.ant-layout-content').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await settle(page);
    const box = (await count.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(50);
    expect(box.y + box.height).toBeLessThan(300);
    await page.mouse.move(0, 0);
    await screenshot(page, 'e2e-i20-campaign-select-1024-scrolled.png');
    // And it still counts as the filter changes.
    await page.getByText('有手机', { exact: true }).click();
    await expect.poll(() => page.getByTestId('segment-selectable').textContent()).toContain('30');
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-i20-campaign-select-1024.png');
    await page.setViewportSize({ width: 1366, height: 768 });
    await settle(page);
    await screenshot(page, 'e2e-i20-campaign-select-1366.png');
    // Side by side on a wide screen, still in view at the bottom of the filters.
    await page.locator('.ant-layout-content').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await settle(page);
    const wide = (await count.boundingBox())!;
    expect(wide.x).toBeGreaterThan(700);
    expect(wide.y).toBeGreaterThanOrEqual(50);
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  it('gives 走访录入 readable village and household columns', async () => {
    const { page, server } = app;
    await api(app, 'campaigns.freeze', { id: campaignId, filter: {} });
    await api(app, 'dispatch.auto', { id: campaignId, carrierIds });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/#/visits`);
    await page.getByTestId('visit-carrier').click();
    await page.keyboard.type(CARRIERS[0].displayName);
    await page.keyboard.press('Enter');
    await visible(page.locator('tr.visit-row').first());
    const village = page.locator('tr.visit-row').first().locator('td.col-village');
    const type = page.locator('tr.visit-row').first().locator('td.col-type');
    expect((await village.boundingBox())!.width).toBeGreaterThanOrEqual(100);
    expect((await type.boundingBox())!.width).toBeGreaterThanOrEqual(80);
    // A village name on one line: a row of two short lines, not 180 px of single characters.
    expect((await page.locator('tr.visit-row').first().boundingBox())!.height).toBeLessThan(80);
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-i20-visit-entry-1024.png');
    await page.setViewportSize({ width: 1366, height: 768 });
    await settle(page);
    await screenshot(page, 'e2e-i20-visit-entry-1366.png');
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
