/**
 * Electron entry (built to out/main/main.js). Only wiring: real Electron objects and built file locations go
 * into runShell, where the behaviour lives and is tested.
 */
import { loadOrCreateDataKey } from './dataKey';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { WorkerBackend } from '../backend/host/workerBackend';
import { runShell } from './shell';

// Honoured only in development: a packaged app must never be pointed at another page by an environment variable.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

if (process.platform === 'win32') app.setAppUserModelId('cn.postal.dbm');

void runShell({
  app,
  ipcMain,
  dialog,
  shell,
  defaultSession: () => session.defaultSession,
  setMenu: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)),
  // The app's only `new BrowserWindow`: the critical flags are forced here too, so no caller can drop them
  // and static checkers (electronegativity) can see them at the construction site.
  createWindow: (options) =>
    new BrowserWindow({
      ...options,
      webPreferences: { ...options.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false },
    }),
  // electron-vite builds backend/host/dbWorker.ts to out/main/dbWorker.js, beside this file.
  startBackend: (options) => WorkerBackend.start(new URL('./dbWorker.js', import.meta.url), options),
  dataKey: (dir) => loadOrCreateDataKey(dir, safeStorage),
  paths: {
    preload: fileURLToPath(new URL('../preload/preload.cjs', import.meta.url)),
    indexHtml: fileURLToPath(new URL('../renderer/index.html', import.meta.url)),
  },
  devServerUrl,
}).catch((err: unknown) => {
  dialog.showErrorBox('程序启动失败', String(err));
  app.exit(1);
});
