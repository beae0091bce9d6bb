/**
 * Importing a clerk's spreadsheet in a real browser against the real backend: a title row above the header, one
 * column the program cannot recognise (mapped by hand), problem rows listed by row number, the error report as a
 * download, and the imported customer's detail with its grade. Also: the export refused to a clerk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import * as XLSX from 'xlsx';
import { idCheckDigit } from '../../shared/idNumber';
import { tmpDir } from '../helpers/tmp';
import { api, openApp, screenshot, visible, type E2eApp } from './browser';

const validId = (first17: string) => first17 + idCheckDigit(first17);
const ID_ZHANG = validId('37140219800101123');
const ID_ZHAO = validId('37142319751130001');
const ID_WANG_GOOD = validId('37140219900215224');
// Same digits, wrong last character: only the check digit is at fault.
const ID_WANG_BAD = ID_WANG_GOOD.slice(0, 17) + (ID_WANG_GOOD.endsWith('1') ? '2' : '1');

/** The sheet as a clerk would bring it: a title row, a blank row, then the header (row 3); data from row 4. */
function clerkWorkbook(): Buffer {
  const rows: (string | number | null)[][] = [
    ['黄河涯镇东风村客户名单（2026年11月）'],
    [],
    ['序号', '户主姓名', '身份证号码', '联系号码', '所属村', '住址', '六大户'],
    [1, '张三', ID_ZHANG, '13800138000', '东风村', '中心街1号', '种植大户'], // row 4
    [2, '李四', 370101198001011000, '13900139000', '东风村', '中心街2号', null], // row 5: ID stored as a number
    [3, '王五', ID_WANG_BAD, '13700137000', '东风村', '幸福路3号', null], // row 6: wrong check digit
    [4, '赵六', ID_ZHAO, '13600136000', '不存在村', '幸福路4号', null], // row 7: unknown village
    [5, '孙七', null, '13500135000', '东风村委会', '建设路6号', '养殖大户'], // row 8
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '客户');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/**
 * Picks an option of an antd Select by its label. A dropdown closed a moment ago is still fading out with the same
 * options in it, so wait until none is showing before opening this one.
 */
async function choose(page: Page, select: Locator, label: string): Promise<void> {
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
  await select.click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

describe('customer import in the browser', () => {
  let app: E2eApp;
  const dir = tmpDir('pbdb-e2e-xlsx-');
  const file = path.join(dir, '东风村客户名单.xlsx');

  beforeAll(async () => {
    app = await openApp();
    await api(app, 'villages.create', { name: '东风村' });
    fs.writeFileSync(file, clerkWorkbook());
  });
  afterAll(async () => {
    await app?.close();
  });
  // What the screen looked like when a step failed is usually the whole diagnosis.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('finds the header under the title row, lets the clerk map 联系号码 to 手机 and lists the problems by row', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/customers`);
    await page.getByRole('button', { name: '导入' }).click();
    await page.getByTestId('import-file').setInputFiles(file);
    const preview = page.getByTestId('import-preview');
    await visible(preview, 20_000);
    await visible(preview.getByText('第 3 行'));
    // 联系号码 is not a header the program knows: it is listed as unused and the sample has no phones yet.
    await visible(preview.getByTestId('unused-columns').getByText('联系号码', { exact: false }));
    expect(await preview.getByTestId('import-sample').textContent()).not.toContain('13800138000');

    // Without a 姓名 column nothing can be imported: the reason shows, the old preview stays, 确认导入 is off.
    const nameSelect = preview.getByTestId('map-name').locator('.ant-select');
    await nameSelect.hover();
    await nameSelect.locator('.ant-select-clear').click();
    await visible(page.getByTestId('import-error').getByText('没有找到“姓名”列', { exact: false }), 20_000);
    await visible(preview.getByText('列对应已改动但尚未检查通过', { exact: false }));
    expect(await preview.getByRole('button', { name: /确认导入/ }).isDisabled()).toBe(true);
    await choose(page, nameSelect, '第 2 列：户主姓名');
    await page.getByTestId('import-error').waitFor({ state: 'detached', timeout: 20_000 });
    // The editor is locked while the file is checked again; wait for that to finish before the next change.
    await page.getByTestId('import-progress').waitFor({ state: 'detached', timeout: 20_000 });

    await choose(page, preview.getByTestId('map-phone').locator('.ant-select'), '第 4 列：联系号码');
    // The file is checked again with the corrected mapping.
    await visible(page.getByTestId('import-preview').getByTestId('import-sample').getByText('13800138000'), 20_000);
    expect(await page.getByTestId('unused-columns').textContent()).not.toContain('联系号码');

    const counts = await page.getByTestId('import-counts').textContent();
    expect(counts).toMatch(/数据行5/);
    expect(counts).toMatch(/可导入2/);
    expect(counts).toMatch(/有问题的行3/);
    const problems = page.getByTestId('import-problems');
    const row = (n: number) => problems.locator('.ant-table-row', { has: page.locator('td', { hasText: new RegExp(`^${n}$`) }) });
    await visible(row(5));
    expect(await row(5).textContent()).toContain('存成了数字');
    expect(await row(6).textContent()).toContain('校验位');
    expect(await row(7).textContent()).toContain('没有名为“不存在村”');
    await page.mouse.move(0, 0);
    await screenshot(page, 'e2e-import-preview.png');
    await problems.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'e2e-import-problems.png');
  });

  it('imports once, reports the result and downloads the error report', async () => {
    const { page } = app;
    await page.getByRole('radio', { name: '跳过' }).check();
    const commit = page.getByRole('button', { name: /确认导入/ });
    // A double click must not import twice (the backend would refuse the second with 请勿重复提交).
    await commit.dblclick();
    const result = page.getByTestId('import-result');
    await visible(result, 20_000);
    await visible(result.getByText('导入完成，有 3 行未导入'));
    expect(await result.locator('.ant-statistic').first().textContent()).toBe('新增2');
    expect(await page.getByTestId('import-error').count()).toBe(0);
    await screenshot(page, 'e2e-import-result.png');

    const [download] = await Promise.all([page.waitForEvent('download'), result.getByRole('button', { name: '下载错误报告' }).click()]);
    expect(download.suggestedFilename()).toBe('东风村客户名单_未导入的行.xlsx');
    const saved = path.join(dir, 'report.xlsx');
    await download.saveAs(saved);
    const wb = XLSX.read(fs.readFileSync(saved), { type: 'buffer' });
    const sheet = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: false, defval: '' });
    expect(sheet[0]!.slice(0, 2)).toEqual(['原行号', '问题']);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(['5', '6', '7']);

    await result.getByRole('button', { name: '完成' }).click();
    await visible(page.getByTestId('customer-total').getByText('共 2 户'));
  });

  it('finds an imported customer and shows its grade, ID facts and history in the detail', async () => {
    const { page } = app;
    await page.getByPlaceholder('输入姓名、电话或身份证号查找').fill('张三');
    const table = page.getByTestId('customer-table');
    const row = table.locator('.ant-table-row', { hasText: '张三' });
    await visible(row);
    await row.getByRole('button', { name: '详情' }).click();
    const detail = page.getByTestId('customer-detail');
    await visible(detail);
    await visible(detail.getByText('二等').first());
    await visible(detail.getByText('1980-01-01'));
    await visible(detail.getByText('男 / ', { exact: false }));
    await visible(detail.getByText('德州', { exact: false }));
    await visible(detail.getByText('种植大户'));
    await visible(detail.getByTestId('customer-history').getByText('导入'));
    expect(await detail.getByTestId('customer-history').textContent()).toContain('手机');
    await page.mouse.move(0, 0);
    await screenshot(page, 'e2e-customer-detail.png');
    // 编辑 from the detail opens the unchanged edit form.
    await page.locator('.ant-drawer').getByRole('button', { name: '编辑' }).click();
    await expect.poll(() => page.locator('.ant-drawer').getByLabel('手机').inputValue()).toBe('13800138000');
    await page.locator('.ant-drawer').getByRole('button', { name: '取消' }).click();
  });

  it('offers a clerk no 导出, which the backend refuses with its Chinese reason', async () => {
    const { page, server } = app;
    const clerk = { login: 'clerk1', displayName: '营业员甲', role: 'clerk', password: 'Clerk-pass-2026' };
    await api(app, 'users.create', clerk);
    const res = await page.request.post(`${server.url}/api/auth.login`, { data: { login: clerk.login, password: clerk.password } });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    // A reload, so the page reads who is signed in now (the cookie changed behind its back).
    await page.goto(`${server.url}/#/customers`);
    await page.reload();
    await visible(page.getByTestId('user-menu').getByText(clerk.displayName));
    // 导入 sits beside where 导出 was: once it shows, the buttons have been decided.
    await visible(page.getByRole('button', { name: '导入' }));
    expect(await page.getByRole('button', { name: '导出' }).count()).toBe(0);
    const refused = await page.request.post(`${server.url}/api/customers.export`, { data: {} });
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '当前用户的角色无权执行此操作' } });
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
