/**
 * A backup file chosen in the browser arrives in 4 MB pieces (a whole file would exceed the request limit and
 * sit in memory as base64) and is kept in the data folder's restore-uploads/ until it is restored, an hour has
 * passed, or the program starts again: it holds a whole branch's personal data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { newId } from '../services/ids';

const KEEP_MS = 60 * 60 * 1000;
const MAX_BYTES = 8 * 1024 * 1024 * 1024;

export class UploadStore {
  private readonly dir: string;
  private readonly started = new Map<string, number>();
  private swept = false;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'restore-uploads');
  }

  append(uploadId: string | null, offset: number, data: Buffer): { uploadId: string; bytes: number } {
    this.sweep();
    const id = uploadId ?? newId();
    if (uploadId === null) {
      if (offset !== 0) throw new AppError('VALIDATION', '上传应从文件开头开始，请重新选择文件');
      fs.mkdirSync(this.dir, { recursive: true });
      this.started.set(id, Date.now());
    } else if (!this.started.has(id)) throw new AppError('NOT_FOUND', '上传已过期，请重新选择文件');
    const file = this.path(id);
    const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
    // A retried piece is accepted once: the offset says where it belongs.
    if (offset + data.length <= size) return { uploadId: id, bytes: size };
    if (offset !== size) throw new AppError('VALIDATION', '上传的文件片段顺序有误，请重新选择文件');
    if (size + data.length > MAX_BYTES) throw new AppError('VALIDATION', '文件过大，不是本程序的备份文件');
    try {
      fs.appendFileSync(file, data);
    } catch (e) {
      throw new AppError('STORAGE', `保存上传的文件失败（${(e as NodeJS.ErrnoException).code ?? String(e)}），请检查磁盘空间后重试`);
    }
    return { uploadId: id, bytes: size + data.length };
  }

  path(uploadId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(uploadId) || !this.started.has(uploadId)) throw new AppError('NOT_FOUND', '上传的文件已过期，请重新选择文件');
    return path.join(this.dir, `${uploadId}.pbbak`);
  }

  remove(uploadId: string): void {
    this.started.delete(uploadId);
    if (/^[0-9a-f-]{36}$/.test(uploadId)) fs.rmSync(path.join(this.dir, `${uploadId}.pbbak`), { force: true });
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, at] of this.started) if (now - at > KEEP_MS) this.remove(id);
    if (this.swept) return;
    this.swept = true;
    if (fs.existsSync(this.dir)) for (const name of fs.readdirSync(this.dir)) fs.rmSync(path.join(this.dir, name), { force: true });
  }
}
