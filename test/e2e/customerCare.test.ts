/**
 * What clerks asked for, in the browser: the short 客户编号 in the customer list and detail and typed back at
 * 退信; a deleted customer found in 已删除 with who, when and why, and restored; a duplicate group that says why
 * it was proposed, and 不是同一人 that keeps it away; and a village marked as not served. Screenshots at 1366×768
 * and 1024×768 of each screen.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { api, openApp, screenshot, visible, type E2eApp } from './browser';

const SIZES = [
  [1366, 768],
  [1024, 768],
] as const;

/** The screen as it is now, at both sizes, into test-artifacts/. */
async function shots(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(400);
    await screenshot(page, `e2e-care-${name}-${width}.png`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

interface Made {
  id: string;
  code: string;
}

describe('customer care in the browser', () => {
  let app: E2eApp;
  let zhang: Made;
  let campaignId = '';

  beforeAll(async () => {
    app = await openApp();
    await app.page.setViewportSize({ width: 1366, height: 768 });
    const v = (await api(app, 'villages.create', { name: '东风村', postalCode: '253001' })) as { id: string };
    await api(app, 'villages.create', { name: '外镇飞地村' });
    zhang = (await api(app, 'customers.create', { name: '张伟', consent: true, villageId: v.id, address: '中心街1号', phone: '13800000001' })) as Made;
    await api(app, 'customers.create', { name: '李娜', consent: true, villageId: v.id, address: '中心街2号', phone: '13800000002' });
    // A real duplicate (same mobile, one character off), and 赵伟 / 赵红, who are siblings at two addresses.
    await api(app, 'customers.create', { name: '王建国', villageId: v.id, address: '幸福路3号', phone: '13900000003' });
    await api(app, 'customers.create', { name: '王建华', villageId: v.id, phone: '13900000003' });
    await api(app, 'customers.create', { name: '赵伟', villageId: v.id, address: '村东路5号' });
    await api(app, 'customers.create', { name: '赵红', villageId: v.id, address: '村西街8号' });
    const c = (await api(app, 'campaigns.create', { name: '报刊商函', products: ['报刊'], channels: ['letter'] })) as { id: string };
    await api(app, 'campaigns.freeze', { id: c.id, filter: {} });
    campaignId = c.id;
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('shows the short 客户编号 in the list and the detail, and finds the customer by it', async () => {
    const { page, server } = app;
    expect(zhang.code).toMatch(/^[A-Z]{2}-\d{5}[0-9A-Z]$/);
    await page.goto(`${server.url}/#/customers`);
    const table = page.getByTestId('customer-table');
    await visible(table.getByText(zhang.code));
    await shots(page, 'customers');
    await page.getByPlaceholder('输入姓名、电话或身份证号查找').fill(zhang.code.toLowerCase().replace('-', ' '));
    await visible(page.getByTestId('customer-total').getByText('共 1 户'));
    await table.locator('.ant-table-row', { hasText: '张伟' }).getByRole('button', { name: '详情' }).click();
    await visible(page.getByTestId('customer-code').getByText(zhang.code, { exact: false }));
    await shots(page, 'customer-detail');
    await page.keyboard.press('Escape');
    expect(await page.locator('body').textContent()).not.toContain(zhang.id);
  });

  it('registers a returned letter by the code printed on the mailing list', async () => {
    const { page, server } = app;
    await api(app, 'mail.list', { campaignId });
    await page.goto(`${server.url}/#/campaigns/${campaignId}/mail`);
    const input = page.getByTestId('mail-return-code');
    await visible(input, 20_000);
    await input.fill(zhang.code.toLowerCase());
    await input.press('Enter');
    await visible(page.getByText(`已登记：流水号`, { exact: false }).filter({ hasText: zhang.code }));
    await visible(page.getByTestId('mail-return-rate').getByText('本活动退信 1 /', { exact: false }));
    await input.scrollIntoViewIfNeeded();
    await shots(page, 'returns');
  });

  it('deletes a customer with a reason and restores it from 已删除, with who, when and why', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/customers`);
    const row = page.getByTestId('customer-table').locator('.ant-table-row', { hasText: '李娜' });
    await row.getByRole('button', { name: '删除' }).click();
    const confirm = page.locator('.ant-popconfirm');
    await confirm.getByTestId('delete-reason').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已迁出' }).click();
    await confirm.getByRole('button', { name: '删除' }).click();
    await visible(page.getByText('已删除客户“李娜”'));
    await page.getByRole('button', { name: '已删除' }).click();
    const bin = page.getByTestId('recycle-bin');
    const deleted = bin.locator('.ant-table-row', { hasText: '李娜' });
    await visible(deleted);
    const text = await deleted.textContent();
    expect(text).toContain('已迁出');
    expect(text).toContain('admin');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2}/);
    await shots(page, 'recycle-bin');
    await deleted.getByRole('button', { name: '恢复' }).click();
    await visible(page.getByText('已恢复客户“李娜”'));
    await deleted.waitFor({ state: 'detached' });
    await page.goto(`${server.url}/#/customers`);
    await visible(page.getByTestId('customer-table').getByText('李娜'));
  });

  it('says why a pair is proposed as duplicates, and 不是同一人 keeps it away for good', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/maintenance/duplicates`);
    await visible(page.getByText(/发现 \d+ 组可能重复的客户/));
    expect(await page.getByText('发现 1 组可能重复的客户').count()).toBe(1); // not 赵伟 / 赵红
    const group = page.getByTestId('duplicate-group').filter({ hasText: '王建国' });
    await visible(group.getByText('同手机号').first());
    await visible(group.getByText('姓名差一字').first());
    await shots(page, 'duplicates');
    await group.getByRole('button', { name: '不是同一人' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '不是同一人' }).click();
    await visible(page.getByText('已标记为不是同一人'));
    await group.waitFor({ state: 'detached' });
    await page.reload();
    await visible(page.getByText('没有发现重复客户'));
  });

  it('marks a village as not served, shows it, and leaves it out of the maintenance figures', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/maintenance`);
    const summary = page.getByTestId('maintenance-summary');
    await visible(summary.getByText('村/单元数'));
    expect(await summary.locator('.ant-card').first().textContent()).toContain('2');
    await page.goto(`${server.url}/#/villages`);
    const row = page.locator('.ant-table-row', { hasText: '外镇飞地村' });
    await row.getByRole('button', { name: '不服务' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '标记不服务' }).click();
    await visible(page.getByText('“外镇飞地村”已标记为不服务'));
    await visible(row.getByTestId('not-served'));
    await shots(page, 'villages');
    await page.goto(`${server.url}/#/maintenance`);
    await visible(summary.getByText('另有 1 个不服务的村未计入'));
    await shots(page, 'maintenance');
    await page.goto(`${server.url}/#/villages`);
    await row.getByRole('button', { name: '恢复服务' }).click();
    await row.getByTestId('not-served').waitFor({ state: 'detached' });
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
