/**
 * 数据备份 in Chromium (browser mode): the 设置 card makes a backup with progress and lists it, a restore from
 * that list says what it will lose before anything happens, and on a new computer the first-start wizard
 * restores the backup file after which the old administrator logs in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, E2E_ADMIN, openApp, screenshot, visible, type E2eApp } from './browser';
import { cli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

describe('数据备份', () => {
  let app: E2eApp;
  let backupFile = '';
  const dest = tmpDir('pbbak-e2e-dest-');

  beforeAll(async () => {
    // Enough customers that a backup takes long enough to watch its progress.
    const dbPath = path.join(tmpDir('pbbak-e2e-'), 'data');
    const seeded = await cli('seed', '--db', dbPath, '--villages', '30', '--customers', '30000', '--seed', '11');
    expect(seeded.code).toBe(0);
    app = await openApp({ dbPath });
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  it('sets the destination, backs up with progress and lists the backup', async () => {
    const { page, server } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(server.url);
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByRole('tab', { name: '数据备份' }).click();
    const card = page.getByTestId('backup-card');
    await visible(card.getByText('还没有备份过'));

    // A folder that does not exist is refused under its field, in Chinese.
    await card.getByLabel('备份位置').fill(path.join(dest, '没有插好的U盘'));
    await card.getByLabel('您的登录密码').fill(E2E_ADMIN.password);
    await card.getByRole('button', { name: '保存备份设置' }).click();
    await visible(card.getByTestId('backup-settings-error').getByText(/备份位置不存在/));

    await card.getByLabel('备份位置').fill(dest);
    await card.getByLabel('您的登录密码').fill(E2E_ADMIN.password);
    await card.getByRole('button', { name: '保存备份设置' }).click();
    await visible(page.getByText('备份设置已保存'));

    await card.getByRole('button', { name: '立即备份' }).click();
    // A backup of 30,000 customers takes about a second: the progress shows, then the outcome.
    await visible(card.getByTestId('backup-progress'), 5_000);
    await screenshot(page, 'e2e-backup-progress-1366.png');
    await visible(card.getByTestId('backup-last').getByText(/成功/), 60_000);
    const files = page.getByTestId('backup-files');
    await visible(files.getByText(/^备份_演示网点_\d{8}-\d{4}\.pbbak$/));
    await visible(files.getByText('正常'));
    backupFile = path.join(
      dest,
      fs.readdirSync(dest).find((f) => f.endsWith('.pbbak'))!,
    );
    await page.mouse.move(0, 0);
    await page
      .getByText('备份设置已保存')
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await screenshot(page, 'e2e-backup-card-1366.png');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'e2e-backup-card-1024.png');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('a restore from the list says what will be lost and asks first', async () => {
    const { page } = app;
    await api(app, 'customers.create', { name: '备份后新来的客户' });
    await page.getByRole('button', { name: '刷新' }).first().click();
    await page.getByTestId('backup-files').getByRole('button', { name: '恢复' }).first().click();
    const dialog = page.locator('.ant-modal', { hasText: '从备份恢复' });
    await visible(dialog.getByTestId('backup-loss').getByText(/本机在备份之后新增\/修改了 1 位客户、0 条走访记录，恢复后这些将丢失/));
    await dialog.getByRole('button', { name: '恢复此备份' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await visible(confirm.getByTestId('backup-confirm').getByText(/本机在备份之后新增\/修改了 1 位客户/));
    await screenshot(page, 'e2e-backup-restore-confirm-1366.png');
    await confirm.getByRole('button', { name: '取消' }).click();
    await dialog.getByRole('button', { name: '返回' }).click();
    // Nothing happened: the customer is still there.
    const list = (await api(app, 'customers.list', { query: '备份后新来的客户' })) as { total: number };
    expect(list.total).toBe(1);
  });

  it('the first-start wizard on a new computer restores the backup file, then the old administrator logs in', async () => {
    expect(backupFile).not.toBe('');
    const fresh = await openApp({ loggedOut: true });
    try {
      const { page, server } = fresh;
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(server.url);
      const wizard = page.getByTestId('setup-wizard');
      await visible(wizard.getByText('有备份文件？'));
      await screenshot(page, 'e2e-backup-wizard-start-1366.png');
      await wizard.getByRole('button', { name: '从备份文件恢复' }).click();
      await page.getByTestId('backup-file-input').setInputFiles(backupFile);
      const flow = wizard.getByTestId('backup-restore');
      await flow.getByLabel('管理员 admin 的密码').fill('Not-the-pass-1');
      await flow.getByRole('button', { name: '打开备份' }).click();
      await visible(flow.getByText('密码不正确'));
      await screenshot(page, 'e2e-backup-wizard-password-1366.png');
      await flow.getByLabel('管理员 admin 的密码').fill(E2E_ADMIN.password);
      await flow.getByRole('button', { name: '打开备份' }).click();
      await visible(flow.getByText('演示网点'));
      await visible(flow.getByTestId('backup-loss').getByText('恢复不会丢失本机的任何数据。'));
      await screenshot(page, 'e2e-backup-wizard-1366.png');
      await page.setViewportSize({ width: 1024, height: 768 });
      await screenshot(page, 'e2e-backup-wizard-1024.png');
      await flow.getByRole('button', { name: '恢复此备份' }).click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '确认恢复' }).click();
      // Check, swap and reopen 30,000 customers: seconds alone, longer on a busy test machine.
      await visible(wizard.getByTestId('backup-restore-result').getByText(/30000 位客户/), 150_000);
      await wizard.getByRole('button', { name: '去登录' }).click();

      await page.getByLabel('登录名').fill(E2E_ADMIN.login);
      await page.getByLabel('密码').fill(E2E_ADMIN.password);
      await page.getByLabel('密码').press('Enter');
      await visible(page.getByTestId('branch-name').getByText('演示网点'));
      await screenshot(page, 'e2e-backup-restored-1024.png');
      expect(fresh.pageErrors).toEqual([]);
    } catch (e) {
      await screenshot(fresh.page, 'e2e-failed-backup-wizard.png');
      throw e;
    } finally {
      await fresh.close();
    }
  });
});
