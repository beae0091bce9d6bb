/**
 * What the user sees, in headless Chromium against the browser-mode server (the same worker backend as the app):
 * log-in to the customer table, customer search results after the last keystroke, and the campaign's live
 * target count after a filter change. Times run from the input event in the page to the DOM showing the answer
 * plus one animation frame (the paint), so the network hop, debounce, backend and React's render all count.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Backend, type Session } from '../backend/host/backend';
import { seedBranch } from '../backend/seed/generate';
import { Rng } from '../backend/seed/random';
import { startWebServer } from '../backend/web/server';
import { GRADE_LABELS, type Grade } from '../shared/grading';
import { launchBrowser } from '../test/e2e/browser';
import { percentile } from './stats';

const ADMIN = { login: 'admin', displayName: '基准管理员', password: 'Bench-pass-2026' };
const SYSTEM: Session = { actor: 'bench', role: 'admin' };

async function call<T>(b: Backend, op: string, input: unknown): Promise<T> {
  const env = await b.call(op, input, SYSTEM);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.value as T;
}

interface Seeded {
  dir: string;
  campaignId: string;
  queries: { q: string; total: number }[];
}

async function seed(customers: number): Promise<Seeded> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-ui-${customers}-`));
  const b = await Backend.open({ dir, create: true, snapshotDelayMs: 3_600_000 });
  b.db.write('seed', (w) => seedBranch(w, { villages: Math.max(1, Math.round(customers / 250)), customers, seed: 7, now: new Date(), actor: 'bench' }));
  await call(b, 'auth.setupAdmin', ADMIN);
  await call(b, 'settings.update', { branchName: '基准网点' });
  const campaign = await call<{ id: string }>(b, 'campaigns.create', { name: '基准活动', channels: ['door'] });
  // What a clerk types: a name, a name's first character, part of a mobile number, a customer code prefix.
  const rng = new Rng(11);
  const rows = b.db.read((r) => r.all<{ name: string; phone: string | null; code: string | null }>('SELECT name, phone, code FROM customers LIMIT 3000'));
  const picks: string[] = [];
  for (let i = 0; i < 16; i++) {
    const s = rng.pick(rows);
    const kind = i % 4;
    const q = kind === 0 ? s.name : kind === 1 ? s.name.slice(0, 2) : kind === 2 ? (s.phone ?? '1380').slice(3, 8) : (s.code ?? s.name).slice(0, 6);
    picks.push(q);
  }
  const queries: Seeded['queries'] = [];
  for (const q of picks) queries.push({ q, total: (await call<{ total: number }>(b, 'customers.list', { query: q, limit: 1 })).total });
  await b.close();
  return { dir, campaignId: campaign.id, queries };
}

/** Installs the timers in the page: when the user last pressed a key or a mouse button, or text arrived (Chinese comes through the IME as input events without a key). */
const INSTRUMENT = `
  window.__lastInput = 0;
  for (const t of ['keydown', 'input', 'pointerdown']) addEventListener(t, (e) => { window.__lastInput = e.timeStamp; }, true);
`;

/** Milliseconds from the last input event until `pred` holds in the DOM and a frame has been drawn after it. */
async function untilShown(page: Page, act: () => Promise<void>, pred: string, timeoutMs = 30_000): Promise<number> {
  // A string, not a function: tsx's name-keeping helpers do not exist inside the page.
  const waiting = page.evaluate(`new Promise((resolve, reject) => {
    const test = () => (${pred});
    const timer = setTimeout(() => { obs.disconnect(); reject(new Error('not shown within ${timeoutMs} ms')); }, ${timeoutMs});
    const check = () => {
      if (!test()) return;
      obs.disconnect();
      clearTimeout(timer);
      const shownAt = performance.now();
      requestAnimationFrame(() => resolve(shownAt - window.__lastInput));
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  })`) as Promise<number>;
  await act();
  return waiting;
}

const digitsOf = (sel: string) => `(document.querySelector('${sel}')?.textContent ?? '').replace(/[^0-9]/g, '')`;

export async function uiBench(customers: number): Promise<Record<string, number>> {
  const seeded = await seed(customers);
  const server = await startWebServer({ port: 0, dbPath: seeded.dir, log: () => {} });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    await page.addInitScript(INSTRUMENT);
    await page.goto(server.url);
    await page.getByLabel('登录名').fill(ADMIN.login);
    await page.getByLabel('密码').fill(ADMIN.password);
    const loginMs = await untilShown(
      page,
      () => page.getByLabel('密码').press('Enter'),
      `document.querySelectorAll('.ant-table-row').length > 0 && /共 \\d+ 户/.test(document.querySelector('[data-testid=customer-total]')?.textContent ?? '')`,
    );
    const totalText = (await page.getByTestId('customer-total').textContent()) ?? '';
    const all = Number(totalText.replace(/[^0-9]/g, ''));

    const box = page.getByPlaceholder(/查找$/);
    const searchMs: number[] = [];
    for (const { q, total } of seeded.queries) {
      // Back to the whole list first, so every query starts from the same screen.
      if ((await box.inputValue()) !== '') await untilShown(page, () => box.fill(''), `${digitsOf('[data-testid=customer-total]')} === '${all}'`);
      await box.click();
      // A clerk's pace between keys; the clock runs from the last one.
      const typing = async () => {
        await page.keyboard.type(q, { delay: 90 });
      };
      const tq = await untilShown(
        page,
        typing,
        `${digitsOf('[data-testid=customer-total]')} === '${total}' && !document.querySelector('.ant-table .ant-spin-spinning')`,
      );
      searchMs.push(tq);
      if (process.env['BENCH_UI_TRACE']) console.log(q, total, tq.toFixed(0));
    }

    await page.goto(`${server.url}/#/campaigns/${seeded.campaignId}/select`);
    await page.getByTestId('segment-matched').waitFor();
    const countOf = async (filter: object) =>
      ((await (await page.request.post(`${server.url}/api/segments.count`, { data: { filter } })).json()) as { value: { matched: number } }).value.matched;
    await page.waitForFunction(`${digitsOf('[data-testid=segment-matched]')} === '${await countOf({})}'`);
    const countMs: number[] = [];
    const checked = new Set<Grade>();
    const order: Grade[] = [1, 2, 3, 1, 4, 2, 3, 4, 1, 2, 2, 1];
    for (const g of order) {
      if (checked.has(g)) checked.delete(g);
      else checked.add(g);
      const filter = checked.size ? { grades: [...checked] } : {};
      const expected = await countOf(filter);
      countMs.push(
        await untilShown(
          page,
          () => page.getByRole('checkbox', { name: GRADE_LABELS[g] }).click(),
          `${digitsOf('[data-testid=segment-matched]')} === '${expected}' && !document.querySelector('[data-testid=segment-count] .anticon-loading')`,
        ),
      );
    }
    return {
      customers,
      loginToTableMs: loginMs,
      searchMedianMs: percentile(searchMs, 50),
      searchP95Ms: percentile(searchMs, 95),
      searchMaxMs: Math.max(...searchMs),
      liveCountMedianMs: percentile(countMs, 50),
      liveCountP95Ms: percentile(countMs, 95),
      liveCountMaxMs: Math.max(...countMs),
    };
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(seeded.dir, { recursive: true, force: true });
  }
}
