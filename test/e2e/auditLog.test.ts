/**
 * Issue 20, point 11, in the browser: the 操作日志 page a supervisor reads. A failed administrator log-in from a
 * fresh browser, a campaign moved through its stages, frozen with a filter and dispatched: each row reads in
 * Chinese — no operation codes, no ids, stage names, the filter in words, and the failed log-in with the login
 * tried and no role.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, openApp, screenshot, visible, type E2eApp } from './browser';

const settle = (page: E2eApp['page']) => page.waitForTimeout(400);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('the 操作日志 in the browser (issue 20)', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await openApp();
    // Someone tries the administrator's login with a wrong password on the log-in screen (no session).
    const stranger = await app.browser.newContext();
    const res = await stranger.request.post(`${app.server.url}/api/auth.login`, { data: { login: 'admin', password: 'wrong-password-1' } });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
    await stranger.close();

    const v = (await api(app, 'villages.create', { name: '东风村' })) as { id: string };
    for (let i = 0; i < 3; i++)
      await api(app, 'customers.create', { name: `王${'一二三'[i]}`, villageId: v.id, phone: `1380013800${i}`, consent: true, consentSource: '书面签字' });
    const carrier = (await api(app, 'users.create', { login: 'toudi1', displayName: '投递员甲', role: 'carrier', password: 'Carrier-2026!' })) as {
      id: string;
    };
    const c = (await api(app, 'campaigns.create', { name: '冬季报刊上门征订', products: ['报刊'], channels: ['door'] })) as { id: string };
    await api(app, 'campaigns.moveStage', { id: c.id, stage: 'analysis' });
    await api(app, 'campaigns.freeze', { id: c.id, filter: { villageIds: [v.id], hasPhone: true } });
    await api(app, 'dispatch.auto', { id: c.id, carrierIds: [carrier.id] });
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('reads every row in Chinese words, with names instead of ids', async () => {
    const { page, server } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/#/settings`);
    await page.getByRole('tab', { name: '操作日志' }).click();
    const table = page.getByTestId('audit-table');
    // The row whose 操作 is 派工 (a stage moved automatically on dispatch may mention 派工 in its details).
    const dispatch = table.locator('.ant-table-row', { has: page.locator('td:nth-child(4)', { hasText: /^派工$/ }) });
    await visible(dispatch);
    expect(await dispatch.textContent()).toContain('营销活动：冬季报刊上门征订');
    expect(await dispatch.textContent()).toContain('投递员甲（toudi1）');
    await visible(table.locator('.ant-table-row', { hasText: '营销活动换阶段' }).getByText('营销创意', { exact: false }));
    await visible(table.locator('.ant-table-row', { hasText: '确定目标客户' }).getByText('村：东风村；有手机', { exact: false }));

    const failed = table.locator('.ant-table-row', { hasText: '登录失败' });
    await visible(failed);
    const cells = await failed.locator('td').allTextContents();
    expect(cells[1]).toBe('（未登录）');
    expect(cells[2]).toBe('—');
    expect(cells.join(' ')).toContain('尝试的登录名：admin');

    const all = (await table.locator('.ant-table-tbody').textContent()) ?? '';
    expect(all).not.toMatch(UUID);
    expect(all).not.toMatch(/campaign\.|customer\.|letter_template|from：|idea|analysis|villageIds|\{"/);
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-audit-log-1024.png');
    await page.setViewportSize({ width: 1366, height: 800 });
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
