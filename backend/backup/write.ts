/**
 * Writes a sealed backup at the destination: a temp file in the same folder, written part by part (the worker
 * serves other calls between parts), fsynced, renamed into place, folder fsynced. A reader of the folder sees
 * no file or the whole file; a full or pulled USB stick leaves the previous backups as they were.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { formatBytes } from '../../shared/backup';
import { fsyncDir } from '../util/fsx';

export interface SinkHandle {
  write(data: Buffer): Promise<number>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls the writer makes; tests put a full or read-only disk behind them. */
export interface BackupFs {
  stat(p: string): Promise<{ isDirectory(): boolean }>;
  /** Free bytes at p, or null where unknown. */
  free(p: string): Promise<number | null>;
  create(p: string): Promise<SinkHandle>;
  exists(p: string): Promise<boolean>;
  rename(from: string, to: string): Promise<void>;
  remove(p: string): Promise<void>;
  syncDir(p: string): void;
}

export const nodeBackupFs: BackupFs = {
  stat: (p) => fs.promises.stat(p),
  free: async (p) => {
    try {
      const s = await fs.promises.statfs(p);
      return Number(s.bavail) * Number(s.bsize);
    } catch {
      return null;
    }
  },
  create: async (p) => {
    const fh = await fs.promises.open(p, 'wx');
    return {
      write: async (data) => (await fh.write(data, 0, data.length)).bytesWritten,
      sync: () => fh.sync(),
      close: () => fh.close(),
    };
  },
  exists: (p) =>
    fs.promises.access(p).then(
      () => true,
      () => false,
    ),
  rename: (a, b) => fs.promises.rename(a, b),
  remove: (p) => fs.promises.rm(p, { force: true }),
  syncDir: fsyncDir,
};

export function destinationError(dest: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('STORAGE', `备份位置空间不足：${dest}（U 盘或磁盘已满）。本次备份未完成，原有的备份没有受影响；请清理空间或换一个位置后重试。`);
    case 'EROFS':
      return new AppError('STORAGE', `备份位置是只读的：${dest}（U 盘是否打开了写保护？）`);
    case 'EACCES':
    case 'EPERM':
      return new AppError('STORAGE', `无权写入备份位置：${dest}（文件夹只读或没有写入权限）`);
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('NOT_FOUND', `备份位置不存在：${dest}（U 盘是否已插好？文件夹是否被删除或改名？）`);
    case 'EIO':
      return new AppError('STORAGE', `写入备份位置时发生读写错误：${dest}（U 盘可能已拔出或损坏）`);
    default:
      return new AppError('STORAGE', `写入备份失败：${dest}（${code ?? (e instanceof Error ? e.message : String(e))}）`);
  }
}

/** Fails early, in Chinese, on a destination that cannot take the backup. */
export async function checkDestination(dest: string, bytes: number, fsx: BackupFs = nodeBackupFs): Promise<void> {
  if (!path.isAbsolute(dest))
    throw new AppError('VALIDATION', `备份位置应为完整路径（例如 E:\\数据备份 或 /media/u盘/备份），收到：${dest}`, [
      { field: 'destination', message: '请填写完整路径' },
    ]);
  let st: { isDirectory(): boolean };
  try {
    st = await fsx.stat(dest);
  } catch (e) {
    throw destinationError(dest, e);
  }
  if (!st.isDirectory()) throw new AppError('VALIDATION', `备份位置不是文件夹：${dest}`, [{ field: 'destination', message: '请选择一个文件夹' }]);
  const free = await fsx.free(dest);
  if (free !== null && free < bytes) {
    throw new AppError(
      'STORAGE',
      `备份位置空间不足：${dest} 只剩 ${formatBytes(free)}，本次备份约需 ${formatBytes(bytes)}。原有的备份没有受影响；请清理空间或换一个位置。`,
    );
  }
}

/** A free name: 备份_网点_20250101-0930.pbbak, then …_2.pbbak if two backups fall in one minute. */
async function freeName(dest: string, name: string, fsx: BackupFs): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, -ext.length);
  for (let i = 1; ; i++) {
    const candidate = path.join(dest, i === 1 ? name : `${stem}_${i}${ext}`);
    if (!(await fsx.exists(candidate))) return candidate;
  }
}

export interface WriteControl {
  /** Bytes written so far; may throw (cancelled). */
  progress(done: number, total: number): Promise<void>;
}

/** Returns the final path. On any failure the temp file is removed and nothing else at `dest` has changed. */
export async function writeAtDestination(
  dest: string,
  name: string,
  parts: Iterable<Buffer>,
  total: number,
  ctl: WriteControl,
  fsx: BackupFs = nodeBackupFs,
): Promise<string> {
  await checkDestination(dest, total, fsx);
  const target = await freeName(dest, name, fsx);
  const tmp = `${target}.part-${crypto.randomBytes(4).toString('hex')}`;
  let handle: SinkHandle | undefined;
  try {
    handle = await fsx.create(tmp);
    let done = 0;
    for (const part of parts) {
      for (let off = 0; off < part.length;) off += await handle.write(off === 0 ? part : part.subarray(off));
      done += part.length;
      await ctl.progress(done, total);
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fsx.rename(tmp, target);
    fsx.syncDir(dest);
    return target;
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await fsx.remove(tmp).catch(() => undefined);
    throw destinationError(dest, e);
  }
}
