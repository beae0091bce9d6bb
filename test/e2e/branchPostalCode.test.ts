/**
 * Issue 20, point 4, in the browser: a branch set up without a postal code. The 打印文件 card warns that the
 * envelopes' sender code would be empty; the administrator enters it right in the 商函 postal-code dialog, and
 * changes it later in 设置 (6 digits, or the field says why), where it is audited like any setting.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, openApp, screenshot, visible, type E2eApp } from './browser';

const settle = (page: E2eApp['page']) => page.waitForTimeout(400);

describe('the branch postal code after set-up (issue 20)', () => {
  let app: E2eApp;
  let campaignId = '';

  beforeAll(async () => {
    app = await openApp();
    const v = (await api(app, 'villages.create', { name: '东风村', postalCode: '253501' })) as { id: string };
    await api(app, 'customers.create', { name: '张喆', villageId: v.id, address: '东风村3组', consent: true, consentSource: '书面签字' });
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

  it('warns on the envelopes and lets the administrator enter the code in the 商函 dialog', async () => {
    const { page, server } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/#/campaigns/${campaignId}/mail`);
    const pdfCard = page.getByTestId('mail-pdf-card');
    await pdfCard.getByText('信封', { exact: true }).click();
    await visible(pdfCard.getByTestId('mail-pdf-no-postal'));

    await page.getByRole('button', { name: '设置邮政编码' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '乡镇和村都没有邮编时用网点邮编' });
    const branch = dialog.getByTestId('branch-postal-code');
    await visible(branch.getByLabel('网点邮编'));
    await branch.getByLabel('网点邮编').fill('2530');
    await branch.getByLabel('网点邮编').press('Enter');
    await visible(page.getByText('邮政编码应为 6 位数字'));
    await branch.getByLabel('网点邮编').fill('253000');
    await branch.getByLabel('网点邮编').press('Enter');
    await visible(page.getByText('网点邮编已设为 253000'));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-branch-postal-dialog-1024.png');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // The card reads the code again: the sender line names it and the warning is gone.
    await visible(pdfCard.getByText('邮政编码 253000', { exact: false }));
    expect(await pdfCard.getByTestId('mail-pdf-no-postal').count()).toBe(0);
    expect(((await api(app, 'settings.get', {})) as { postalCode: string | null }).postalCode).toBe('253000');
  });

  it('changes the code in 设置, refusing anything but 6 digits, and the change is in the 操作日志', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/settings`);
    const form = page.locator('form#branchSettings');
    const code = form.getByLabel('网点邮政编码');
    await expect.poll(() => code.inputValue()).toBe('253000');
    await code.fill('25300１');
    await form.getByRole('button', { name: '保存设置' }).click();
    await visible(page.getByText('设置已保存'));
    expect(((await api(app, 'settings.get', {})) as { postalCode: string | null }).postalCode).toBe('253001');
    await code.fill('2530x1');
    await form.getByRole('button', { name: '保存设置' }).click();
    await visible(form.getByText('邮政编码应为 6 位数字'));
    await page.mouse.move(0, 0);
    await page.getByText('网点设置', { exact: true }).scrollIntoViewIfNeeded();
    await page
      .locator('.ant-message-notice')
      .last()
      .waitFor({ state: 'detached', timeout: 8000 })
      .catch(() => undefined);
    await settle(page);
    await screenshot(page, 'e2e-branch-settings-1024.png');
    expect(((await api(app, 'settings.get', {})) as { postalCode: string | null }).postalCode).toBe('253001');

    const log = (await api(app, 'audit.list', { action: 'settings' })) as {
      rows: { details: { old?: { postalCode?: string | null }; new?: { postalCode?: string | null } } }[];
    };
    expect(log.rows[0]!.details).toMatchObject({ old: { postalCode: '253000' }, new: { postalCode: '253001' } });
    await page.setViewportSize({ width: 1366, height: 800 });
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
