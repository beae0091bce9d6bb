/**
 * Log-in, the lock overlay and what each role is offered: a wrong password then the right one; locking (from
 * the menu and from the backend) keeps an unsaved form and completes a save made while locked; a 投递员 sees
 * masked ID numbers and cannot add customers; a 营业员 may reveal one number, which the 操作日志 records.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, idCheckDigit } from '../../shared/idNumber';
import { api, E2E_ADMIN, openApp, screenshot, visible, type E2eApp } from './browser';

const ID17 = '37140219800101123';
const ID = ID17 + idCheckDigit(ID17);
const MASKED = maskIdNumber(ID);
const CARRIER = { login: 'toudi', displayName: '投递员小李', role: 'carrier', password: 'Carrier-2026' };
const CLERK = { login: 'yingye', displayName: '营业员小王', role: 'clerk', password: 'Clerk-pass-2026' };

describe('log-in, lock and roles', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await openApp({ loggedOut: true });
    // An installation set up earlier: administrator, branch, two more users and a customer with an ID number.
    await api(app, 'auth.setupAdmin', E2E_ADMIN);
    await api(app, 'settings.update', { branchName: '黄河涯支局' });
    const carrier = (await api(app, 'users.create', CARRIER)) as { id: string };
    await api(app, 'users.create', CLERK);
    await api(app, 'customers.create', { name: '张三', idNumber: ID, phone: '13800138000', consent: true });
    // 张三 is on the carrier's round: a carrier reads only the customers dispatched to them.
    const round = (await api(app, 'campaigns.create', { name: '上门走访', channels: ['door'] })) as { id: string };
    await api(app, 'campaigns.freeze', { id: round.id, filter: {} });
    await api(app, 'dispatch.auto', { id: round.id, carrierIds: [carrier.id] });
    await api(app, 'auth.logout', {});
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  async function logIn(login: string, password: string): Promise<void> {
    const { page } = app;
    await visible(page.getByRole('button', { name: '登录' }));
    await page.getByLabel('登录名').fill(login);
    await page.getByLabel('密码').fill(password);
    await page.getByLabel('密码').press('Enter');
  }

  async function logOut(): Promise<void> {
    const { page } = app;
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await visible(page.getByRole('button', { name: '登录' }));
  }

  it('refuses a wrong password with the backend’s reason, then signs in', async () => {
    const { page, server } = app;
    await page.goto(server.url);
    await visible(page.getByTestId('login-branch').getByText('黄河涯支局'));
    await logIn(E2E_ADMIN.login, 'Wrong-pass-1');
    await visible(page.getByTestId('login-error').getByText('登录名或密码不正确'));
    expect(await page.getByLabel('密码').inputValue()).toBe('');
    await page.mouse.move(0, 0);
    await screenshot(page, 'e2e-login.png');
    await logIn(E2E_ADMIN.login, E2E_ADMIN.password);
    await visible(page.getByTestId('user-menu').getByText(E2E_ADMIN.displayName));
    await visible(page.getByTestId('branch-name').getByText('黄河涯支局'));
    // An administrator sees the full number.
    await visible(page.getByTestId('customer-table').getByText(ID));
  });

  it('locks from the menu and unlocks with the password, keeping what was typed', async () => {
    const { page } = app;
    const search = page.getByPlaceholder('输入姓名、电话或身份证号查找');
    await search.fill('张');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '锁定' }).click();
    const overlay = page.getByTestId('lock-overlay');
    await visible(overlay.getByText('屏幕已锁定'));
    // Nothing of the page can be reached from the keyboard meanwhile.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('解锁密码');
    await overlay.getByLabel('解锁密码').fill('Wrong-pass-1');
    await overlay.getByLabel('解锁密码').press('Enter');
    await visible(overlay.getByText('密码不正确', { exact: true }));
    await screenshot(page, 'e2e-lock.png');
    await overlay.getByLabel('解锁密码').fill(E2E_ADMIN.password);
    await overlay.getByLabel('解锁密码').press('Enter');
    await overlay.waitFor({ state: 'hidden' });
    expect(await search.inputValue()).toBe('张');
    await search.fill('');
  });

  it('a save that meets a lock made elsewhere completes after unlocking', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '新增客户' }).click();
    const drawer = page.locator('.ant-drawer');
    await visible(drawer.getByLabel('姓名'));
    await drawer.getByLabel('姓名').fill('李四');
    // The session is locked behind the page's back (as after idling): the next call finds out.
    await api(app, 'auth.lock', {});
    await drawer.getByLabel('姓名').press('Enter');
    const overlay = page.getByTestId('lock-overlay');
    await visible(overlay.getByText('屏幕已锁定'));
    await overlay.getByLabel('解锁密码').fill(E2E_ADMIN.password);
    await overlay.getByLabel('解锁密码').press('Enter');
    await visible(page.getByText('已保存客户“李四”'));
    await drawer.waitFor({ state: 'hidden' });
    await visible(page.getByTestId('customer-total').getByText('共 2 户'));
  });

  it('shows a 投递员 masked ID numbers and no buttons to add or change customers', async () => {
    const { page } = app;
    await logOut();
    await logIn(CARRIER.login, CARRIER.password);
    await visible(page.getByTestId('user-menu').getByText('投递员'));
    // A carrier starts on 走访录入; the customers of their round are one click away.
    await visible(page.getByTestId('visit-page'));
    await page.getByRole('menuitem', { name: '客户' }).click();
    const row = page.getByTestId('customer-table').locator('.ant-table-row', { hasText: '张三' });
    await visible(row.getByText(MASKED));
    expect(MASKED).toMatch(/^3714\*{10}\d{3}[\dX]$/);
    expect(await page.getByText(ID).count()).toBe(0);
    expect(await page.getByRole('button', { name: '新增客户' }).count()).toBe(0);
    // Opening a record shows it read-only: the detail, no 编辑 or 保存, and no 查看完整号码 for a carrier.
    await row.dblclick();
    const drawer = page.locator('.ant-drawer');
    await visible(page.getByTestId('customer-detail').getByText(MASKED));
    expect(await drawer.getByRole('button', { name: '编辑' }).count()).toBe(0);
    expect(await drawer.getByRole('button', { name: '保存' }).count()).toBe(0);
    expect(await drawer.getByRole('button', { name: '查看完整号码' }).count()).toBe(0);
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    // 设置 (users, the audit log, the data folder) is not offered at all.
    expect(await page.getByRole('menuitem', { name: '设置' }).count()).toBe(0);
  });

  it('lets a 营业员 save with the masked number and reveal the full one, which is audited', async () => {
    const { page } = app;
    await logOut();
    await logIn(CLERK.login, CLERK.password);
    await page.getByRole('menuitem', { name: '客户' }).click();
    const row = page.getByTestId('customer-table').locator('.ant-table-row', { hasText: '张三' });
    await visible(row.getByText(MASKED));
    await row.getByRole('button', { name: '编辑' }).click();
    const drawer = page.locator('.ant-drawer');
    await expect.poll(() => drawer.getByLabel('身份证号').inputValue()).toBe(MASKED);
    await visible(drawer.getByText('号码已打码，不修改则保留原号码'));
    // The masked number passes the form's own check and the backend keeps the stored one.
    await drawer.getByLabel('手机').fill('13900139000');
    await drawer.getByLabel('手机').press('Enter');
    await visible(page.getByText('已保存客户“张三”'));
    await visible(row.getByText('13900139000'));

    await row.getByRole('button', { name: '编辑' }).click();
    await expect.poll(() => drawer.getByLabel('身份证号').inputValue()).toBe(MASKED);
    // Any other masked value is refused on the spot.
    await drawer.getByLabel('身份证号').fill(MASKED.replace('3714', '3715'));
    await visible(drawer.getByText('身份证号已打码，请输入完整号码或恢复原值'));
    await drawer.getByLabel('身份证号').fill(MASKED);
    await drawer.getByRole('button', { name: '查看完整号码' }).click();
    await expect.poll(() => drawer.getByLabel('身份证号').inputValue()).toBe(ID);
    await visible(drawer.getByText('出生日期 1980-01-01', { exact: false }));
    await drawer.getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: '放弃并关闭' }).click();
    await drawer.waitFor({ state: 'hidden' });
  });

  it('shows the administrator the users and the audit log, old → new', async () => {
    const { page } = app;
    await logOut();
    await logIn(E2E_ADMIN.login, E2E_ADMIN.password);
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '用户' }).click();
    const users = page.getByTestId('user-table');
    await visible(users.getByText(CARRIER.displayName));
    await visible(users.locator('.ant-table-row', { hasText: CLERK.login }).getByText('营业员'));

    await page.getByRole('tab', { name: '操作日志' }).click();
    const log = page.getByTestId('audit-table');
    await visible(log.getByText('登录失败').first());
    await page.getByLabel('操作', { exact: true }).click();
    await page.keyboard.type('查看完整身份证号');
    await page.keyboard.press('Enter');
    const reveal = log.locator('.ant-table-row', { hasText: '查看完整身份证号' });
    // The unfiltered page already holds this entry: wait for the filtered answer, not just for the row.
    await expect.poll(() => log.locator('.ant-table-row').count()).toBe(1);
    await visible(reveal);
    expect(await reveal.textContent()).toContain(CLERK.login);

    await page.getByLabel('操作', { exact: true }).click();
    await page.keyboard.type('修改客户');
    await page.keyboard.press('Enter');
    await visible(log.locator('.ant-table-row', { hasText: '修改客户' }).getByText('13900139000'));
    expect(await log.locator('.ant-table-row', { hasText: '修改客户' }).first().textContent()).toContain('手机：13800138000 → 13900139000');
  });

  it('returns to the log-in screen when the session ends behind the page', async () => {
    const { page } = app;
    await api(app, 'auth.logout', {});
    await page.getByRole('menuitem', { name: '客户' }).click();
    await visible(page.getByRole('button', { name: '登录' }));
    await visible(page.getByTestId('login-branch').getByText('黄河涯支局'));
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
