/**
 * The two things only the main process can do for the 数据备份 screens: the operating system's dialogs to
 * choose a backup folder and a backup file. Each is one channel with the same sender check as the contract's,
 * takes no input and returns only the chosen path (the backend then checks it like any path a person typed).
 */
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import type { Envelope } from '../shared/errors';
import { log } from '../shared/log';
import type { PostalShell } from '../shared/preloadApi';
import type { IpcMainLike, SenderFrame } from './ipc';
import type { IpcRendererLike } from './preloadApi';

export const PICK_FOLDER_CHANNEL = 'shell:pick-backup-folder';
export const PICK_FILE_CHANNEL = 'shell:pick-backup-file';

export interface PickerOptions {
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  isTrustedSender(frame: SenderFrame | null): boolean;
  warn?: (message: string) => void;
}

const FOLDER: OpenDialogOptions = {
  title: '选择备份位置（U 盘、另一块硬盘或共享文件夹）',
  buttonLabel: '备份到这里',
  properties: ['openDirectory', 'createDirectory'],
};
const FILE: OpenDialogOptions = {
  title: '选择备份文件',
  buttonLabel: '打开',
  properties: ['openFile'],
  filters: [{ name: '数据备份（.pbbak）', extensions: ['pbbak'] }],
};

export function registerPickers(ipcMain: IpcMainLike, opts: PickerOptions): string[] {
  const warn = opts.warn ?? ((m: string) => log.warn(m));
  const handler =
    (channel: string, dialog: OpenDialogOptions) =>
    async (event: { senderFrame: SenderFrame | null }): Promise<Envelope<string | null>> => {
      if (!opts.isTrustedSender(event.senderFrame)) {
        warn(`refused ${channel} from ${event.senderFrame?.url ?? '(no frame)'}`);
        return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } };
      }
      try {
        const r = await opts.showOpenDialog(dialog);
        return { ok: true, value: r.canceled ? null : (r.filePaths[0] ?? null) };
      } catch (e) {
        return { ok: false, error: { code: 'INTERNAL', message: `无法打开选择窗口：${e instanceof Error ? e.message : String(e)}` } };
      }
    };
  ipcMain.handle(PICK_FOLDER_CHANNEL, handler(PICK_FOLDER_CHANNEL, FOLDER));
  ipcMain.handle(PICK_FILE_CHANNEL, handler(PICK_FILE_CHANNEL, FILE));
  return [PICK_FOLDER_CHANNEL, PICK_FILE_CHANNEL];
}

/** What the preload exposes as window.postalShell: two fixed methods, no channel of the caller's choosing. */
export function buildShellApi(ipcRenderer: IpcRendererLike): PostalShell {
  return Object.freeze({
    pickBackupFolder: () => ipcRenderer.invoke(PICK_FOLDER_CHANNEL) as Promise<Envelope<string | null>>,
    pickBackupFile: () => ipcRenderer.invoke(PICK_FILE_CHANNEL) as Promise<Envelope<string | null>>,
  });
}
