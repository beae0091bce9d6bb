/**
 * A list longer than one page: the total is right at once and further pages arrive as the virtual table
 * scrolls, with no row twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, openApp, visible, type E2eApp } from './browser';

const COUNT = 1_150; // more than two pages of 500

describe('long customer lists', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await openApp();
    for (let i = 0; i < COUNT; i++) {
      await api(app, 'customers.create', { name: `客户${String(i).padStart(4, '0')}`, phone: `139${String(i).padStart(8, '0')}` });
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('loads further pages while scrolling', async () => {
    const { page, server } = app;
    const offsets: number[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/customers.list')) offsets.push((JSON.parse(r.postData() ?? '{}') as { offset: number }).offset);
    });
    await page.goto(`${server.url}/#/customers`);
    await visible(page.getByTestId('customer-total').getByText(`共 ${COUNT} 户`));
    const body = page.getByTestId('customer-table').locator('.ant-table-tbody-virtual-holder');
    await visible(body);
    const box = (await body.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // Newest first, so 客户0000 is the last row of all; keep scrolling until it is on screen.
    for (let i = 0; i < 60 && !(await page.getByText('客户0000', { exact: true }).isVisible()); i++) {
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(100);
    }
    await visible(page.getByText('客户0000', { exact: true }));
    expect(offsets).toEqual(expect.arrayContaining([0, 500, 1000]));
    expect(app.pageErrors).toEqual([]);
  });
});
