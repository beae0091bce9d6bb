/**
 * A campaign from first idea to results, in a real browser against the real backend: create it, select the
 * targets with a live count, freeze, dispatch to two carriers, print a carrier's list, enter three visits from
 * the keyboard only (one surviving a window reload), and watch the feedback and success rates move; then an A/B
 * test on a second campaign, its comparison and the winner released.
 */
import dayjs from 'dayjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, E2E_ADMIN, openApp, screenshot, visible, type E2eApp } from './browser';
import { CARRIERS, seedCampaignData } from './campaignData';

const NAME = '冬季报刊上门征订';
/** Lets antd's animations (tabs, selects, toasts) finish so a screenshot shows what the clerk sees. */
const settle = (page: E2eApp['page']) => page.waitForTimeout(400);

describe('campaigns and door-to-door visits in the browser', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await openApp();
    await seedCampaignData(app);
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('creates a campaign', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/campaigns`);
    await page.getByRole('button', { name: '新建活动' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '新建活动' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('campaignForm_name');
    await page.keyboard.type(NAME);
    await dialog.getByLabel('产品').click();
    await page.keyboard.type('报刊');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await dialog.getByPlaceholder('开始日期').click();
    await page.keyboard.type(dayjs().format('YYYY-MM-DD'));
    await page.keyboard.press('Enter');
    await page.keyboard.type(dayjs().add(30, 'day').format('YYYY-MM-DD'));
    await page.keyboard.press('Enter');
    await dialog.getByLabel('目标户数').fill('50');
    await dialog.getByLabel('目标流转额').fill('20000');
    await dialog.getByLabel('目标收入').fill('6000');
    await dialog.getByLabel('话术').fill('您好，我是邮政投递员，来给您介绍明年的报刊征订，订一年送挂历。');
    await dialog.getByRole('button', { name: '保存' }).click();
    await visible(page.getByText(`已新建“${NAME}”`));
    await visible(page.getByTestId('campaign-title').getByText(NAME));
    const overview = page.getByTestId('campaign-overview');
    await visible(overview.getByText('¥20,000.00'));
    await visible(overview.getByText('¥6,000.00'));
    await visible(overview.getByText('上门'));
    // Who moved the stage is shown by name, not login.
    await visible(page.getByTestId('stage-steps').getByText(E2E_ADMIN.displayName));
    await page.getByRole('button', { name: '进入下一阶段：数据分析' }).click();
    await visible(page.getByText('已进入“数据分析”阶段'));
  });

  it('selects targets with a live count and freezes them', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: '数据筛选' }).click();
    const selectable = page.getByTestId('segment-selectable');
    await expect.poll(() => selectable.textContent()).toContain('60');
    await visible(page.getByTestId('segment-excluded').getByText('未授权营销 6 户', { exact: false }));
    await visible(page.getByText('营销授权为必选条件', { exact: false }));

    await page.getByTestId('filter-villages').click();
    await page.keyboard.type('东风');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('segment-matched').textContent()).toContain('22');
    await page.keyboard.type('西山');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => selectable.textContent()).toContain('40');
    await page.getByText('有手机', { exact: true }).click();
    await expect.poll(() => selectable.textContent()).toMatch(/^20\b|20户|20 户|20$/);
    await expect.poll(() => page.getByTestId('segment-matched').textContent()).toContain('22');
    await page.getByPlaceholder('客群名称').fill('东西两村有手机');
    await page.getByRole('button', { name: '保存为客群' }).click();
    await visible(page.getByText('已保存客群“东西两村有手机”'));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-campaign-select.png');

    await page.getByTestId('freeze-button').click();
    await visible(page.getByText('确定后不能撤销', { exact: false }));
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定', exact: true }).click();
    await visible(page.getByText('已确定目标客户 20 户'));
    await visible(page.getByText('已于', { exact: false }));
  });

  it('shows 0.0% before any visit, then dispatches to two carriers and prints a list', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: '结果' }).click();
    await expect.poll(() => page.getByTestId('feedback-rate').textContent()).toContain('0.0%');
    await expect.poll(() => page.getByTestId('success-rate').textContent()).toContain('0.0%');
    await visible(page.getByText('低于 5.0% 要求', { exact: false }));

    await page.getByRole('tab', { name: '派工' }).click();
    await page.getByTestId('auto-carriers').click();
    for (const c of CARRIERS) {
      await page.keyboard.type(c.displayName);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '自动均衡派工' }).click();
    await visible(page.getByText('已派工 20 户'));
    const carriers = page.getByTestId('dispatch-carriers');
    for (const c of CARRIERS) await visible(carriers.locator('tr', { hasText: c.displayName }).getByText('10', { exact: true }));
    await visible(page.getByTestId('dispatch-summary').getByText('100.0%').first());
    await visible(page.getByText('已达 90%'));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-campaign-dispatch.png');

    await carriers.getByRole('button', { name: `打印${CARRIERS[0].displayName}的走访清单` }).click();
    const sheet = page.getByTestId('visit-print');
    await visible(sheet.getByText(`走访清单 · ${NAME}`));
    await visible(sheet.getByText('订一年送挂历', { exact: false }));
    expect(await sheet.locator('tbody tr:not(.village-row)').count()).toBe(10);
    // Masked by the backend: the middle of every ID number is hidden.
    const ids = await sheet.locator('tbody tr:not(.village-row) td:nth-child(4)').allTextContents();
    expect(ids.filter(Boolean).every((t) => t.includes('*'))).toBe(true);
    // On screen: an A4 sheet with the 打印 button; on paper (print media, A4 width): only the sheet.
    await settle(page);
    await screenshot(page, 'e2e-visit-list-screen.png');
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'e2e-visit-list-print.png');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1366, height: 800 });
    await sheet.getByRole('button', { name: '返回派工' }).click();
    await sheet.waitFor({ state: 'detached' });
  });

  it('enters three visits with the keyboard only; a draft survives a reload', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: '走访录入' }).click();
    await visible(page.getByTestId('outcome-legend').getByText('空号错号'));
    // The carrier picker has the caret: type the name, Enter, and the first row takes the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="visit-carrier"]') !== null)).toBe(true);
    await page.keyboard.type(CARRIERS[0].displayName);
    await page.keyboard.press('Enter');
    await visible(page.getByTestId('visit-count').getByText('共 10 户待走访'));
    const rows = page.locator('tr.visit-row');
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('tr.visit-row:first-child') ?? false)).toBe(true);

    // Row 1: 未遇.
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await visible(rows.nth(0).getByLabel('已保存'));
    // Row 2: 成功 with amounts typed in yuan, a follow-up date and a note.
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('tr.visit-row:nth-child(2)') ?? false)).toBe(true);
    await page.keyboard.press('4');
    await page.keyboard.type('1200.50');
    await page.keyboard.press('Tab');
    await page.keyboard.type('360');
    await page.keyboard.press('Tab');
    await page.keyboard.type(dayjs().add(3, 'day').format('YYYYMMDD'));
    await page.keyboard.press('Tab');
    await page.keyboard.type('订了大众日报');
    await page.keyboard.press('Enter');
    await visible(rows.nth(1).getByLabel('已保存'));

    // Row 3: a bad date first — the error shows on the row and nothing typed is lost, even over a reload.
    const thirdName = (await rows.nth(2).locator('.name').textContent())!;
    const third = page.locator('tr.visit-row', { hasText: thirdName });
    const focusedIs = (name: string) =>
      page.evaluate((n) => (document.activeElement?.matches('tr.visit-row') ?? false) && document.activeElement!.textContent!.includes(n), name);
    await expect.poll(() => focusedIs(thirdName)).toBe(true);
    await page.keyboard.press('2');
    await page.keyboard.press('Tab'); // amounts are only for 成功: Tab goes straight to the follow-up date
    await page.keyboard.type('明天');
    await page.keyboard.press('Tab');
    await page.keyboard.type('嫌贵');
    await page.keyboard.press('Enter');
    await visible(page.getByRole('alert').getByText('跟进日期应为 YYYY-MM-DD', { exact: false }));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-visit-entry.png');
    await page.reload();
    await visible(page.getByTestId('visit-count'));
    // The 成功 row is closed and gone from the open list; the 未遇 row keeps its ✓; the draft is back as typed.
    await visible(third.getByTestId('row-outcome').getByText('拒绝'));
    expect(await third.getByLabel(/备注$/).inputValue()).toBe('嫌贵');
    expect(await third.getByLabel(/跟进日期$/).inputValue()).toBe('明天');
    await expect.poll(() => focusedIs(thirdName)).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(dayjs().add(2, 'day').format('MMDD'));
    await page.keyboard.press('Enter');
    await visible(third.getByLabel('已保存'));
    expect(await third.getByLabel(/跟进日期$/).inputValue()).toBe(dayjs().add(2, 'day').format('YYYY-MM-DD'));
    await visible(page.getByTestId('follow-ups').getByText('本周待跟进（1）'));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-visit-entry-after-reload.png');
  });

  it('shows the feedback and success rates moved off 0.0%', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/campaigns`);
    await page.getByTestId('campaign-link').getByText(NAME).click();
    await page.getByRole('tab', { name: '结果' }).click();
    await expect.poll(() => page.getByTestId('feedback-rate').textContent()).toContain('15.0%');
    await expect.poll(() => page.getByTestId('success-rate').textContent()).toContain('5.0%');
    await visible(page.getByTestId('turnover').getByText('¥1,200.50'));
    await visible(page.getByTestId('revenue').getByText('¥360.00'));
    await visible(page.getByTestId('outcome-counts').getByText('成功 1'));
    await visible(page.getByTestId('results-carrier').getByText(CARRIERS[0].displayName));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-campaign-results.png');
  });

  it('tests two offers on a random sample, compares them and releases the winner', async () => {
    const { page, server } = app;
    const c = (await api(app, 'campaigns.create', { name: '保险两封信', products: ['保险'], channels: ['letter'] })) as { id: string };
    await api(app, 'campaigns.freeze', { id: c.id, filter: {} });
    await page.goto(`${server.url}/#/campaigns/${c.id}/test`);
    await page.locator('#aOffer').fill('首年保费九折');
    await page.locator('#bOffer').fill('送体检一次');
    await page.locator('#perVariant').fill('10');
    await page.getByRole('button', { name: '开始测试' }).click();
    await visible(page.getByText('已抽取测试样本'));
    const variants = page.getByTestId('test-variants');
    await visible(variants.getByText('首年保费九折'));

    // A succeeds 8 times in 10, B once: a clear winner.
    const targets = (await api(app, 'visits.targets', { campaignId: c.id, includeDone: true })) as { targetId: string; variant: string | null }[];
    for (const [code, wins] of [
      ['A', 8],
      ['B', 1],
    ] as const) {
      const mine = targets.filter((t) => t.variant === code);
      expect(mine).toHaveLength(10);
      for (const [i, t] of mine.entries()) {
        await api(app, 'visits.record', { id: crypto.randomUUID(), targetId: t.targetId, outcome: i < wins ? 'success' : 'refused' });
      }
    }
    await page.getByRole('button', { name: '刷新' }).click();
    await visible(variants.getByText('80.0%'));
    await visible(variants.getByText('10.0%'));
    await visible(page.getByText('显著', { exact: true }));
    await visible(page.getByText('+70.0 个百分点', { exact: true }));
    await variants.getByRole('button', { name: '推广获胜方案' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '推广', exact: true }).click();
    await visible(page.getByText('已把方案 A 推广到其余目标客户'));
    await visible(variants.getByText('已推广'));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-campaign-test.png');
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
