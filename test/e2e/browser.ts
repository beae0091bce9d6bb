/** Shared e2e plumbing: the browser-mode server on a fresh database and a headless Chromium pointed at it. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../backend/web/server';
import { tmpDir } from '../helpers/tmp';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test-artifacts');

export interface E2eApp {
  server: WebServer;
  browser: Browser;
  page: Page;
  /** Console errors and uncaught exceptions seen so far (CSP violations show up here). */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openApp(): Promise<E2eApp> {
  // globalSetup has just built the renderer; building again here would only slow the run down.
  const server = await startWebServer({ port: 0, dbPath: path.join(tmpDir('pbdb-e2e-'), 'data'), build: 'never', log: () => {} });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
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

export function visible(l: Locator, timeout = 10_000): Promise<void> {
  return l.first().waitFor({ state: 'visible', timeout });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file });
  return file;
}
