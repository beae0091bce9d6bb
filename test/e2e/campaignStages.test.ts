/**
 * Issue 20, point 9: after 自动均衡派工 the 按村派工 table says who walks each village (the picker shows the carrier,
 * it is not left empty beside 已派完), and the campaign's stage follows the work — 确定目标客户 → 营销策划, 派工 →
 * 营销执行 — recorded in its stage history like a move by hand, never backwards.
 */
import crypto from 'node:crypto';
import dayjs from 'dayjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, E2E_ADMIN, openApp, screenshot, visible, type E2eApp } from './browser';
import { CARRIERS, seedCampaignData, VILLAGES } from './campaignData';

const settle = (page: E2eApp['page']) => page.waitForTimeout(400);

describe('dispatch shows the carriers, and the stage moves with the work', () => {
  let app: E2eApp;
  let id: string;

  beforeAll(async () => {
    app = await openApp();
    await seedCampaignData(app);
    const c = (await api(app, 'campaigns.create', {
      name: '冬季报刊上门征订',
      products: ['报刊'],
      channels: ['door'],
      startDate: dayjs().format('YYYY-MM-DD'),
    })) as { id: string };
    id = c.id;
    await api(app, 'campaigns.moveStage', { id, stage: 'analysis' });
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && app) await screenshot(app.page, `e2e-failed-${ctx.task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-')}.png`);
  });

  const stageTag = () => app.page.locator('.ant-card-head-title').first();

  it('moves to 营销策划 when the targets are fixed', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/#/campaigns/${id}/select`);
    await visible(stageTag().getByText('数据分析'));
    await expect.poll(() => page.getByTestId('segment-selectable').textContent()).toContain('60');
    await page.getByTestId('freeze-button').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定', exact: true }).click();
    await visible(page.getByText('已确定目标客户 60 户'));
    await visible(stageTag().getByText('营销策划'));
  });

  it('shows who got which village after 自动均衡派工, and moves to 营销执行', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: '派工' }).click();
    await page.getByTestId('auto-carriers').click();
    for (const c of CARRIERS) {
      await page.keyboard.type(c.displayName);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '自动均衡派工' }).click();
    await visible(page.getByText('已派工 60 户'));
    const table = page.getByTestId('dispatch-villages');
    const names: string[] = CARRIERS.map((c) => c.displayName);
    const shown: string[] = [];
    for (const v of VILLAGES) {
      const row = table.locator('tr', { hasText: v });
      await visible(row.getByText('已派完'));
      // The picker holds the carrier the village went to, not an empty 选择投递员.
      const picker = row.getByTestId('village-carriers');
      await expect.poll(() => picker.textContent()).toMatch(new RegExp(names.join('|')));
      const text = (await picker.textContent()) ?? '';
      expect(text).not.toContain('选择投递员');
      shown.push(names.find((n) => text.includes(n))!);
    }
    // Both carriers got villages (balanced by count, villages kept whole).
    expect(new Set(shown).size).toBe(2);
    await visible(stageTag().getByText('营销执行'));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-i20-dispatch-carriers-1366.png');
    await page.setViewportSize({ width: 1024, height: 768 });
    await settle(page);
    await screenshot(page, 'e2e-i20-dispatch-carriers-1024.png');
    await page.setViewportSize({ width: 1366, height: 800 });

    // By hand, a whole village to the other carrier: the picker follows.
    const first = table.locator('tr', { hasText: VILLAGES[0] });
    const other = names.find((n) => n !== shown[0])!;
    await first.getByRole('combobox').click();
    await page.locator('.ant-select-dropdown:visible').getByText(other, { exact: true }).click();
    await visible(page.getByText('已派工 20 户'));
    await expect.poll(() => first.getByTestId('village-carriers').textContent()).toContain(other);
  });

  it('keeps the history: who moved it into each stage, and a later outcome never takes it back', async () => {
    const { page, server } = app;
    const targets = (await api(app, 'visits.targets', { campaignId: id })) as { targetId: string }[];
    await api(app, 'visits.record', { id: crypto.randomUUID(), targetId: targets[0]!.targetId, outcome: 'success', turnover: 10_000, revenue: 2_000 });
    await page.goto(`${server.url}/#/campaigns/${id}/overview`);
    const steps = page.getByTestId('stage-steps');
    await visible(steps.locator('.ant-steps-item-process', { hasText: '营销执行' }));
    // 营销策划 and 营销执行 were reached by the work and carry who did it, as a move by hand does.
    for (const stage of ['营销策划', '营销执行']) await visible(steps.locator('.ant-steps-item', { hasText: stage }).getByText(E2E_ADMIN.displayName));
    await page.mouse.move(0, 0);
    await settle(page);
    await screenshot(page, 'e2e-i20-campaign-stage-auto.png');
  });

  it('logged no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
