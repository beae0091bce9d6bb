/**
 * Direct mail in the browser: a letter written in the 商函模板 editor with an inserted merge field and a custom
 * field, previewed for a real customer (张先生 from his ID number), saved; then envelope and letter PDFs made
 * from the 打印文件 card, downloaded through the chunked file reads and their text read back (pdfjs); and an unknown
 * field refused in Chinese while the text being edited stays.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { idCheckDigit } from '../../shared/idNumber';
import { pdfText } from '../helpers/pdfRead';
import { tmpDir } from '../helpers/tmp';
import { api, openApp, screenshot, visible, type E2eApp } from './browser';

const BRANCH = '德州市陵城区邮政支局';
const idNo = (seq: string) => {
  const first17 = `37140219850315${seq}`;
  return first17 + idCheckDigit(first17);
};
const settle = (page: E2eApp['page']) => page.waitForTimeout(400);

describe('letter templates and mail PDFs in the browser', () => {
  let app: E2eApp;
  let campaignId = '';
  let woman = '';

  beforeAll(async () => {
    app = await openApp();
    await api(app, 'settings.update', { branchName: BRANCH });
    const v1 = (await api(app, 'villages.create', { name: '东风村', postalCode: '253501' })) as { id: string };
    const v2 = (await api(app, 'villages.create', { name: '红旗村', postalCode: '253502' })) as { id: string };
    const add = async (fields: Record<string, unknown>) =>
      ((await api(app, 'customers.create', { consent: true, consentSource: '书面签字', ...fields })) as { id: string }).id;
    // 张喆 is a man by his ID number (odd 17th digit), 欧阳娜娜 a woman; 王五 has no address and is left out.
    await add({ name: '张喆', idNumber: idNo('123'), villageId: v1.id, groupName: '3组' });
    woman = await add({ name: '欧阳娜娜', idNumber: idNo('124'), villageId: v2.id, address: '幸福路8号' });
    await add({ name: '王五' });
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

  it('writes a letter with an inserted merge field and a custom field, previews it for a real customer and saves it', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/campaigns/${campaignId}/mail`);
    const card = page.getByTestId('letter-template-card');
    await visible(card.getByText('还没有保存模板', { exact: false }));
    // The starting text already previews with the first customer on the list (东风村, 253501).
    await expect.poll(() => card.getByTestId('letter-preview-body').textContent()).toContain('尊敬的张先生：');

    const body = card.getByRole('textbox', { name: '正文' });
    await body.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('尊敬的');
    await card.getByTestId('merge-field-称呼').click();
    await page.keyboard.type('：\n您好！本月到网点可领取{礼品}，数量有限。');
    await card.getByRole('button', { name: '添加字段' }).click();
    await card.getByLabel('自定义字段名 1').fill('礼品');
    await card.getByLabel('自定义字段内容 1').fill('2027年台历');
    await card.getByRole('textbox', { name: '标题' }).fill('{活动名称}致客户的一封信');
    expect(await body.inputValue()).toBe('尊敬的{称呼}：\n您好！本月到网点可领取{礼品}，数量有限。');
    await visible(card.getByText('未保存', { exact: true }));

    const preview = card.getByTestId('letter-preview');
    await expect.poll(() => preview.textContent()).toContain('您好！本月到网点可领取2027年台历，数量有限。');
    await visible(preview.getByText('报刊商函致客户的一封信'));
    await visible(card.getByTestId('letter-preview-body').getByText('尊敬的张先生：'));
    await visible(card.getByTestId('letter-preview-signoff').getByText(BRANCH));

    // Another real customer by code: the salutation follows her ID number.
    await card.getByTestId('letter-preview-code').locator('input').fill(woman);
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getByTestId('letter-preview-body').textContent()).toContain('尊敬的欧阳女士：');

    await card.getByTestId('letter-save').click();
    await visible(page.getByText('已保存“全部目标”的商函模板'));
    await visible(card.getByText('已保存（', { exact: false }));
    await expect.poll(() => card.getByText('未保存', { exact: true }).count()).toBe(0);
    const saved = (await api(app, 'letters.list', { campaignId })) as { templates: { body: string; fields: Record<string, string> }[] };
    expect(saved.templates[0]).toMatchObject({ body: '尊敬的{称呼}：\n您好！本月到网点可领取{礼品}，数量有限。', fields: { 礼品: '2027年台历' } });
    await page.mouse.move(0, 0);
    await settle(page);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-mail-template.png');
  });

  it('generates envelope and letter PDFs and downloads them whole', async () => {
    const { page } = app;
    const pdfCard = page.getByTestId('mail-pdf-card');
    const generate = async (name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), pdfCard.getByTestId('mail-pdf-start').click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${name}_报刊商函_\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
      const file = path.join(tmpDir('pbdb-e2e-pdf-'), download.suggestedFilename());
      await download.saveAs(file);
      return pdfText(file);
    };

    await pdfCard.getByText('信封', { exact: true }).click();
    await pdfCard.getByText(/^C5/).click();
    await pdfCard.getByLabel('寄件人地址').fill('陵城区府前街1号');
    const envelopes = await generate('商函信封_C5');
    for (const s of ['张喆', '欧阳娜娜', '东风村3组', '红旗村幸福路8号', BRANCH, '陵城区府前街1号']) expect(envelopes).toContain(s);
    const digits = envelopes.replace(/\s+/g, '');
    expect(digits).toContain('253501');
    expect(digits).toContain('253502');
    expect(envelopes).not.toContain('王五');
    const result = pdfCard.getByTestId('mail-pdf-result');
    await visible(result.getByText('2 件，2 页', { exact: false }));
    await visible(result.getByText('另有 1 户', { exact: false }));
    await visible(result.getByText('未列入', { exact: false }));

    await pdfCard.getByText('信函', { exact: true }).click();
    const letters = await generate('商函信函');
    for (const s of ['尊敬的张先生：', '尊敬的欧阳女士：', '2027年台历', '报刊商函致客户的一封信', BRANCH]) expect(letters).toContain(s);
    await page.mouse.move(0, 0);
    await settle(page);
    await pdfCard.scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-mail-pdf.png');
  });

  it('refuses an unknown merge field in Chinese and keeps the text being edited', async () => {
    const { page } = app;
    const card = page.getByTestId('letter-template-card');
    const body = card.getByRole('textbox', { name: '正文' });
    await body.fill('尊敬的{称谓}：\n感谢您订阅报刊。');
    await card.getByTestId('letter-save').click();
    await visible(card.getByTestId('letter-save-error').getByText('未知的合并字段：{称谓}', { exact: false }));
    await visible(card.getByTestId('letter-preview-error').getByText('{称谓}', { exact: false }));
    expect(await body.inputValue()).toBe('尊敬的{称谓}：\n感谢您订阅报刊。');
    await visible(card.getByText('未保存', { exact: true }));
    // Nothing was saved over the good template.
    const saved = (await api(app, 'letters.list', { campaignId })) as { templates: { body: string }[] };
    expect(saved.templates[0]!.body).toContain('{礼品}');
    expect(app.pageErrors).toEqual([]);
  });
});
