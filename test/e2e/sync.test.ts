/**
 * Sync in the browser against a real hub: the hub set up in 设置 by typing, 立即同步 on the 同步 page, a second
 * computer restored through the first-start wizard (and the old administrator logging in there), a conflict
 * made on the two computers and settled in the conflict review, and a sync file carried to the hub and back.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../shared/domain';
import { Hlc } from '../../shared/hlc';
import type { SyncRunResult } from '../../shared/sync';
import { handleSyncFile } from '../../server/files';
import { startHub, type TestHub } from '../helpers/hub';
import { api, E2E_ADMIN, openApp, screenshot, visible, type E2eApp } from './browser';

const NAME = '王同步';

async function customerId(app: E2eApp): Promise<string> {
  const page = (await api(app, 'customers.list', { query: NAME })) as { rows: { id: string }[] };
  expect(page.rows).toHaveLength(1);
  return page.rows[0]!.id;
}

/** What a clerk does in the customer form: the whole form saved with one field changed. */
async function editPhone(app: E2eApp, id: string, phone: string): Promise<void> {
  const c = (await api(app, 'customers.get', { id })) as Customer;
  const fields = {
    kind: c.kind,
    name: c.name,
    idNumber: c.idNumber,
    phone,
    landline: c.landline,
    villageId: c.villageId,
    groupName: c.groupName,
    address: c.address,
    householdType: c.householdType,
    tags: c.tags,
    incomeBand: c.incomeBand,
    consent: c.consent,
    consentSource: c.consentSource,
    source: c.source,
    influence: c.influence,
    referrer: c.referrer,
    interests: c.interests,
    notes: c.notes,
  };
  await api(app, 'customers.update', { id, fields });
}

