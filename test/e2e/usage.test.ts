/**
 * 用邮信息 in a real browser against the real backend: import a savings extract (one row matched automatically,
 * the rest queued), then resolve two queue entries by keyboard alone — pick candidate 1, discard with a reason —
 * and see the queue on the maintenance dashboard.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { QueuePage } from '../../shared/usage';
import { validId } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';
import { api, openApp, screenshot, visible, type E2eApp } from './browser';

const ID_ZHANG = validId('37140219800101123');

function extract(): Buffer {
  const rows = [
    ['2026年第一季度储蓄客户'],
    ['客户姓名', '证件号码', '手机号码', '所属村', '地址', '储种', '最近交易日期', '余额'],
    ['张三', ID_ZHANG, null, null, null, '定期', '2026-03-20', '86,500.00'],
    ['孙七', null, null, '东风村', '东风村2组', '活期', '2026-03-02', 3000],
    ['外地人', null, '13922223333', null, '北京市朝阳区', '活期', '2026-03-05', 100],
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '储蓄');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

describe('usage extract and review queue in the browser', () => {
  let app: E2eApp;
  const file = path.join(tmpDir('pbdb-e2e-usage-'), '邮储2026Q1.xlsx');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await openApp();
    const v = (await api(app, 'villages.create', { name: '东风村' })) as { id: string };
    const add = async (key: string, input: Record<string, unknown>) =>
      (ids[key] = ((await api(app, 'customers.create', { villageId: v.id, ...input })) as { id: string }).id);
    await add('zhang', { name: '张三', idNumber: ID_ZHANG });
    await add('sunA', { name: '孙七', address: '幸福路1号' });
    await add('sunB', { name: '孙七', address: '幸福路9号' });
    fs.writeFileSync(file, extract());
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('imports an extract: the line from the file name, one automatic match, two rows to check', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/customers`);
    await page.getByRole('menuitem', { name: '用邮信息' }).click();
    await visible(page.getByRole('tab', { name: '导入提取数据' }));
    await page.getByTestId('import-file').setInputFiles(file);
    const preview = page.getByTestId('usage-import-preview');
    await visible(preview, 20_000);
    expect(await preview.textContent()).toContain('业务类别 储蓄');
    const counts = (await page.getByTestId('usage-import-counts').textContent()) ?? '';
    expect(counts).toMatch(/数据行3/);
    expect(counts).toMatch(/自动匹配1/);
    expect(counts).toMatch(/待核对（有候选）1/);
    expect(counts).toMatch(/无候选1/);
    await screenshot(page, 'e2e-usage-preview.png');
    await page.getByRole('button', { name: '确认导入' }).dblclick();
    const result = page.getByTestId('usage-import-result');
    await visible(result, 20_000);
    await visible(result.getByText('自动匹配 1 行，新增用邮信息 1 条', { exact: false }));
    await result.getByRole('button', { name: /去核对/ }).click();
  });

  it('resolves two queue entries by keyboard: 1 picks the first candidate, D + 2 + Enter discards', async () => {
    const { page } = app;
    const detail = page.getByTestId('queue-detail');
    await visible(detail, 20_000);
    // The likeliest rows come first: 孙七, with both 孙七 of 东风村 side by side.
    await visible(detail.getByTestId('candidate-2'));
    expect(await page.getByTestId('queue-compare').textContent()).toContain('孙七');
    await page.mouse.move(0, 0);
    await screenshot(page, 'e2e-usage-queue.png');
    // Same name, same village, nothing in the address to tell them apart: a clerk's call, not the matcher's.
    expect(await detail.getByTestId('candidate-1').getAttribute('data-score')).toBe('60');

    await page.getByTestId('queue').focus();
    await page.keyboard.press('1');
    await visible(page.getByTestId('queue-last').getByText('已匹配“孙七”'));
    // The next row shows at once: 外地人 with no candidate.
    await visible(page.getByTestId('queue-compare').getByText('外地人'));
    await page.keyboard.press('d');
    const reasons = page.getByTestId('discard-reasons');
    await visible(reasons);
    await page.keyboard.press('2');
    await expect.poll(async () => reasons.locator('.ant-radio-wrapper-checked').textContent()).toContain('信息不全无法核实');
    await page.keyboard.press('Enter');
    await visible(page.getByTestId('queue-last').getByText('已驳回（信息不全无法核实）', { exact: false }));
    await visible(page.getByText('全部核对完毕'));

    const left = (await api(app, 'usage.queue', {})) as QueuePage;
    expect(left.counts).toMatchObject({ pending: 0, resolved: 2 });
    const resolved = (await api(app, 'usage.queue', { status: 'resolved' })) as QueuePage;
    const sun = resolved.rows.find((r) => r.name === '孙七')!;
    expect([ids['sunA'], ids['sunB']]).toContain(sun.customerId);
    const picked = (await api(app, 'customers.get', { id: sun.customerId })) as { grade: number; usage: { line: string; product: string }[] };
    expect(picked.grade).toBe(2);
    expect(picked.usage).toEqual([expect.objectContaining({ line: '储蓄', product: '活期' })]);
    expect(resolved.rows.find((r) => r.name === '外地人')).toMatchObject({ status: 'discarded', reason: '信息不全无法核实' });
    await screenshot(page, 'e2e-usage-queue-done.png');
  });

  it('shows the queue and the collection plan on the maintenance dashboard', async () => {
    const { page, server } = app;
    await api(app, 'usage.planDefault', { year: new Date().getFullYear(), target: 50 });
    await page.goto(`${server.url}/#/maintenance/dashboard`);
    const queue = page.getByTestId('usage-queue-card');
    await visible(queue, 20_000);
    expect(await queue.textContent()).toMatch(/待核对记录0/);
    await visible(page.getByTestId('usage-plan-card').getByText('名址库采集计划', { exact: false }));
    await page.mouse.move(0, 0);
    await screenshot(page, 'e2e-usage-dashboard.png');
  });
});
