/**
 * Once before the e2e tests: make sure the browser exists, then build the renderer the web server will serve
 * (and the 市局 console the hub serves), so every test file sees the current UI and none of them pays for a build.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureDivisions } from '../../scripts/build-divisions';
import { ensureConsole } from '../../server/console/build';

export const CHROMIUM = '/usr/bin/chromium';

export default async function setup(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`e2e tests need Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium fonts-noto-cjk`);
  }
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