describe('sync with the city hub', () => {
  let hub: TestHub;
  let token = '';
  let first: E2eApp;
  let second: E2eApp | undefined;
  let hubStopped = false;

  beforeAll(async () => {
    hub = await startHub('embedded');
    token = (await hub.addBranch('城关支局')).token;
    first = await openApp();
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    if (!hubStopped) await hub?.stop();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const name = ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-');
    if (first) await screenshot(first.page, `e2e-failed-${name}.png`);
    if (second) await screenshot(second.page, `e2e-failed-${name}-second.png`);
  });

  it('is set up in 设置 by typing, and 立即同步 sends a new customer: 已同步, 待同步 0', async () => {
    const { page, server } = first;
    await page.goto(`${server.url}/#/sync`);
    await visible(page.getByText('本网点还没有设置市局同步'));
    await visible(page.getByTestId('sync-state').getByText('未设置同步'));
    await page.getByRole('button', { name: '去设置市局同步' }).click();

    const card = page.getByTestId('hub-settings');
    await card.getByLabel('市局服务器地址').fill(hub.url);
    await card.getByRole('button', { name: '保存同步设置' }).click();
    await visible(card.getByText('请填写市局发放的网点令牌'));
    await card.getByLabel('网点令牌').fill('不是令牌');
    await card.getByRole('button', { name: '保存同步设置' }).click();
    await visible(card.getByTestId('hub-settings-error').getByText(/网点令牌格式不对/));
    await card.getByLabel('网点令牌').fill(token);
    await card.getByLabel('自动同步间隔（分钟）').fill('15');
    await card.getByRole('button', { name: '保存同步设置' }).click();
    // The first contact runs in the background and brings the name the hub knows the branch by.
    await visible(card.getByTestId('hub-branch-name').getByText('城关支局'), 30_000);
    expect(await card.getByLabel('网点令牌').inputValue()).toBe('');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-sync-settings.png');

    await api(first, 'customers.create', { name: NAME, phone: '13900000001' });
    await page.getByRole('menuitem', { name: '同步' }).click();
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 15_000 }).not.toBe('0 条变更');
    await page.getByTestId('sync-now').click();
    await visible(page.getByTestId('sync-result').getByText(/上传 [1-9]\d* 条 \/ 下载 \d+ 条 \/ 新冲突 0 条/), 30_000);
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 15_000 }).toBe('0 条变更');
    await visible(page.getByTestId('sync-state').getByText(/^已同步 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), 15_000);
    await visible(page.getByText('每 15 分钟', { exact: false }));
    await page.mouse.move(0, 0);
    await screenshot(page, 'e2e-sync.png');
  });

  it('explains a token the hub refuses, and the clerk stays signed in', async () => {
    const { page } = first;
    const wrong = `${token.split('.')[0]}.${'B'.repeat(43)}`;
    await api(first, 'sync.configure', { hubUrl: hub.url, token: wrong });
    await page.getByTestId('sync-now').click();
    await visible(page.getByTestId('sync-result').getByText('网点令牌无效或已停用', { exact: false }), 30_000);
    await visible(page.getByTestId('sync-state').getByText('同步未成功'));
    // Refused by the hub is not "logged out here": the frame stays.
    await visible(page.getByTestId('user-menu').getByText(E2E_ADMIN.displayName));
    await api(first, 'sync.configure', { hubUrl: hub.url, token, intervalMinutes: 15 });
    await api(first, 'sync.now', {});
  });

  it('restores the branch on a new computer through the first-start wizard; the old administrator logs in there', async () => {
    second = await openApp({ loggedOut: true });
    const { page, server } = second;
    await page.goto(server.url);
    const wizard = page.getByTestId('setup-wizard');
    await visible(wizard.getByText('创建管理员'));
    await screenshot(page, 'e2e-sync-first-start.png');
    await wizard.getByRole('button', { name: '从市局恢复本网点数据' }).click();
    await wizard.getByLabel('市局服务器地址').fill(hub.url);
    // Well-formed but not the hub's: refused, and the wizard stays put for another try.
    await wizard.getByLabel('网点令牌').fill(`${token.split('.')[0]}.${'A'.repeat(43)}`);
    await wizard.getByRole('button', { name: '开始恢复' }).click();
    await visible(wizard.getByTestId('restore-error'), 30_000);
    await wizard.getByLabel('网点令牌').fill(token);
    await wizard.getByRole('button', { name: '开始恢复' }).click();
    const result = wizard.getByTestId('restore-result');
    await visible(result, 60_000);
    expect(await result.textContent()).toMatch(/从市局下载 [1-9]\d* 条记录/);
    await visible(wizard.getByText('已恢复“城关支局”的数据'));
    await screenshot(page, 'e2e-sync-restored.png');
    await wizard.getByRole('button', { name: '去登录' }).click();

    await visible(page.getByRole('button', { name: '登录' }));
    await page.getByLabel('登录名').fill(E2E_ADMIN.login);
    await page.getByLabel('密码').fill(E2E_ADMIN.password);
    await page.getByLabel('密码').press('Enter');
    await visible(page.getByTestId('user-menu').getByText(E2E_ADMIN.displayName));
    await page.getByPlaceholder('输入姓名、电话或身份证号查找').fill(NAME);
    await visible(page.getByText('13900000001'));
  });

  it('shows a conflict made on the two computers, and 恢复被覆盖的值 brings the lost phone back', async () => {
    const app2 = second!;
    const id = await customerId(first);
    expect(await customerId(app2)).toBe(id);
    // Both change the phone before either hears of the other's change; the later edit wins.
    await editPhone(first, id, '13900000002');
    await editPhone(app2, id, '13900000003');
    await api(first, 'sync.now', {});
    const r = (await api(app2, 'sync.now', {})) as SyncRunResult;
    expect(r.conflicts).toBe(1);
    await api(first, 'sync.now', {});
    expect(((await api(first, 'customers.get', { id })) as Customer).phone).toBe('13900000003');

    const { page } = first;
    await page.reload();
    await visible(page.getByTestId('sync-state').getByText('有冲突 1'), 20_000);
    const table = page.getByTestId('sync-conflicts');
    const row = table.locator('tr', { hasText: NAME });
    await visible(row);
    await visible(row.getByText('手机'));
    await visible(row.getByText('13900000003'));
    await visible(row.getByText('13900000002'));
    await page.mouse.move(0, 0);
    await screenshot(page, 'e2e-sync-conflict.png');
    await row.getByRole('button', { name: '恢复被覆盖的值' }).click();
    await page.getByRole('button', { name: '恢复', exact: true }).click();
    await visible(page.getByText(`已把“${NAME}”的手机恢复为 13900000002`));
    expect(((await api(first, 'customers.get', { id })) as Customer).phone).toBe('13900000002');
    await visible(table.getByText('没有待处理的冲突', { exact: false }));
    await page.getByRole('switch', { name: '显示已处理的冲突' }).click();
    await visible(table.getByText('已恢复被覆盖的值'));
  });

  it('carries the outbox to the hub as a sync file and imports the reply', async () => {
    const { page } = first;
    await api(first, 'customers.create', { name: '李文件', phone: '13900000009' });
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出同步文件' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^同步请求_.+\.pbsync$/);
    const request = fs.readFileSync(await download.path());
    const reply = await handleSyncFile(hub.db, request, new Hlc(`hub${crypto.randomBytes(4).toString('hex')}`, Date.now), () => new Date());

    await page.getByTestId('sync-import-file').setInputFiles({ name: '回执.pbsync', mimeType: 'application/octet-stream', buffer: request });
    await visible(page.getByTestId('sync-file-result').getByText(/请导入市局返回的回执文件/));
    await page.getByTestId('sync-import-file').setInputFiles({ name: '回执.pbsync', mimeType: 'application/octet-stream', buffer: reply });
    await visible(page.getByTestId('sync-file-result').getByText(/上传 [1-9]\d* 条/));
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 15_000 }).toBe('0 条变更');
    // The hub has the customer: the second computer pulls it.
    await api(second!, 'sync.now', {});
    expect(((await api(second!, 'customers.list', { query: '李文件' })) as { rows: unknown[] }).rows).toHaveLength(1);
  });

  it('reads calmly when the hub cannot be reached: 离线 since when, changes kept waiting', async () => {
    const { page } = first;
    await hub.stop();
    hubStopped = true;
    await api(first, 'customers.create', { name: '赵离线', phone: '13900000010' });
    await page.getByTestId('sync-now').click();
    await visible(page.getByTestId('sync-result').getByText(/连不上|连接中断|不可用/), 30_000);
    await visible(page.getByTestId('sync-result').getByText('这次没有连上市局'));
    await visible(page.getByTestId('sync-state').getByText(/^离线 自 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), 15_000);
    expect(await page.getByTestId('sync-state').getAttribute('data-tone')).toBe('offline');
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 15_000 }).not.toBe('0 条变更');
    // Coming back to the page later, the state itself says so.
    await page.reload();
    await visible(page.getByTestId('sync-error').getByText('数据照常保存在本机', { exact: false }));
    await page.mouse.move(0, 0);
    await screenshot(page, 'e2e-sync-offline.png');
  });
});
