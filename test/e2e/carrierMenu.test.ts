/**
 * A 投递员's screens: after log-in they land on 走访录入 (not on the page the previous user left open), the menu
 * holds only what the role may use, and their customer view is the round they walk — read-only, without
 * 编辑 / 删除 / 导出, the number masked and no birth date or county that would unmask it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit, maskIdNumber } from '../../shared/idNumber';
import { api, E2E_ADMIN, openApp, screenshot, visible, type E2eApp } from './browser';

const CARRIER = { login: 'toudi', displayName: '投递员小李', role: 'carrier', password: 'Carrier-2026!' };
const ID17 = '37140219800101123';
const ID = ID17 + idCheckDigit(ID17);

describe('a carrier’s menu, start page and customer view', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await openApp({ loggedOut: true });
    await api(app, 'auth.setupAdmin', E2E_ADMIN);
    await api(app, 'settings.update', { branchName: '黄河涯支局' });
    const carrier = (await api(app, 'users.create', CARRIER)) as { id: string };
    const east = (await api(app, 'villages.create', { name: '东风村' })) as { id: string };
    const west = (await api(app, 'villages.create', { name: '西山村' })) as { id: string };
    await api(app, 'customers.create', { name: '张三', idNumber: ID, phone: '13800138000', villageId: east.id, address: '东风村3组5号', consent: true });
    await api(app, 'customers.create', { name: '李四', phone: '13800138001', villageId: east.id, address: '东风村4组1号', consent: true });
    // Not on the carrier's round: another village, and a customer who never consented.
    await api(app, 'customers.create', { name: '王五', phone: '13800138002', villageId: west.id, address: '西山村1组2号', consent: true });
    await api(app, 'customers.create', { name: '赵六', phone: '13800138003', villageId: east.id, consent: false });
    const campaign = (await api(app, 'campaigns.create', { name: '报刊征订上门', channels: ['door'] })) as { id: string };
    await api(app, 'campaigns.freeze', { id: campaign.id, filter: { villageIds: [east.id] } });
    await api(app, 'dispatch.village', { id: campaign.id, villageId: east.id, carrierId: carrier.id });
    await api(app, 'auth.logout', {});
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  async function logIn(login: string, password: string): Promise<void> {
    const { page } = app;
    await visible(page.getByRole('button', { name: '登录' }));
    await page.getByLabel('登录名').fill(login);
    await page.getByLabel('密码').fill(password);
    await page.getByLabel('密码').press('Enter');
  }

  const menuItems = () => app.page.locator('.ant-layout-sider .ant-menu-item').allTextContents();

  it('lands on 走访录入 after log-in, whatever the previous user left open, and offers only the carrier’s sections', async () => {
    const { page, server } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(server.url);
    await logIn(E2E_ADMIN.login, E2E_ADMIN.password);
    await page.getByRole('menuitem', { name: '设置' }).click();
    await visible(page.getByText('数据目录'));
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();

    await logIn(CARRIER.login, CARRIER.password);
    await visible(page.getByTestId('visit-page'));
    expect(await page.evaluate(() => window.location.hash)).toBe('#/visits');
    await visible(page.getByTestId('visit-count').getByText('共 2 户待走访'));
    expect(await menuItems()).toEqual(['客户', '营销活动', '走访录入', '同步']);
    await page.mouse.move(0, 0);
    await screenshot(page, 'e2e-carrier-start.png');

    // An address typed or bookmarked to a section the role may not use shows the start page instead.
    for (const section of ['settings', 'maintenance', 'usage', 'reports', 'villages']) {
      await page.goto(`${server.url}/#/${section}`);
      await visible(page.getByTestId('visit-page'));
      expect(await page.getByText('数据目录').count()).toBe(0);
    }
  });

  it('shows the carrier only their round, without 编辑, 删除 or 导出, and the number without what unmasks it', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '客户' }).click();
    const table = page.getByTestId('customer-table');
    await visible(table.locator('.ant-table-row', { hasText: '张三' }).getByText(maskIdNumber(ID)));
    await visible(page.getByTestId('customer-total').getByText('共 2 户'));
    expect((await table.locator('.ant-table-row').allTextContents()).map((t) => t.slice(0, 2)).sort()).toEqual(['张三', '李四']);
    for (const name of ['编辑', '删除', '导出', '导入', '新增客户']) expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    // Searching by part of the number finds nothing; the whole number does.
    const search = page.getByPlaceholder('输入姓名、电话或完整身份证号查找');
    await search.fill(ID.slice(6, 14));
    await visible(table.getByText('没有找到符合条件的客户'));
    await search.fill(ID);
    await visible(table.locator('.ant-table-row', { hasText: '张三' }));
    await search.fill('');
    await visible(page.getByTestId('customer-total').getByText('共 2 户'));
    await page.mouse.move(0, 0);
    await screenshot(page, 'e2e-carrier-customers.png');

    // A double-click opens the read-only detail (not the edit form), with no 编辑 in it either.
    await table.locator('.ant-table-row', { hasText: '张三' }).dblclick();
    const detail = page.getByTestId('customer-detail');
    await visible(detail.getByText(maskIdNumber(ID)));
    await visible(detail.getByText('1980 年'));
    await visible(detail.getByText('山东省', { exact: true }));
    expect(await detail.getByText('德城区', { exact: false }).count()).toBe(0);
    expect(await detail.getByText('1980-01-01').count()).toBe(0);
    expect(await page.locator('.ant-drawer').getByRole('button', { name: '编辑' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '保存' }).count()).toBe(0);
    // The drawer slides in: wait for its transition so the picture shows it, not the slide.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await screenshot(page, 'e2e-carrier-customer-detail.png');
    await page.locator('.ant-drawer').getByRole('button', { name: 'Close' }).or(page.locator('.ant-drawer-close')).first().click();
    await detail.waitFor({ state: 'detached' });
  });

  it('logged no errors in the page, and showed no refused call', async () => {
    expect(app.pageErrors).toEqual([]);
    expect(await app.page.locator('.ant-message-error').count()).toBe(0);
  });
});
