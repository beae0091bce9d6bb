/**
 * Import edges in the browser: a long file shows its progress as "0%" on one line and the phase on the next (not
 * "0%校验"); the footer "合计：N 人" is skipped, not reported as 姓名不能为空; "电话不详" is imported without a phone
 * and listed as a warning; a bad phone is reported once under its column (not "电话：电话："). Screenshots at
 * 1366×768 and 1024×768.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { xlsxOf } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';
import { api, openApp, screenshot, visible, type E2eApp } from './browser';

const ROWS = 30_000;

function clerkFile(): Buffer {
  const rows: (string | number | null)[][] = [['序号', '姓名', '电话', '村', '住址']];
  rows.push([1, '张三', '电话不详', '东风村', '中心街1号']); // row 2: imported without a phone, with a warning
  rows.push([2, '李四', '12345', '东风村', '中心街2号']); // row 3: a bad phone
  for (let i = 3; i <= ROWS; i++) rows.push([i, `客户${i}`, `138${String(i).padStart(8, '0')}`, '东风村', `幸福路${i}号`]);
  rows.push([`合计：${ROWS} 人`, null, null, null, null]);
  return xlsxOf(rows);
}

async function atBothSizes(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  for (const [width, height] of [
    [1366, 768],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    await screenshot(page, `e2e-import-edges-${name}-${width}.png`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

describe('import edges in the browser', () => {
  let app: E2eApp;
  const file = path.join(tmpDir('pbdb-e2e-import-edges-'), '东风村名单.xlsx');

  beforeAll(async () => {
    app = await openApp();
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await api(app, 'villages.create', { name: '东风村' });
    fs.writeFileSync(file, clerkFile());
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('shows the progress of a long file with the percentage and the phase apart', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/customers`);
    await page.getByRole('button', { name: '导入' }).click();
    // The file is held on its way to the backend while the bar is looked at: checking 30,000 rows got fast
    // enough to finish between two polls, which left nothing on screen to look at.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let sent = () => {};
    const passedOn = new Promise<void>((r) => (sent = r));
    await page.route('**/api/customers.importStart', async (route) => {
      await held;
      await route.continue();
      sent();
    });
    await page.getByTestId('import-file').setInputFiles(file);
    const progress = page.getByTestId('import-progress');
    const phaseText = progress.getByText(/^(上传文件|读取文件|校验|查找重复)/);
    await visible(phaseText, 30_000);
    // Side by side they read as one word, "0%上传文件": the phase must sit under the bar and its percentage.
    const bar = await progress.locator('.ant-progress').boundingBox();
    const phase = await phaseText.boundingBox();
    expect(bar && phase).toBeTruthy();
    expect(phase!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height);
    await screenshot(page, 'e2e-import-edges-progress-1366.png');
    release();
    await passedOn;
    await page.unroute('**/api/customers.importStart');
  });

  it('skips the totals row, imports 电话不详 without a phone with a warning, and names a bad phone once', async () => {
    const { page } = app;
    const preview = page.getByTestId('import-preview');
    await visible(preview, 60_000);
    const counts = await page.getByTestId('import-counts').textContent();
    expect(counts).toContain(`数据行${ROWS.toLocaleString('en-US')}`); // the 合计 row is not a data row
    expect(counts).toContain('有问题的行1');
    await visible(preview.getByText('1 行（已跳过，不是客户）'));
    const problems = preview.getByTestId('import-problems');
    expect(await problems.textContent()).not.toContain('姓名不能为空');
    const bad = problems.locator('.ant-table-row').first();
    expect(await bad.locator('td').nth(1).textContent()).toBe('电话');
    expect(await bad.locator('td').nth(2).textContent()).not.toMatch(/^电话：/);
    const warnings = preview.getByTestId('import-warnings');
    await visible(warnings.getByText('“电话不详”不是号码，已按空白导入'));
    await problems.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await atBothSizes(page, 'preview');
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
