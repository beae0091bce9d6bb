/**
 * Once before the e2e tests: find the browser (unpacking the npm registry's Chromium, if that is the one, before any
 * test file starts), then build the renderer the web server will serve (and the 市局 console the hub serves), so
 * every test file sees the current UI and none of them pays for a build.
 */
import { fileURLToPath } from 'node:url';
import { ensureDivisions } from '../../scripts/build-divisions';
import { ensureConsole } from '../../server/console/build';
import type { TestProject } from 'vitest/node';
import { providePostgres } from '../helpers/postgresProbe';
import { findBrowser } from './findBrowser';

export default async function setup(project: TestProject): Promise<void> {
  await providePostgres(project);
  // Throws, saying in order what it tried, when there is none.
  const browser = await findBrowser();
  // eslint-disable-next-line no-console -- test harness: which browser the e2e run uses, for reading a failure.
  console.log(`e2e browser: ${browser.executablePath} (${browser.source})`);
  // The set-up wizard reads the division list; a fresh clone builds it here if the unit tests have not.
  ensureDivisions();
  const { build } = await import('vite');
  // Test what ships: vitest sets NODE_ENV=test, which would give React's development build.
  const previous = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url)), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env['NODE_ENV'] = previous;
  }
  // The hub serves the 市局 console from out/console: built here when missing or older than its sources.
  await ensureConsole();
}
