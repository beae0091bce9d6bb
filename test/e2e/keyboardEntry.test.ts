/**
 * Issue 20, points 1 and 2 — keyboard-only work in a real browser:
 * - 新增客户: Tab walks the fields in reading order (never onto a select's hidden 清除 button, never into
 *   在全国范围查找), so 自然村/组 and 地址 typed from the keyboard are saved; nothing on the form speaks English.
 * - 走访录入: a 成功 row without 流转额/收入 is not saved silently: one confirmation names how many such rows there
 *   are; 返回填写 puts the caret on the amount, 仍然保存 saves; the key legend says key 4 jumps to the amount.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../shared/idNumber';
import { api, openApp, screenshot, visible, type E2eApp } from './browser';
import { CARRIERS, seedCampaignData } from './campaignData';

const ID17 = '37140219880412301';
const ID = ID17 + idCheckDigit(ID17);
const settle = (page: E2eApp['page']) => page.waitForTimeout(400);
const activeId = (page: E2eApp['page']) => page.evaluate(() => document.activeElement?.id ?? '');

/** Every piece of text a person or a screen reader meets inside `selector`: visible text, labels, titles, placeholders. */
async function wordsIn(page: E2eApp['page'], selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const root of Array.from(document.querySelectorAll(sel))) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent?.trim()) out.push(n.textContent.trim());
      for (const el of Array.from(root.querySelectorAll('[aria-label],[title],[placeholder],[alt]'))) {
        for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
          const v = el.getAttribute(a);
          if (v?.trim()) out.push(`${a}=${v.trim()}`);
        }
      }
    }
    return out;
  }, selector);
}
/** English words (two letters or more), leaving out key names printed on the keyboard. */
const english = (words: string[]) =>
  words.filter((w) => /[A-Za-z]{2,}/.test(w.replace(/^(aria-label|title|placeholder|alt)=/, '').replace(/\b(Enter|Esc|Tab|Ctrl|Shift)\b/g, '')));

