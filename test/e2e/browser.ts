/** Shared e2e plumbing: the browser-mode server on a fresh database and a headless Chromium pointed at it. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../backend/web/server';
import { tmpDir } from '../helpers/tmp';
import { findBrowser } from './findBrowser';

export const ARTIFACTS = path.resolve('test-artifacts');

export interface E2eApp {
  server: WebServer;
  browser: Browser;
  page: Page;
  /** Console errors and uncaught exceptions seen so far (CSP violations show up here). */
  pageErrors: string[];
  close(): Promise<void>;
}

/** The administrator every e2e database gets (created on first start, or logged in if it exists). */
export const E2E_ADMIN = { login: 'admin', displayName: '测试管理员', password: 'Test-pass-2026' };

export interface OpenOptions {
  /** An existing (e.g. pre-seeded) data folder; a fresh one by default. */
  dbPath?: string;
  /** Leave the browser logged out (to test the log-in and first-start screens themselves). */
  loggedOut?: boolean;
}

export async function openApp(opts: OpenOptions = {}): Promise<E2eApp> {
  // globalSetup has just built the renderer; building again here would only slow the run down.
  const server = await startWebServer({ port: 0, dbPath: opts.dbPath ?? path.join(tmpDir('pbdb-e2e-'), 'data'), build: 'never', log: () => {} });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
  if (!opts.loggedOut) {
    await logInAsAdmin(page, server.url);
    await skipBranchSetup(page, server.url);
  }
  const pageErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return {
    server,
    browser,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Headless Chromium as findBrowser found it. As root and in containers it needs --no-sandbox; the network flags
 * keep it from calling out (this machine's network is closed and refused connections would only add noise).
 */
export async function launchBrowser(): Promise<Browser> {
  const found = await findBrowser();
  return chromium.launch({
    executablePath: found.executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...found.args,
    ],
    env: { ...process.env, ...found.env },
  });
}

export function visible(l: Locator, timeout = 10_000): Promise<void> {
  return l.first().waitFor({ state: 'visible', timeout });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Signs the browser in through the same endpoints the log-in screen uses; the session cookie lands in the
 * browser context, so the page that loads next is signed in.
 */
export async function logInAsAdmin(page: Page, url: string): Promise<void> {
  const setup = await page.request.post(`${url}/api/auth.setupAdmin`, { data: E2E_ADMIN });
  const first = (await setup.json()) as { ok: boolean };
  if (first.ok) return;
  const res = await page.request.post(`${url}/api/auth.login`, { data: { login: E2E_ADMIN.login, password: E2E_ADMIN.password } });
  const body = (await res.json()) as { ok: boolean; error?: { message: string } };
  if (!body.ok) throw new Error(`e2e log-in failed: ${body.error?.message ?? res.status()}`);
}

/**
 * A signed-in administrator on a branch that was never set up sees the first-start wizard's second step; tests
 * of the frame itself skip it by naming the branch (the backend's default name, so screens read as before).
 */
export async function skipBranchSetup(page: Page, url: string): Promise<void> {
  const status = (await (await page.request.post(`${url}/api/setup.status`, { data: {} })).json()) as { ok: boolean; value?: { configured: boolean } };
  if (!status.ok || status.value?.configured) return;
  const res = await page.request.post(`${url}/api/settings.update`, { data: { branchName: '未命名网点' } });
  const body = (await res.json()) as { ok: boolean; error?: { message: string } };
  if (!body.ok) throw new Error(`e2e branch set-up failed: ${body.error?.message ?? res.status()}`);
}

/** Calls the backend as the signed-in page would (same cookie), for setting up test data quickly. */
export async function api(app: Pick<E2eApp, 'page' | 'server'>, op: string, input: unknown): Promise<unknown> {
  const res = await app.page.request.post(`${app.server.url}/api/${op}`, { data: input });
  const env = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!env.ok) throw new Error(`${op}: ${env.error?.message ?? res.status()}`);
  return env.value;
}
