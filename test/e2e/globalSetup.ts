/**
 * Once before the e2e tests: make sure the browser exists, then build the renderer the web server will serve,
 * so every test file sees the current UI and none of them pays for a build.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';

export default async function setup(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`e2e tests need Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium fonts-noto-cjk`);
  }
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