describe('keyboard-only entry (issue 20)', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await openApp();
    await seedCampaignData(app);
    await api(app, 'villages.create', { name: '张庄村' });
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('enters a customer from the keyboard only: Tab goes field to field and 自然村/组 and 地址 are saved', async () => {
    const { page, server } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/#/customers`);
    await page.getByRole('button', { name: '新增客户' }).click();
    const drawer = page.locator('.ant-drawer');
    await expect.poll(() => activeId(page)).toBe('customer_name');
    await page.keyboard.type('李秀英');
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('customer_idNumber');
    await page.keyboard.type(ID);
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('customer_phone');
    await page.keyboard.type('13912345678');
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('customer_landline');
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('customer_villageId');
    await page.keyboard.type('zzc');
    await visible(page.locator('.ant-select-item-option', { hasText: '张庄村' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => drawer.locator('.ant-form-item', { hasText: '行政村' }).textContent()).toContain('张庄村');
    // The next Tab lands in 自然村/组 — not on the picker's hidden clear button.
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('customer_groupName');
    await page.keyboard.type('三组');
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('customer_address');
    await page.keyboard.type('张庄村三组 8 号');
    // Nothing reopened the village search or the nationwide search on the way.
    expect(await page.locator('.ant-modal', { hasText: '全国' }).count()).toBe(0);
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-customer-keyboard-1024.png');

    // No English on the form: antd's clear buttons, number steppers and icons speak Chinese too.
    expect(english(await wordsIn(page, '.ant-drawer'))).toEqual([]);

    await page.keyboard.press('Enter');
    await visible(page.getByText('已保存客户“李秀英”'));
    const found = (await api(app, 'customers.list', { query: '李秀英' })) as { rows: { id: string }[] };
    const saved = (await api(app, 'customers.get', { id: found.rows[0]!.id })) as {
      groupName: string | null;
      address: string | null;
      villageName: string | null;
      phone: string | null;
    };
    expect(saved).toMatchObject({ groupName: '三组', address: '张庄村三组 8 号', phone: '13912345678' });
    await page.setViewportSize({ width: 1366, height: 800 });
  });

  it('a chosen village is still cleared from the keyboard (Delete), without a Tab stop for the clear button', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/customers`);
    await page.reload();
    await page.getByRole('button', { name: '新增客户' }).click();
    await expect.poll(() => activeId(page)).toBe('customer_name');
    const village = page.locator('#customer_villageId');
    await village.focus();
    await page.keyboard.type('zzc');
    await page.keyboard.press('Enter');
    const item = page.locator('.ant-drawer .ant-form-item', { hasText: '行政村' });
    await expect.poll(() => item.textContent()).toContain('张庄村');
    const clear = item.locator('.ant-select-clear');
    expect(await clear.getAttribute('aria-label')).toBe('清除');
    expect(await clear.getAttribute('tabindex')).toBe('-1');
    await page.keyboard.press('Delete');
    await expect.poll(() => item.textContent()).not.toContain('张庄村');
    // Leave without saving: 取消 asks, 放弃并关闭 closes.
    await page.locator('.ant-drawer').getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: '放弃并关闭' }).click();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
  });

  it('the other forms show no English either (campaign, village, user, settings)', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/campaigns`);
    await page.getByRole('button', { name: '新建活动' }).click();
    const campaignForm = page.locator('.ant-modal', { hasText: '新建活动' });
    await visible(campaignForm.getByLabel('产品'));
    // A value in a select shows its clear button too.
    await campaignForm.getByLabel('产品').click();
    await page.keyboard.type('报刊');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    expect(english(await wordsIn(page, '.ant-modal'))).toEqual([]);
    await campaignForm.getByRole('button', { name: '取消' }).click();
    await campaignForm.waitFor({ state: 'hidden' });

    await page.goto(`${server.url}/#/villages`);
    await page.getByRole('button', { name: '新建行政村' }).click();
    await visible(page.getByRole('dialog').getByLabel('村名'));
    expect(english(await wordsIn(page, '.ant-modal'))).toEqual([]);
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}/#/settings`);
    await visible(page.locator('form#branchSettings').getByLabel('网点名称'));
    expect(english(await wordsIn(page, 'form#branchSettings'))).toEqual([]);
    await page.getByRole('tab', { name: '用户' }).click();
    await page.getByRole('button', { name: '添加用户' }).click();
    await visible(page.getByRole('dialog').getByLabel('登录名'));
    expect(english(await wordsIn(page, '.ant-modal'))).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('asks once before saving 成功 without 流转额/收入, naming how many rows lack them', async () => {
    const { page, server } = app;
    const c = (await api(app, 'campaigns.create', { name: '金额提醒测试', products: ['报刊'], channels: ['door'] })) as { id: string };
    await api(app, 'campaigns.freeze', { id: c.id, filter: {} });
    const carriers = (await api(app, 'carriers.list', {})) as { id: string; login: string }[];
    await api(app, 'dispatch.auto', { id: c.id, carrierIds: [carriers.find((x) => x.login === CARRIERS[0].login)!.id] });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/#/visits`);
    const legend = page.getByTestId('outcome-legend');
    await visible(legend.getByText('光标到流转额', { exact: false }));
    await page.getByTestId('visit-carrier').click();
    await page.keyboard.type(CARRIERS[0].displayName);
    await page.keyboard.press('Enter');
    await visible(page.getByTestId('visit-count'));
    const rows = page.locator('tr.visit-row');
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('tr.visit-row:first-child') ?? false)).toBe(true);
    const firstName = (await rows.nth(0).locator('.name').textContent())!;
    const secondName = (await rows.nth(1).locator('.name').textContent())!;

    // Row 1: 成功 and straight to Enter — a question, not a silent save.
    await page.keyboard.press('4');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['field'])).toBe('turnover');
    await page.keyboard.press('Enter');
    const ask = page.locator('.ant-modal-confirm');
    await visible(ask.locator('.ant-modal-confirm-title', { hasText: '1 户“成功”未填流转额或收入' }));
    await visible(ask.getByTestId('amount-confirm').getByText(firstName, { exact: false }));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-visit-amount-confirm-1024.png');
    // 返回填写 (the default, also Esc) keeps the row and puts the caret on 流转额.
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['field'])).toBe('turnover');
    expect(await rows.nth(0).getByLabel('已保存').count()).toBe(0);
    await page.keyboard.type('80');
    await page.keyboard.press('Tab');
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    await visible(rows.nth(0).getByLabel('已保存'));

    // Row 2: 成功 without amounts, saved anyway after the one question.
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('tr.visit-row:nth-child(2)') ?? false)).toBe(true);
    await page.keyboard.press('4');
    await page.keyboard.press('Enter');
    await visible(ask.getByTestId('amount-confirm').getByText(secondName, { exact: false }));
    await ask.getByRole('button', { name: '仍然保存' }).click();
    await visible(rows.nth(1).getByLabel('已保存'));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-visit-entry-1024.png');
    const results = (await api(app, 'campaigns.results', { id: c.id })) as { overall: { success: number; turnover: number; revenue: number } };
    expect(results.overall).toMatchObject({ success: 2, turnover: 8000, revenue: 2000 });
    await page.setViewportSize({ width: 1366, height: 800 });
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
