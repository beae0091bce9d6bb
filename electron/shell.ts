/**
 * The main process's whole life: single-instance lock, security, backend start, IPC, window, orderly quit.
 * Electron's objects come in as parameters so this runs under vitest with fakes; main.ts only wires them.
 *
 * Order matters: security is installed before any webContents exists; the window opens only after the
 * database has opened, so a damaged database is reported instead of showing an empty one.
 */
import path from 'node:path';
import type { App, BrowserWindow, BrowserWindowConstructorOptions, Dialog, MenuItemConstructorOptions, Shell } from 'electron';
import type { BackendOptions } from '../backend/host/backend';
import type { BackendPort } from '../backend/host/types';
import { AppError } from '../shared/errors';
import { log } from '../shared/log';
import { SenderTokens } from './senderTokens';
import type { DataKey } from './dataKey';
import { registerIpc, type IpcMainLike } from './ipc';
import { registerPickers } from './pickers';
import { buildMenuTemplate } from './menu';
import { installQuitGuard } from './quitGuard';
import { contentSecurityPolicy, hardenSession, installWebContentsSecurity, secureWebPreferences } from './security';
import { createTrustPolicy } from './trust';

export const WINDOW_TITLE = '邮政数据库营销';

export type WindowLike = Pick<BrowserWindow, 'once' | 'show' | 'loadURL' | 'loadFile' | 'isMinimized' | 'restore' | 'focus'>;

export interface ShellEnv {
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on' | 'whenReady' | 'getPath' | 'getVersion' | 'enableSandbox'>;
  ipcMain: IpcMainLike;
  dialog: Pick<Dialog, 'showErrorBox' | 'showMessageBox' | 'showOpenDialog'>;
  shell: Pick<Shell, 'openExternal'>;
  /** session.defaultSession, which exists only once the app is ready. */
  defaultSession(): Parameters<typeof hardenSession>[0];
  setMenu(template: MenuItemConstructorOptions[]): void;
  createWindow(options: BrowserWindowConstructorOptions): WindowLike;
  startBackend(options: BackendOptions): Promise<BackendPort>;
  /** The database key, protected by the OS key store (see dataKey.ts). */
  dataKey(userDataDir: string): DataKey;
  paths: { preload: string; indexHtml: string };
  /** Dev server URL; main.ts passes it only when the app is not packaged. */
  devServerUrl?: string | undefined;
  warn?: (message: string) => void;
}

export interface ShellState {
  backend?: BackendPort;
  window?: WindowLike;
  channels: string[];
  dataDir?: string;
}

export function startupErrorText(err: unknown, dataDir: string): string {
  const reason = err instanceof AppError ? err.message : `无法启动数据库：${err instanceof Error ? err.message : String(err)}`;
  return `${reason}\n\n数据目录：${dataDir}\n程序将退出。请勿删除该目录中的文件，并联系管理员处理。`;
}

/** Resolves once startup has finished or been abandoned (second instance, backend failure). */
export async function runShell(env: ShellEnv): Promise<ShellState> {
  const { app } = env;
  const state: ShellState = { channels: [] };
  // Two processes on one data directory would each replay and append the same change log.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return state;
  }
  app.enableSandbox();
  app.on('second-instance', () => {
    const win = state.window;
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());

  const trust = createTrustPolicy({ indexHtmlPath: env.paths.indexHtml, devServerUrl: env.devServerUrl });
  installWebContentsSecurity(app, {
    isTrustedUrl: trust.isTrustedUrl,
    openExternal: (url) => env.shell.openExternal(url),
    ...(env.warn ? { warn: env.warn } : {}),
  });

  await app.whenReady();
  hardenSession(env.defaultSession(), contentSecurityPolicy(env.devServerUrl));

  const dataDir = path.join(app.getPath('userData'), 'data');
  state.dataDir = dataDir;
  let backend: BackendPort;
  try {
    const { key, protectedBy } = env.dataKey(app.getPath('userData'));
    if (protectedBy === 'file') env.warn?.('safeStorage unavailable: database key kept in a user-only file');
    backend = await env.startBackend({ dir: dataDir, create: true, version: app.getVersion(), key });
  } catch (err) {
    env.dialog.showErrorBox('无法打开数据库', startupErrorText(err, dataDir));
    app.quit();
    return state;
  }
  state.backend = backend;
  installQuitGuard(app, () => backend.close(), env.warn ? { warn: env.warn } : {});
  state.channels = registerIpc(env.ipcMain, backend, {
    isTrustedSender: trust.isTrustedFrame,
    tokens: new SenderTokens(),
    ...(env.warn ? { warn: env.warn } : {}),
  });
  state.channels.push(
    ...registerPickers(env.ipcMain, {
      showOpenDialog: (options) => env.dialog.showOpenDialog(options),
      isTrustedSender: trust.isTrustedFrame,
      ...(env.warn ? { warn: env.warn } : {}),
    }),
  );

  env.setMenu(
    buildMenuTemplate({
      isDev: env.devServerUrl !== undefined,
      showAbout: () => {
        void env.dialog.showMessageBox({
          type: 'info',
          title: '关于',
          message: WINDOW_TITLE,
          detail: `版本 ${app.getVersion()}\n数据目录：${dataDir}`,
        });
      },
    }),
  );

  const win = env.createWindow({
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    webPreferences: secureWebPreferences(env.paths.preload),
  });
  state.window = win;
  win.once('ready-to-show', () => win.show());
  const loading = env.devServerUrl ? win.loadURL(env.devServerUrl) : win.loadFile(env.paths.indexHtml);
  loading.catch((e: unknown) => (env.warn ?? log.warn)(`页面加载失败：${String(e)}`));
  return state;
}
