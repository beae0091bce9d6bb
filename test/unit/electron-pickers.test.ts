import { describe, expect, it, vi } from 'vitest';
import { buildShellApi, PICK_FILE_CHANNEL, PICK_FOLDER_CHANNEL, registerPickers } from '../../electron/pickers';
import { createTrustPolicy } from '../../electron/trust';
import { ipcChannel, OP_NAMES } from '../../shared/contract';
import { fakeIpcMain } from './electron-fakes';

const INDEX = '/opt/postal/resources/app.asar/out/renderer/index.html';
const TRUSTED = 'file://' + INDEX;

function setup(result: { canceled: boolean; filePaths: string[] } | Error = { canceled: false, filePaths: ['E:\\数据备份'] }) {
  const ipc = fakeIpcMain();
  const showOpenDialog = vi.fn(async () => {
    if (result instanceof Error) throw result;
    return result;
  });
  const warn = vi.fn();
  const trust = createTrustPolicy({ indexHtmlPath: INDEX, platform: 'linux' });
  const channels = registerPickers(ipc.ipcMain, { showOpenDialog, isTrustedSender: trust.isTrustedFrame, warn });
  return { ...ipc, showOpenDialog, warn, channels };
}

describe('backup folder and file pickers', () => {
  it('registers two channels of their own, apart from the contract', () => {
    const { channels, handlers } = setup();
    expect(channels).toEqual([PICK_FOLDER_CHANNEL, PICK_FILE_CHANNEL]);
    expect([...handlers.keys()]).toEqual(channels);
    for (const c of channels) expect(OP_NAMES.map(ipcChannel)).not.toContain(c);
  });

  it('answers a trusted page with the chosen folder, asking the system for a folder', async () => {
    const { invoke, showOpenDialog } = setup();
    expect(await invoke(PICK_FOLDER_CHANNEL, TRUSTED)).toEqual({ ok: true, value: 'E:\\数据备份' });
    expect(showOpenDialog.mock.calls[0]).toEqual([expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] })]);
  });

  it('asks for a .pbbak file', async () => {
    const { invoke, showOpenDialog } = setup({ canceled: false, filePaths: ['/media/u/备份_网点_20260101-0900.pbbak'] });
    expect(await invoke(PICK_FILE_CHANNEL, TRUSTED)).toEqual({ ok: true, value: '/media/u/备份_网点_20260101-0900.pbbak' });
    expect(showOpenDialog.mock.calls[0]).toEqual([
      expect.objectContaining({ properties: ['openFile'], filters: [{ name: '数据备份（.pbbak）', extensions: ['pbbak'] }] }),
    ]);
  });

  it('a cancelled dialog is null, a failing one an error envelope (never a throw across IPC)', async () => {
    expect(await setup({ canceled: true, filePaths: [] }).invoke(PICK_FOLDER_CHANNEL, TRUSTED)).toEqual({ ok: true, value: null });
    expect(await setup(new Error('no display')).invoke(PICK_FOLDER_CHANNEL, TRUSTED)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses a foreign page without showing any dialog', async () => {
    const { invoke, showOpenDialog, warn } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', null]) {
      expect(await invoke(PICK_FILE_CHANNEL, url)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(showOpenDialog).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('the renderer side invokes only the two fixed channels and passes nothing the page chose', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }));
    const api = buildShellApi({ invoke });
    expect(Object.isFrozen(api)).toBe(true);
    await (api.pickBackupFolder as (x?: unknown) => Promise<unknown>)('file:///etc');
    await api.pickBackupFile();
    expect(invoke.mock.calls).toEqual([[PICK_FOLDER_CHANNEL], [PICK_FILE_CHANNEL]]);
  });
});
