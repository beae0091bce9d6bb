/**
 * Getting a backup file to the backend. In the desktop app the system dialogs give paths; in browser mode the
 * file is sent in 4 MB pieces (a whole backup would exceed the request limit and sit in memory as base64).
 */
import { UPLOAD_CHUNK_BYTES } from '../../../../shared/contract/backup';
import type { RestoreSource } from '../../../../shared/backup';
import { AppError, type Envelope } from '../../../../shared/errors';
import { api } from '../../api';
import { fileToBase64 } from '../../lib/download';

type Picker = () => Promise<Envelope<string | null>>;

function shell(): { folder: Picker; file: Picker } | null {
  const s = typeof window === 'undefined' ? undefined : window.postalShell;
  return s ? { folder: () => s.pickBackupFolder(), file: () => s.pickBackupFile() } : null;
}

/** The desktop app can show the system's folder and file dialogs; browser mode cannot. */
export const hasSystemDialogs = (): boolean => shell() !== null;

async function pick(which: 'folder' | 'file'): Promise<string | null> {
  const s = shell();
  if (!s) return null;
  const env = await s[which]();
  if (!env.ok) throw AppError.fromPayload(env.error);
  return env.value;
}

export const pickBackupFolder = () => pick('folder');
export const pickBackupFile = () => pick('file');

export function checkBackupFile(file: { name: string; size: number }): string | null {
  if (!/\.pbbak$/i.test(file.name)) return `“${file.name}”不是备份文件：请选择以 .pbbak 结尾的文件（备份_网点_日期.pbbak）`;
  if (file.size === 0) return `文件“${file.name}”是空的`;
  return null;
}

/** Sends the file piece by piece; `onProgress` gets the bytes sent. Stops when `live()` turns false. */
export async function uploadBackup(
  file: Blob,
  onProgress: (sent: number, total: number) => void,
  live: () => boolean = () => true,
): Promise<RestoreSource | null> {
  let uploadId: string | null = null;
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    if (!live()) return null;
    const piece = file.slice(offset, Math.min(file.size, offset + UPLOAD_CHUNK_BYTES));
    const r = await api['backup.upload']({ uploadId, offset, dataBase64: await fileToBase64(piece) });
    uploadId = r.uploadId;
    onProgress(r.bytes, file.size);
  }
  return uploadId ? { uploadId } : null;
}
