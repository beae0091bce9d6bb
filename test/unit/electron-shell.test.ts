import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../electron/menu';
import { installQuitGuard } from '../../electron/quitGuard';
import { runShell, type ShellEnv, type WindowLike } from '../../electron/shell';
import { ipcChannel, OP_NAMES } from '../../shared/contract';
import { PICK_FILE_CHANNEL, PICK_FOLDER_CHANNEL } from '../../electron/pickers';
import { AppError } from '../../shared/errors';
import { FakeEmitter, fakeBackend, fakeEvent, fakeIpcMain } from './electron-fakes';

const PATHS = { preload: '/app/out/preload/preload.cjs', indexHtml: '/app/out/renderer/index.html' };

class FakeApp extends FakeEmitter {
  requestSingleInstanceLock = vi.fn(() => true);
  quit = vi.fn();
  enableSandbox = vi.fn();
  whenReady = vi.fn(async () => {});
  getPath = vi.fn((_name: string) => '/home/u/.config/邮政数据库营销');
  getVersion = vi.fn(() => '0.1.0');
}

class FakeWindow extends FakeEmitter {
  show = vi.fn();
  loadURL = vi.fn(async () => {});
  loadFile = vi.fn(async () => {});
  isMinimized = vi.fn(() => true);
  restore = vi.fn();
  focus = vi.fn();
}

const TEST_KEY = Buffer.alloc(32, 7);

function makeEnv(overrides: Partial<ShellEnv> = {}) {
  const app = new FakeApp();
  const ipc = fakeIpcMain();
  const be = fakeBackend();
  const windows: { options: BrowserWindowConstructorOptions; win: FakeWindow }[] = [];
  const order: string[] = [];
  const session = {
    setPermissionRequestHandler: vi.fn(() => order.push('session')),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };
  const dialog = { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })) };
  const menus: MenuItemConstructorOptions[][] = [];
  const startBackend = vi.fn(async () => {
    order.push('backend');
    return be.backend;
  });
  const env: ShellEnv = {
    app: app as never,
    ipcMain: ipc.ipcMain,
    dialog: dialog as never,
    shell: { openExternal: vi.fn(async () => {}) },
    defaultSession: () => session as never,
    setMenu: (t) => menus.push(t),
    createWindow: (options) => {
      order.push('window');
      const win = new FakeWindow();
      windows.push({ options, win });
      return win as unknown as WindowLike;
    },
    startBackend,
    dataKey: () => ({ key: TEST_KEY, protectedBy: 'safeStorage' }),
    paths: PATHS,
    warn: vi.fn(),
    ...overrides,
  };
  return { env, app, ipc, be, windows, session, dialog, menus, startBackend, order };
}

