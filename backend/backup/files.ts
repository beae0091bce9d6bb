/**
 * The backups in a folder, and which of them rotation keeps. Only files that read as this branch's backups are
 * ever removed: a shared folder may hold another branch's backups, or files that are no business of ours.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { BACKUP_EXT, type BackupFileInfo } from '../../shared/backup';
import { readHeader, type BranchIdentity } from './format';
import { needsOf } from './keys';
import { sameBranch } from './state';

export async function describeFile(file: string, own: BranchIdentity): Promise<BackupFileInfo> {
  const base = { name: path.basename(file), path: file, bytes: 0, createdAt: null, branchName: null, sameBranch: false, opens: { password: null, key: false } };
  try {
    const r = await readHeader(file);
    const complete = r.size === r.expectedSize;
    return {
      ...base,
      bytes: r.size,
      createdAt: r.header.createdAt,
      branchName: r.header.branch.name,
      sameBranch: sameBranch(r.header.branch, own),
      state: complete ? 'ok' : 'incomplete',
      problem: complete ? null : r.size < r.expectedSize ? '文件不完整（复制或写入中断）' : '文件长度不符（可能被改动）',
      opens: needsOf(r.header.slots),
    };
  } catch (e) {
    const bytes = await fs.promises.stat(file).then(
      (s) => s.size,
      () => 0,
    );
    return { ...base, bytes, state: 'unreadable', problem: e instanceof AppError ? e.message : String(e) };
  }
}

/** Backups in `dir`, newest first. Throws a Chinese AppError when the folder cannot be read. */
export async function listBackups(dir: string, own: BranchIdentity): Promise<BackupFileInfo[]> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('NOT_FOUND', `备份位置不存在：${dir}（U 盘是否已插好？）`);
    if (code === 'ENOTDIR') throw new AppError('VALIDATION', `备份位置不是文件夹：${dir}`);
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('STORAGE', `无权读取备份位置：${dir}`);
    throw new AppError('STORAGE', `无法读取备份位置：${dir}（${code ?? String(e)}）`);
  }
  const files = names.filter((n) => n.endsWith(BACKUP_EXT)).map((n) => path.join(dir, n));
  const out = await Promise.all(files.map((f) => describeFile(f, own)));
  return out.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.name.localeCompare(a.name));
}

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;

/** The Monday of d's week (local time), as a key. */
function weekKey(d: Date): string {
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
  return dayKey(monday);
}

/**
 * Newest first: the newest backup of each of the last `keepDaily` days that have one, plus the newest of each
 * of the last `keepWeekly` weeks that have one (so a month-old copy survives a week of bad backups).
 */
export function chooseKept(files: readonly { path: string; createdAt: string }[], keepDaily: number, keepWeekly: number): Set<string> {
  const sorted = [...files].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const f of sorted) {
    const d = new Date(f.createdAt);
    const dk = dayKey(d);
    if (!days.has(dk) && days.size < keepDaily) {
      days.add(dk);
      keep.add(f.path);
    }
    const wk = weekKey(d);
    if (!weeks.has(wk) && weeks.size < keepWeekly) {
      weeks.add(wk);
      keep.add(f.path);
    }
  }
  return keep;
}

const STALE_PART_MS = 24 * 60 * 60 * 1000;

/** Temp files of backups cut off a day or more ago (the program quit or the PC lost power mid-write). */
async function removeStaleParts(dir: string): Promise<void> {
  const now = Date.now();
  for (const name of await fs.promises.readdir(dir).catch(() => [] as string[])) {
    if (!/\.pbbak\.part-[0-9a-f]{8}$/.test(name)) continue;
    const p = path.join(dir, name);
    const st = await fs.promises.stat(p).catch(() => null);
    if (st && now - st.mtimeMs > STALE_PART_MS) await fs.promises.rm(p, { force: true }).catch(() => undefined);
  }
}

/** Removes this branch's backups that rotation does not keep; the one just written is always kept. */
export async function rotate(dir: string, own: BranchIdentity, keepDaily: number, keepWeekly: number, justWritten: string): Promise<number> {
  await removeStaleParts(dir);
  const files = (await listBackups(dir, own)).filter((f) => f.sameBranch && f.state === 'ok' && f.createdAt !== null);
  const keep = chooseKept(files as { path: string; createdAt: string }[], keepDaily, keepWeekly);
  keep.add(justWritten);
  let removed = 0;
  for (const f of files) {
    if (keep.has(f.path)) continue;
    try {
      await fs.promises.rm(f.path);
      removed++;
    } catch {
      // Left for the next rotation: a file that cannot be removed now loses nothing.
    }
  }
  return removed;
}
