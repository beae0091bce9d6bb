/**
 * The dashboards of a branch set up today on the official division list, with customers in two of its villages:
 * no red "登录少于 2 次的周 48 周", a coverage chart that reads (villages as rows, the 100-户 line), and the
 * maintenance figures once the villages it does not serve are marked. Screenshots at 1366×768 and 1024×768.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Backend } from '../../backend/host/backend';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';
import { ARTIFACTS, E2E_ADMIN, openApp, screenshot, visible, type E2eApp } from './browser';

const ADMIN = { actor: E2E_ADMIN.login, role: 'admin' as const };
const SIZES = [
  [1366, 768],
  [1024, 768],
] as const;

async function newBranch(dir: string): Promise<string[]> {
  const b = await Backend.open({ dir, create: true });
  await call(b, 'auth.setupAdmin', E2E_ADMIN, { actor: '未登录', role: 'carrier' });
  const town = (await call(b, 'divisions.towns', { countyCode: '371402' }, ADMIN)).at(-1)!;
  await call(b, 'setup.createBranch', { branchName: '新开网点', postalCode: '253000', countyCode: '371402', townCodes: [town.code] }, ADMIN);
  const villages = await call(b, 'villages.list', {}, ADMIN);
  for (let i = 0; i < 40; i++) await call(b, 'customers.create', { name: `客户${i}`, villageId: villages[i % 2]!.id, address: `中心街${i}号` }, ADMIN);
  await b.close();
  return villages.slice(2).map((v) => v.id);
}

async function atBothSizes(page: Page, name: string, testId?: string): Promise<void> {
  await page.mouse.move(0, 0);
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(1200); // charts resize and animate in
    await screenshot(page, `e2e-newbranch-${name}-${width}.png`);
    if (testId) {
      const card = page.getByTestId(testId);
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: path.join(ARTIFACTS, `e2e-newbranch-${name}-${testId}-${width}.png`) });
      await page.evaluate(() => window.scrollTo(0, 0));
    }
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

describe('dashboards of a branch set up today', () => {
  let app: E2eApp;
  let unserved: string[] = [];

  beforeAll(async () => {
    const data = path.join(tmpDir('pbdb-e2e-newbranch-'), 'data');
    unserved = await newBranch(data);
    app = await openApp({ dbPath: data });
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('does not show the weeks before the branch existed as missed log-ins', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/reports`);
    const usage = page.getByTestId('headline-usage');
    await visible(usage.getByText('开始使用', { exact: false }), 20_000);
    expect(await usage.locator('.ant-statistic-content').textContent()).toBe('0 周');
    await visible(page.getByTestId('chart-coverage').locator('canvas'), 20_000);
    await atBothSizes(page, 'reports', 'chart-coverage');
  });

  it('leaves the villages marked 不服务 out of the maintenance figures', async () => {
    const { page, server } = app;
    for (const id of unserved) {
      const res = await page.request.post(`${server.url}/api/villages.setServed`, { data: { id, served: false } });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    }
    await page.goto(`${server.url}/#/maintenance`);
    const summary = page.getByTestId('maintenance-summary');
    await visible(summary.getByText(`另有 ${unserved.length} 个不服务的村未计入`), 20_000);
    expect(await summary.textContent()).toContain('100.0%');
    await atBothSizes(page, 'maintenance');
    await page.goto(`${server.url}/#/reports`);
    await visible(page.getByTestId('chart-coverage').locator('canvas'), 20_000);
    await atBothSizes(page, 'reports-served', 'chart-coverage');
    expect(app.pageErrors).toEqual([]);
  });
});