describe('runShell', () => {
  it('opens the database, registers IPC, then shows one locked-down window', async () => {
    const t = makeEnv();
    const state = await runShell(t.env);
    expect(t.app.enableSandbox).toHaveBeenCalled();
    expect(t.app.count('web-contents-created')).toBe(1);
    expect(t.order).toEqual(['session', 'backend', 'window']);
    const dir = path.join('/home/u/.config/邮政数据库营销', 'data');
    expect(t.startBackend).toHaveBeenCalledWith({ dir, create: true, version: '0.1.0', key: TEST_KEY });
    expect(state.channels.sort()).toEqual([...OP_NAMES.map(ipcChannel), PICK_FOLDER_CHANNEL, PICK_FILE_CHANNEL].sort());
    expect(t.windows).toHaveLength(1);
    const { options, win } = t.windows[0]!;
    expect(options).toMatchObject({ title: '邮政数据库营销', width: 1280, height: 800, show: false });
    expect(options.webPreferences).toMatchObject({ preload: PATHS.preload, sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win.loadFile).toHaveBeenCalledWith(PATHS.indexHtml);
    expect(win.loadURL).not.toHaveBeenCalled();
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
    expect(t.menus).toHaveLength(1);
  });

  it('loads the dev server when given one', async () => {
    const t = makeEnv({ devServerUrl: 'http://localhost:5173' });
    await runShell(t.env);
    expect(t.windows[0]!.win.loadURL).toHaveBeenCalledWith('http://localhost:5173');
  });

  it('reports a damaged database in Chinese and quits without opening a window or IPC', async () => {
    const t = makeEnv({ startBackend: vi.fn(async () => Promise.reject(new AppError('DAMAGED', '数据库文件已损坏，且没有可用的备份'))) });
    const state = await runShell(t.env);
    expect(t.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, text] = t.dialog.showErrorBox.mock.calls[0] as unknown as [string, string];
    expect(title).toBe('无法打开数据库');
    expect(text).toContain('数据库文件已损坏');
    expect(text).toContain(path.join('/home/u/.config/邮政数据库营销', 'data'));
    expect(t.app.quit).toHaveBeenCalled();
    expect(t.windows).toHaveLength(0);
    expect(t.ipc.handle).not.toHaveBeenCalled();
    expect(state.backend).toBeUndefined();
  });

  it('a second instance quits at once and focuses the first one', async () => {
    const second = makeEnv();
    second.app.requestSingleInstanceLock.mockReturnValue(false);
    await runShell(second.env);
    expect(second.app.quit).toHaveBeenCalled();
    expect(second.startBackend).not.toHaveBeenCalled();
    expect(second.app.whenReady).not.toHaveBeenCalled();

    const first = makeEnv();
    await runShell(first.env);
    first.app.emit('second-instance');
    expect(first.windows[0]!.win.restore).toHaveBeenCalled();
    expect(first.windows[0]!.win.focus).toHaveBeenCalled();
  });

  it('closes the backend once on quit, then lets the quit through', async () => {
    const t = makeEnv();
    let finish!: () => void;
    t.be.close.mockImplementation(() => new Promise<void>((r) => (finish = r)));
    await runShell(t.env);
    const first = fakeEvent();
    t.app.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    const again = fakeEvent();
    t.app.emit('before-quit', again);
    expect(again.preventDefault).toHaveBeenCalled();
    expect(t.be.close).toHaveBeenCalledTimes(1);
    expect(t.app.quit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(t.app.quit).toHaveBeenCalledTimes(1));
    const last = fakeEvent();
    t.app.emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
    expect(t.be.close).toHaveBeenCalledTimes(1);
  });
});

describe('quit guard', () => {
  afterEach(() => vi.useRealTimers());

  it('quits anyway if the backend never finishes closing', async () => {
    vi.useFakeTimers();
    const app = new FakeEmitter() as FakeEmitter & { quit: ReturnType<typeof vi.fn> };
    app.quit = vi.fn();
    const warn = vi.fn();
    installQuitGuard(app as never, () => new Promise<void>(() => {}), { timeoutMs: 1000, warn });
    app.emit('before-quit', fakeEvent());
    await vi.advanceTimersByTimeAsync(999);
    expect(app.quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalled();
  });

  it('quits after a failed close too', async () => {
    const app = new FakeEmitter() as FakeEmitter & { quit: ReturnType<typeof vi.fn> };
    app.quit = vi.fn();
    installQuitGuard(app as never, () => Promise.reject(new Error('disk full')), { warn: vi.fn() });
    app.emit('before-quit', fakeEvent());
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
  });
});

describe('menu', () => {
  const labels = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [i.label ?? '', ...(Array.isArray(i.submenu) ? labels(i.submenu) : [])]).filter(Boolean);

  it('is Chinese and hides reload and developer tools outside development', () => {
    const prod = buildMenuTemplate({ isDev: false, showAbout: () => {} });
    expect(prod.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    for (const l of labels(prod)) expect(l).toMatch(/^[\u4e00-\u9fff]+$/);
    const roles = JSON.stringify(prod);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('"reload"');
    expect(JSON.stringify(buildMenuTemplate({ isDev: true, showAbout: () => {} }))).toContain('toggleDevTools');
  });
});
