/**
 * Issue 20, the smaller points a clerk and a supervisor ran into, each as they would notice it:
 *   (g) the customer search finds 王小明 by wxm, as the village picker finds a village by its initials;
 *   (h) a door-to-door campaign's 上门 row counts the targets not yet visited (5.0%, not 100.0%);
 *   (i) 报表: the workbook export is at the top of the page, not under the long tables;
 *   (e) usage 确认导入 says what it did, with the counts;
 *   (d) a match in 勾挑核对 names the customer chosen (贾红艳), not the extract's spelling alone (贾红燕);
 *   (c) the 勾挑核对 counters follow each decision;
 *   (f) on a long 走访录入 list no row peeks out above the sticky header;
 *   (b) the customer form's village list opens below the field, not over 手机 and its error message.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { validId } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';
import { api, openApp, screenshot, visible, type E2eApp } from './browser';
import { CARRIERS, seedCampaignData } from './campaignData';

const settle = (page: E2eApp['page']) => page.waitForTimeout(400);
const ID_JIA = validId('37140219850203456');

function extract(): Buffer {
  const rows = [
    ['2026年第一季度储蓄客户'],
    ['客户姓名', '证件号码', '手机号码', '所属村', '地址', '储种', '最近交易日期', '余额'],
    // The extract spells her name 燕; her ID number says she is 贾红艳 (a candidate, not a match on its own).
    ['贾红燕', ID_JIA, null, '东风村', '东风村3组', '活期', '2026-03-02', 3000],
    ['孙七', null, null, '东风村', '东风村2组', '活期', '2026-03-02', 3000],
    ['外地人', null, '13922223333', null, '北京市朝阳区', '活期', '2026-03-05', 100],
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '储蓄');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

describe('smaller points of issue 20 in the browser', () => {
  let app: E2eApp;
  let campaignId: string;
  const file = path.join(tmpDir('pbdb-e2e-i20-'), '邮储2026Q1.xlsx');

  beforeAll(async () => {
    app = await openApp();
    const { carrierIds } = await seedCampaignData(app);
    const villages = (await api(app, 'villages.list', {})) as { id: string; name: string }[];
    const east = villages.find((v) => v.name === '东风村')!.id;
    for (const [name, address, id] of [
      ['王小明', '东风村5组1号'],
      ['王晓敏', '东风村5组2号'],
      ['李小明', '东风村5组3号'],
      ['贾红艳', '东风村3组', ID_JIA],
      ['孙七', '幸福路1号'],
      ['孙七', '幸福路9号'],
    ] as [string, string, string?][]) {
      await api(app, 'customers.create', { name, villageId: east, address, ...(id ? { idNumber: id } : {}) });
    }
    fs.writeFileSync(file, extract());
    const c = (await api(app, 'campaigns.create', {
      name: '冬季报刊上门征订',
      products: ['报刊'],
      channels: ['door'],
      startDate: dayjs().format('YYYY-MM-DD'),
    })) as { id: string };
    campaignId = c.id;
    await api(app, 'campaigns.freeze', { id: campaignId, filter: {} });
    await api(app, 'dispatch.auto', { id: campaignId, carrierIds });
    const targets = (await api(app, 'visits.targets', { campaignId })) as { targetId: string }[];
    for (const [i, outcome] of (['success', 'refused', 'not_home'] as const).entries()) {
      await api(app, 'visits.record', {
        id: crypto.randomUUID(),
        targetId: targets[i]!.targetId,
        outcome,
        ...(outcome === 'success' ? { turnover: 10_000, revenue: 2_000 } : {}),
      });
    }
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('(g) finds a customer by the pinyin initials of the name', async () => {
    const { page, server } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${server.url}/#/customers`);
    const search = page.getByPlaceholder('输入姓名、电话或身份证号查找');
    const table = page.getByTestId('customer-table');
    await visible(table.getByText('李小明', { exact: true }));
    await search.fill('wxm');
    await expect.poll(() => table.getByText('李小明', { exact: true }).count()).toBe(0);
    await visible(table.getByText('王小明', { exact: true }));
    await visible(table.getByText('王晓敏', { exact: true }));
    await search.fill('lxm');
    await expect.poll(() => table.getByText('王小明', { exact: true }).count()).toBe(0);
    await visible(table.getByText('李小明', { exact: true }));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-i20-customer-initials-1366.png');
    await page.setViewportSize({ width: 1024, height: 768 });
    await settle(page);
    await screenshot(page, 'e2e-i20-customer-initials-1024.png');
  });

  it('(h) counts the unvisited targets in the 上门 row', async () => {
    const { page, server } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${server.url}/#/campaigns/${campaignId}/results`);
    await page.getByRole('tab', { name: '按渠道' }).click();
    const rows = page.getByTestId('results-channel').locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    const door = (await rows.first().locator('td').allTextContents()).join(' | ');
    expect(door).toContain('上门');
    expect(door).toContain('60');
    expect(door).toContain('5.0%');
    expect(door).not.toContain('100.0%');
    expect(await page.getByTestId('results-channel').textContent()).not.toContain('未走访');
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-i20-results-channel-1366.png');
  });

  it('(i) puts the workbook export at the top of 报表, and the 按渠道 table agrees', async () => {
    const { page, server } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/#/reports/tables`);
    const exportCard = page.getByTestId('report-export');
    await visible(exportCard);
    await visible(page.getByTestId('report-view'));
    const exportBox = (await exportCard.boundingBox())!;
    // On the first screen, above the report's tables.
    expect(exportBox.y + exportBox.height).toBeLessThan(768);
    expect(exportBox.y).toBeLessThan((await page.getByTestId('report-view').boundingBox())!.y);
    await visible(exportCard.getByRole('button', { name: /导出工作簿/ }));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-i20-reports-export-1024.png');
    await page.setViewportSize({ width: 1366, height: 768 });
    await settle(page);
    await screenshot(page, 'e2e-i20-reports-export-1366.png');
    const channel = page.getByTestId('report-table-byChannel');
    await channel.scrollIntoViewIfNeeded();
    const text = (await channel.textContent()) ?? '';
    expect(text).toContain('上门');
    expect(text).toContain('5.0%');
    expect(text).not.toContain('未走访');
  });

  it('(e) says what 确认导入 did, with the counts', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/usage`);
    await visible(page.getByRole('tab', { name: '导入提取数据' }));
    await page.getByTestId('import-file').setInputFiles(file);
    await visible(page.getByTestId('usage-import-preview'), 20_000);
    await page.getByRole('button', { name: '确认导入' }).click();
    const toast = page.locator('.ant-message-notice', { hasText: '导入成功' });
    await visible(toast, 20_000);
    expect(await toast.textContent()).toMatch(/自动匹配 0 行，新增用邮信息 0 条，待核对 3 行/);
    await settle(page);
    await screenshot(page, 'e2e-i20-usage-imported-1366.png');
  });

  it('(c)(d) names the customer matched and keeps the counters current', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/usage/queue`);
    const detail = page.getByTestId('queue-detail');
    await visible(detail, 20_000);
    const pendingLabel = () => page.locator('.ant-segmented-item', { hasText: '全部待核对' }).textContent();
    const resolvedLabel = () => page.locator('.ant-segmented-item', { hasText: '已处理' }).textContent();
    await expect.poll(pendingLabel).toContain('3');
    await page.getByTestId('queue-list').getByText('贾红燕').click();
    await visible(page.getByTestId('queue-compare').getByText('贾红燕'));
    await visible(detail.getByTestId('candidate-1'));
    await page.getByTestId('queue').focus();
    await page.keyboard.press('1');
    const last = page.getByTestId('queue-last');
    await visible(last.getByText('已匹配“贾红艳”（提取数据中为“贾红燕”）', { exact: false }));
    await expect.poll(pendingLabel).toContain('2');
    await expect.poll(resolvedLabel).toContain('1');
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-i20-usage-queue-1366.png');
    await page.setViewportSize({ width: 1024, height: 768 });
    await settle(page);
    await screenshot(page, 'e2e-i20-usage-queue-1024.png');
  });

  it('(f) lets no row peek out above the sticky header of a long 走访录入 list', async () => {
    const { page, server } = app;
    for (const width of [1366, 1280]) {
      await page.setViewportSize({ width, height: 768 });
      await page.goto(`${server.url}/#/visits`);
      await page.getByTestId('visit-carrier').click();
      await page.keyboard.type(CARRIERS[0].displayName);
      await page.keyboard.press('Enter');
      await visible(page.getByTestId('visit-count'), 20_000);
      // Auto-dispatch gives this carrier one or two villages of 20 (ties go either way): 16 rows are enough to scroll.
      await visible(page.locator('tr.visit-row').nth(15), 20_000);
      await page.locator('.ant-layout-content').evaluate((el) => el.scrollTo(0, 900));
      await settle(page);
      const content = (await page.locator('.ant-layout-content').boundingBox())!;
      const head = (await page.locator('table.visit-entry thead th').first().boundingBox())!;
      // The header sits at the very top of the scrolled area, and what shows above it is not a row of the list.
      expect(Math.abs(head.y - content.y), `${width}`).toBeLessThanOrEqual(1);
      const above = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('tr')?.className ?? '', { x: head.x + 60, y: content.y + 4 });
      expect(above, `${width}`).not.toContain('visit-row');
      await page.mouse.move(0, 0);
      await screenshot(page, `e2e-i20-visit-sticky-${width}.png`);
    }
  });

  it('(b) opens the village list in the customer form below the field, never over 手机 and its error', async () => {
    const { page, server } = app;
    // A branch with a dozen villages: antd's list (256 px) no longer fits under the field and used to flip up.
    for (const name of ['北关村', '南关村', '前进村', '红星村', '胜利村', '幸福村', '和平村', '团结村', '光明村', '新华村'])
      await api(app, 'villages.create', { name });
    for (const width of [1366, 1024]) {
      await page.setViewportSize({ width, height: 768 });
      await page.goto(`${server.url}/#/customers`);
      await page.reload();
      await page.getByRole('button', { name: '新增客户' }).click();
      const drawer = page.locator('.ant-drawer');
      await visible(drawer.getByLabel('手机'));
      await drawer.getByLabel('手机').fill('123');
      await drawer.getByLabel('座机').click();
      const phoneItem = drawer.locator('.ant-form-item', { has: page.getByLabel('手机') });
      await visible(phoneItem.locator('.ant-form-item-explain-error'));
      await drawer.getByLabel('行政村').click();
      const list = page.locator('.ant-select-dropdown:visible');
      await visible(list.getByText('东风村', { exact: true }));
      // Polled: the list slides in and the form scrolls to make room, so the boxes settle over a few frames.
      const placement = async () => {
        const field = (await drawer.locator('.ant-select', { has: page.getByLabel('行政村') }).boundingBox())!;
        const popup = (await list.boundingBox())!;
        const phone = (await phoneItem.boundingBox())!;
        const footer = (await drawer.getByRole('button', { name: '保存' }).boundingBox())!;
        return {
          belowField: popup.y >= field.y + field.height,
          belowPhone: popup.y > phone.y + phone.height,
          // The form scrolled just enough for the list: it ends above 保存/取消.
          aboveFooter: popup.y + popup.height <= footer.y,
        };
      };
      await expect.poll(placement, { timeout: 5000, message: `${width}` }).toEqual({ belowField: true, belowPhone: true, aboveFooter: true });
      await page.mouse.move(0, 0);
      await settle(page);
      await screenshot(page, `e2e-i20-village-dropdown-${width}.png`);
      await page.keyboard.press('Escape');
    }
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
