/**
 * Issue 20, point 6, in the browser: a letter using {优惠} in a campaign without A/B offers would print
 * “……可享受。”. The preview warns while the text is written, the 打印文件 card before the PDF is made and again
 * with the result, each naming the field and how many letters have it empty.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, openApp, screenshot, visible, type E2eApp } from './browser';

const settle = (page: E2eApp['page']) => page.waitForTimeout(400);

describe('empty merge fields in the browser (issue 20)', () => {
  let app: E2eApp;
  let campaignId = '';

  beforeAll(async () => {
    app = await openApp();
    await api(app, 'settings.update', { branchName: '德州市陵城区邮政支局', postalCode: '253500' });
    const v = (await api(app, 'villages.create', { name: '东风村', postalCode: '253501' })) as { id: string };
    for (const [i, name] of ['张喆', '欧阳娜娜'].entries()) {
      await api(app, 'customers.create', { name, villageId: v.id, address: `${i + 1}号`, consent: true, consentSource: '书面签字' });
    }
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

  it('warns in the preview, naming the field and the number of letters', async () => {
    const { page, server } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/#/campaigns/${campaignId}/mail`);
    const card = page.getByTestId('letter-template-card');
    await expect.poll(() => card.getByTestId('letter-preview-body').textContent()).toContain('尊敬的');
    // The starting text uses no field that can be empty here.
    expect(await card.getByTestId('letter-empty-fields').count()).toBe(0);
    await card.getByRole('textbox', { name: '正文' }).fill('尊敬的{称呼}：\n即日起凭本信到网点订阅报刊，可享受{优惠}。');
    const warning = card.getByTestId('letter-empty-fields');
    await visible(warning.getByText('{优惠} 在 2 封信中为空', { exact: false }));
    await expect.poll(() => card.getByTestId('letter-preview-body').textContent()).toContain('可享受。');
    await card.getByTestId('letter-save').click();
    await visible(page.getByText('已保存“全部目标”的商函模板'));
    await page.mouse.move(0, 0);
    await settle(page);
    await warning.scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-mail-empty-field-preview-1024.png');
  });

  it('warns on the 打印文件 card before and after the letters PDF', async () => {
    const { page } = app;
    const pdfCard = page.getByTestId('mail-pdf-card');
    await visible(pdfCard.getByTestId('mail-pdf-empty-before').getByText('{优惠} 在 2 封信中为空', { exact: false }));
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), pdfCard.getByTestId('mail-pdf-start').click()]);
    expect(download.suggestedFilename()).toMatch(/^商函信函_报刊商函_/);
    await visible(pdfCard.getByTestId('mail-pdf-result'));
    await visible(pdfCard.getByTestId('mail-pdf-empty-fields').getByText('{优惠} 在 2 封信中为空', { exact: false }));
    await page.mouse.move(0, 0);
    await settle(page);
    await pdfCard.scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-mail-empty-field-pdf-1024.png');
    await page.setViewportSize({ width: 1366, height: 800 });
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
