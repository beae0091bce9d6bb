/**
 * Makes sure out/renderer holds a build of the current renderer sources before browser mode serves it, so a
 * developer never looks at a stale UI after editing renderer/ or shared/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_RENDERER_DIR = path.join(REPO_ROOT, 'out', 'renderer');
const VITE_CONFIG = path.join(REPO_ROOT, 'renderer', 'vite.config.ts');
const SOURCES = [path.join(REPO_ROOT, 'renderer'), path.join(REPO_ROOT, 'shared')];

export type BuildPolicy = 'auto' | 'always' | 'never';

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, name)));
  }
  return newest;
}

/** Why a build is needed, or null when the existing one is current. */
export function buildReason(dir: string): string | null {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return '尚未构建界面 / renderer not built yet';
  if (!fs.existsSync(VITE_CONFIG)) return null; // no sources next to this build (installed copy): serve as is
  const built = fs.statSync(index).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built) ? '界面源代码有改动 / renderer sources changed' : null;
}

export async function buildRenderer(log: (line: string) => void): Promise<void> {
  log('正在构建界面（vite build）… / building the renderer…');
  const vite = await import('vite');
  await vite.build({ configFile: VITE_CONFIG, logLevel: 'warn' });
}

export async function ensureRenderer(dir: string, policy: BuildPolicy, log: (line: string) => void): Promise<void> {
  const isDefault = path.resolve(dir) === path.resolve(DEFAULT_RENDERER_DIR);
  const reason = policy === 'always' ? '按要求重新构建 / rebuild requested' : policy === 'auto' ? buildReason(dir) : null;
  if (reason && isDefault) {
    log(reason);
    try {
      await buildRenderer(log);
    } catch (e) {
      throw new Error(
        `界面构建失败，请运行 npm run build:renderer 查看详情 / renderer build failed, run \`npm run build:renderer\`: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`找不到界面文件 ${path.join(dir, 'index.html')}，请先运行 npm run build:renderer / renderer build missing, run \`npm run build:renderer\``);
  }
}
