/**
 * The very first start on a new computer: the administrator, then the branch on the official division list
 * (county 德城区, towns 二屯镇 and 黄河涯镇, one village unticked, one added by hand), and the village picker of
 * the customer form finding villages by name, pinyin initials, code and across the whole country.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Village } from '../../shared/domain';
import { api, E2E_ADMIN, openApp, screenshot, visible, type E2eApp } from './browser';

/** 二屯镇 and 黄河涯镇 of 德州市德城区 have 37 villages between them (2023 edition). */
const TWO_TOWNS_VILLAGES = 37;

describe('first start', () => {
  let app: E2eApp;
  let unticked = '';

  beforeAll(async () => {
    app = await openApp({ loggedOut: true });
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('creates the administrator, showing why a weak password is refused', async () => {
    const { page, server } = app;
    await page.goto(server.url);
    const wizard = page.getByTestId('setup-wizard');
    await visible(wizard.getByText('创建管理员'));
    await wizard.getByLabel('登录名').fill(E2E_ADMIN.login);
    await wizard.getByLabel('姓名').fill(E2E_ADMIN.displayName);
    await wizard.getByLabel('密码', { exact: true }).fill('12345678');
    await wizard.getByLabel('确认密码').fill('12345679');
    await wizard.getByRole('button', { name: '创建管理员，下一步' }).click();
    await visible(wizard.getByText('两次输入的密码不一致'));
    await wizard.getByLabel('确认密码').fill('12345678');
    await wizard.getByRole('button', { name: '创建管理员，下一步' }).click();
    // The backend's own reason, under the field.
    await visible(wizard.getByText('密码需包含字母、数字、符号中的至少两类'));
    await wizard.getByLabel('密码', { exact: true }).fill(E2E_ADMIN.password);
    await wizard.getByLabel('确认密码').fill(E2E_ADMIN.password);
    await wizard.getByLabel('确认密码').press('Enter');
    await visible(wizard.getByText('这台电脑上的网点数据从哪里来？'));
    await visible(wizard.getByText('须在创建管理员之前选择（首次使用第一步）；本机已有账号，不能再从市局恢复'));
  });

  it('sets up a new branch: county, towns, villages, one added by hand', async () => {
    const { page } = app;
    const wizard = page.getByTestId('setup-wizard');
    // 从市局恢复 is for a computer with no accounts; the administrator exists by now. One name for it everywhere
    // (issue 20): the first step's 从市局恢复本网点数据, never 从中心恢复.
    expect(await wizard.getByRole('button', { name: /^从市局恢复/ }).isDisabled()).toBe(true);
    expect(await wizard.textContent()).not.toContain('从中心');
    await wizard.getByRole('button', { name: '新建网点' }).click();

    await wizard.getByLabel('网点名称').fill('黄河涯支局');
    await wizard.getByLabel('邮政编码').fill('25300');
    await wizard.getByLabel('区县').click();
    await page.keyboard.type('德城');
    await page.locator('.ant-select-item-option', { hasText: '山东省德州市德城区（371402）' }).click();
    await wizard.getByRole('button', { name: '下一步：选择乡镇/街道' }).click();
    await visible(wizard.getByText('邮政编码应为 6 位数字'));
    await wizard.getByLabel('邮政编码').fill('253000');
    await wizard.getByRole('button', { name: '下一步：选择乡镇/街道' }).click();

    await wizard.getByRole('checkbox', { name: /二屯镇/ }).check();
    await wizard.getByRole('checkbox', { name: /黄河涯镇/ }).check();
    await visible(wizard.getByTestId('town-summary').getByText(`已选 2 个乡镇/街道，共 ${TWO_TOWNS_VILLAGES} 个村/社区`));
    await wizard.getByRole('button', { name: '下一步：确认村/社区' }).click();

    // Every village of the two towns comes ticked; the clerk unticks one the branch does not serve.
    await expect.poll(() => wizard.getByTestId('village-ticked').textContent()).toBe(String(TWO_TOWNS_VILLAGES));
    const first = wizard.locator('[data-testid^="town-"] .ant-card-body .ant-checkbox-wrapper').first();
    unticked = (await first.locator('span[title]').textContent()) ?? '';
    expect(unticked).toMatch(/村|社区|委会/);
    await first.getByRole('checkbox').uncheck();
    await expect.poll(() => wizard.getByTestId('village-ticked').textContent()).toBe(String(TWO_TOWNS_VILLAGES - 1));
    await page.mouse.move(0, 0);
    await screenshot(page, 'e2e-setup-wizard.png');
    await wizard.getByRole('button', { name: '下一步：补充村/单元' }).click();

    await wizard.getByLabel('自建村名称').fill('张庄自然村');
    await wizard.getByLabel('自建村名称').press('Enter');
    await visible(wizard.getByTestId('extra-villages').getByText('张庄自然村'));
    await visible(wizard.getByText(`官方区划 ${TWO_TOWNS_VILLAGES - 1} 个，自建 1 个`));
    await wizard.getByRole('button', { name: '完成' }).click();

    // The frame opens on the 行政村 page with what was set up.
    await visible(page.getByText(`网点已建立：${TWO_TOWNS_VILLAGES} 个村/社区/单元`));
    await visible(page.getByTestId('branch-name').getByText('黄河涯支局'));
    const table = page.getByTestId('village-table');
    await visible(table.getByText(`共 ${TWO_TOWNS_VILLAGES} 个`));
    const rows = table.locator('.ant-table-row');
    const texts = await rows.allTextContents();
    expect(texts.filter((t) => /37140210[01]\d{3}/.test(t))).toHaveLength(TWO_TOWNS_VILLAGES - 1);
    expect(texts.some((t) => t.startsWith(unticked) && /\d{12}/.test(t))).toBe(false);
    const own = rows.filter({ hasText: '张庄自然村' });
    await visible(own.getByText('自建'));
    expect(await own.textContent()).toContain('二屯镇');
    await visible(rows.filter({ hasText: '黄河涯村委会' }).getByText('黄河涯镇'));

    // The branch's county and the edition of the division list show in 设置.
    await page.getByRole('menuitem', { name: '设置' }).click();
    await visible(page.getByTestId('division-edition').getByText('2023 年版统计用区划代码'));
    await visible(page.getByText('山东省德州市德城区（371402）'));
  });

  it('finds a village in the customer form by name, initials and code, and across the country', async () => {
    const { page } = app;
    const villages = (await api(app, 'villages.list', {})) as Village[];
    const hhy = villages.find((v) => v.name === '黄河涯村委会')!;
    expect(hhy.code).toMatch(/^\d{12}$/);

    await page.getByRole('menuitem', { name: '客户' }).click();
    await page.getByRole('button', { name: '新增客户' }).click();
    const drawer = page.locator('.ant-drawer');
    await visible(drawer.getByLabel('姓名'));
    await drawer.getByLabel('姓名').fill('赵六');
    const picker = drawer.getByLabel('行政村');
    const field = drawer.locator('.ant-form-item', { has: page.locator('#customer_villageId') });
    const selected = field.locator('.ant-select-content');

    for (const typed of ['黄河涯', 'hhyc', hhy.code!]) {
      await picker.click();
      await page.keyboard.type(typed);
      const option = page.locator('.ant-select-item-option-active');
      await expect.poll(() => option.textContent(), { message: `typing ${typed}` }).toContain('黄河涯村委会');
      await page.keyboard.press('Enter');
      await expect.poll(() => selected.textContent()).toContain('黄河涯村委会');
      await field.locator('.ant-select').hover();
      await field.locator('.ant-select-clear').click();
      await expect.poll(() => selected.textContent()).not.toContain('黄河涯村委会');
    }

    // A village of another county is not the branch's: 在全国范围查找… adds it, then selects it.
    await picker.click();
    await page.keyboard.type('150502106224');
    await visible(page.locator('.ant-select-item-option-active', { hasText: '在全国范围查找' }));
    await page.keyboard.press('Enter');
    const dialog = page.locator('.ant-modal', { hasText: '在全国范围查找村/社区' });
    const hit = dialog.getByTestId('national-hits').locator('.ant-table-row', { hasText: '150502106224' });
    await visible(hit);
    expect(await hit.textContent()).toContain('育新镇');
    await hit.click();
    await dialog.getByRole('button', { name: '添加并选用' }).click();
    await visible(page.getByText('已添加 1 个村/社区到本网点'));
    await expect.poll(() => selected.textContent()).toContain('团结村委会');
    await drawer.getByLabel('姓名').press('Enter');
    await visible(page.getByText('已保存客户“赵六”'));
    await visible(page.getByTestId('customer-table').locator('.ant-table-row', { hasText: '赵六' }).getByText('团结村委会'));
    expect(((await api(app, 'villages.list', {})) as Village[]).some((v) => v.code === '150502106224')).toBe(true);
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
