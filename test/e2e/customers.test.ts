/**
 * The clerk's first day, in a real browser against the real backend: a village, a customer (after a mistyped
 * ID number), finding it again after a reload, deleting it and taking the deletion back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../shared/idNumber';
import { openApp, screenshot, visible, type E2eApp } from './browser';

const ID17 = '11010119900307123';
const GOOD_ID = ID17 + idCheckDigit(ID17);
// Any other last character is wrong; pick one that is still a digit so only the check digit is at fault.
const BAD_ID = ID17 + (GOOD_ID.endsWith('1') ? '2' : '1');

describe('customers in the browser', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await openApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  // What the screen looked like when a step failed is usually the whole diagnosis.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('shows the frame with branch, user and sync state', async () => {
    const { page, server } = app;
    await page.goto(server.url);
    await visible(page.getByTestId('branch-name').getByText('未命名网点'));
    await visible(page.getByTestId('user-menu').getByText('测试管理员'));
    await visible(page.getByTestId('user-menu').getByText('管理员', { exact: true }));
    await visible(page.getByTestId('sync-state').getByText('未设置同步'));
    await page.getByRole('menuitem', { name: '报表' }).click();
    await visible(page.getByRole('tab', { name: '看板' }));
  });

  it('creates a village from the keyboard', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '行政村/城市单元' }).click();
    await page.getByRole('button', { name: '新建行政村' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog.getByLabel('村名'));
    // The caret lands in 村名 by itself: typing needs no click.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('villageCreate_name');
    await page.keyboard.type('东风村');
    await dialog.getByLabel('邮政编码').fill('25000');
    await dialog.getByLabel('邮政编码').press('Enter');
    await visible(dialog.getByText('邮政编码应为 6 位数字'));
    await dialog.getByLabel('邮政编码').fill('250000');
    await dialog.getByLabel('邮政编码').press('Enter');
    await visible(page.getByText('已新建“东风村”'));
    const row = page.locator('.ant-table-row', { hasText: '东风村' });
    await visible(row.getByText('自建'));
    expect(await row.textContent()).toContain('250000');

    // A duplicate name is refused by the backend; the reason lands under the field.
    await page.getByRole('button', { name: '新建行政村' }).click();
    await visible(dialog.getByLabel('村名'));
    await dialog.getByLabel('村名').fill('东风村');
    await dialog.getByLabel('邮政编码').fill('');
    await dialog.getByLabel('村名').press('Enter');
    await visible(dialog.getByText('名称重复'));
    await dialog.getByLabel('村名').fill('西山村');
    await dialog.getByLabel('村名').press('Enter');
    await visible(page.getByText('已新建“西山村”'));

    // Renaming onto an existing name is refused under the field; a free name is taken.
    await page.locator('.ant-table-row', { hasText: '西山村' }).getByRole('button', { name: '重命名' }).click();
    const rename = page.locator('.ant-modal', { hasText: '重命名“西山村”' });
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('西山村');
    await page.keyboard.type('东风村'); // replaces the selected old name
    await page.keyboard.press('Enter');
    await visible(rename.getByText('名称重复'));
    await rename.getByLabel('新村名').fill('西山新村');
    await rename.getByLabel('新村名').press('Enter');
    await visible(page.getByText('已改名为“西山新村”'));
    await visible(page.locator('.ant-table-row', { hasText: '西山新村' }));
  });

  it('adds a customer, rejecting a bad ID number first', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '客户' }).click();
    await page.getByRole('button', { name: '新增客户' }).click();
    const drawer = page.locator('.ant-drawer');
    await visible(drawer.getByLabel('姓名'));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('customer_name');
    await page.keyboard.type('张三');

    await drawer.getByLabel('身份证号').fill(BAD_ID);
    await visible(drawer.getByText('身份证号校验位不正确，请核对'));
    // Saving with the error still there is refused on the spot.
    await drawer.getByLabel('姓名').press('Enter');
    await visible(page.getByText('请先更正标红的项目'));
    await screenshot(page, 'e2e-customer-form.png');

    // Esc with unsaved input asks first; 继续填写 keeps everything.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '继续填写' }).click();
    expect(await drawer.getByLabel('姓名').inputValue()).toBe('张三');

    await drawer.getByLabel('身份证号').fill(GOOD_ID);
    await visible(drawer.getByText('出生日期 1990-03-07 · 男', { exact: false }));
    await drawer.getByLabel('手机').fill('13800138000');
    await drawer.getByLabel('行政村').click();
    await page.keyboard.type('东风');
    await page.keyboard.press('Enter');
    await drawer.getByLabel('地址').fill('东风村三组 12 号');
    await drawer.getByLabel('地址').press('Enter');
    await visible(page.getByText('已保存客户“张三”'));
    await drawer.waitFor({ state: 'hidden' });
    await visible(page.getByTestId('customer-total').getByText('共 1 户'));
  });

  it('finds the customer by part of the phone number after a reload', async () => {
    const { page } = app;
    await page.reload();
    const search = page.getByPlaceholder('输入姓名、电话或身份证号查找');
    await visible(search);
    await search.fill('3800138');
    const table = page.getByTestId('customer-table');
    await visible(table.getByText('张三'));
    await visible(page.getByTestId('customer-total').getByText('共 1 户'));
    const row = table.locator('.ant-table-row', { hasText: '张三' });
    const text = await row.textContent();
    expect(text).toContain('13800138000');
    expect(text).toContain(GOOD_ID);
    expect(text).toContain('东风村');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2}/);

    await search.fill('没有这个人');
    await visible(page.getByTestId('customer-total').getByText('共 0 户'));
    await search.fill('3800138');
    await visible(table.getByText('张三'));
    await page.mouse.move(0, 0);
    const file = await screenshot(page, 'e2e-customers.png');
    expect(file).toMatch(/e2e-customers\.png$/);
  });

  it('deletes after one confirmation and the deletion can be undone', async () => {
    const { page } = app;
    const table = page.getByTestId('customer-table');
    const row = table.locator('.ant-table-row', { hasText: '张三' });
    await row.getByRole('button', { name: '删除' }).click();
    const confirm = page.locator('.ant-popconfirm');
    await visible(confirm.getByText('删除后可撤销'));
    await confirm.getByRole('button', { name: '删除' }).click();
    await visible(page.getByText('已删除客户“张三”'));
    await visible(page.getByTestId('customer-total').getByText('共 0 户'));

    await page.locator('.ant-message').getByRole('button', { name: '撤销' }).click();
    await visible(page.getByText('已恢复客户“张三”'));
    await visible(page.getByTestId('customer-total').getByText('共 1 户'));
    await visible(table.getByText('张三'));
  });

  it('edits the customer and keeps the change after a reload', async () => {
    const { page } = app;
    const table = page.getByTestId('customer-table');
    await table.locator('.ant-table-row', { hasText: '张三' }).getByRole('button', { name: '编辑' }).click();
    const drawer = page.locator('.ant-drawer');
    await expect.poll(() => drawer.getByLabel('手机').inputValue()).toBe('13800138000');
    await drawer.getByLabel('户类型').fill('种植大户');
    await drawer.getByLabel('推荐人').fill('王五');
    await drawer.getByLabel('影响力').fill('12');
    // 拒绝接触渠道: the customer asked for no SMS.
    await drawer.getByLabel('拒绝接触渠道').click();
    await page.locator('.ant-select-item-option', { hasText: '短信' }).click();
    await drawer.getByLabel('姓名').press('Enter');
    await visible(page.getByText('已保存客户“张三”'));
    await page.reload();
    await visible(page.getByTestId('customer-table').getByText('种植大户'));
    await page.getByTestId('customer-table').locator('.ant-table-row', { hasText: '张三' }).getByRole('button', { name: '编辑' }).click();
    await expect.poll(() => drawer.getByLabel('推荐人').inputValue()).toBe('王五');
    expect(await drawer.getByLabel('影响力').inputValue()).toBe('12');
    expect(await drawer.locator('.ant-form-item', { hasText: '拒绝接触渠道' }).textContent()).toContain('短信');
    expect(await drawer.getByLabel('身份证号').inputValue()).toBe(GOOD_ID);
    await visible(drawer.getByText('建档', { exact: false }));
    await drawer.getByRole('button', { name: '取消' }).click(); // nothing typed: closes without asking
    await drawer.waitFor({ state: 'hidden' });
  });

  it('shows the data folder and versions in 设置', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '设置' }).click();
    await visible(page.getByText('数据库结构版本'));
    await visible(page.getByText('0.1.0', { exact: true }));
    const dir = await page.evaluate(() =>
      fetch('/api/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.json()),
    );
    await visible(page.getByText((dir as { value: { dataDir: string } }).value.dataDir));
  });

  it('logged no errors in the page (CSP, React, network)', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
