/**
 * The console is a Vite build (console/ → out/console). `npm run hub` builds it when it is missing or older than
 * its sources, so a fresh clone works after `npm install`; an installed copy without sources serves what it has.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CONSOLE_DIR = path.join(ROOT, 'out', 'console');
const CONFIG = path.join(ROOT, 'console', 'vite.config.ts');
const SOURCES = [path.join(ROOT, 'console'), path.join(ROOT, 'shared')];

function newest(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const name of fs.readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) m = Math.max(m, newest(path.join(p, name)));
  return m;
}

/** Why the console must be built now, or null when out/console is current (or there is nothing to build it from). */
export function consoleBuildReason(dir = CONSOLE_DIR): string | null {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(CONFIG)) return null;
  if (!fs.existsSync(index)) return '市局控制台尚未构建';
  return SOURCES.some((s) => newest(s) > fs.statSync(index).mtimeMs) ? '市局控制台源代码有改动' : null;
}

export async function buildConsole(log: (line: string) => void = () => undefined): Promise<void> {
  log('正在构建市局控制台（vite build）…');
  const vite = await import('vite');
  // React's production build even when a test runner has set NODE_ENV=test.
  const previous = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await vite.build({ configFile: CONFIG, logLevel: 'warn', mode: 'production' });
  } finally {
    if (previous === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = previous;
  }
}

export async function ensureConsole(log: (line: string) => void = () => undefined): Promise<void> {
  const reason = consoleBuildReason();
  if (!reason) return;
  log(reason);
  try {
    await buildConsole(log);
  } catch (e) {
    throw new Error(`市局控制台构建失败，请运行 npm run build:console 查看详情：${e instanceof Error ? e.message : String(e)}`);
  }
}
