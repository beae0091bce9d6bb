/**
 * Large exports (mail PDFs of tens of thousands of pieces) are written to a file in the data folder's exports/
 * and handed to the screen in chunks, so neither the backend nor a contract message ever holds a whole file.
 * A file is deleted once it has been read to the end, when it is an hour old, and at the next start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { newId } from './ids';

const CHUNK = 4 * 1024 * 1024;
const KEEP_MS = 60 * 60 * 1000;

interface ExportEntry {
  path: string;
  fileName: string;
  createdAt: number;
}

export class ExportFiles {
  private readonly files = new Map<string, ExportEntry>();
  private readonly dir: string;
  private swept = false;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'exports');
  }

  /** A fresh path for a file to be written; registered under the returned id once `register` is called. */
  newPath(ext: string): { id: string; path: string } {
    this.sweep();
    fs.mkdirSync(this.dir, { recursive: true });
    const id = newId();
    return { id, path: path.join(this.dir, `${id}.${ext}`) };
  }

  register(id: string, filePath: string, fileName: string): void {
    this.files.set(id, { path: filePath, fileName, createdAt: Date.now() });
  }

  read(id: string, offset: number): { dataBase64: string; next: number | null; bytes: number; fileName: string } {
    const e = this.files.get(id);
    if (!e || !fs.existsSync(e.path)) throw new AppError('NOT_FOUND', '文件已过期或已取走，请重新生成');
    const bytes = fs.statSync(e.path).size;
    if (offset > bytes) throw new AppError('VALIDATION', '读取位置超出文件长度');
    const len = Math.min(CHUNK, bytes - offset);
    const buf = Buffer.alloc(len);
    const fd = fs.openSync(e.path, 'r');
    try {
      fs.readSync(fd, buf, 0, len, offset);
    } finally {
      fs.closeSync(fd);
    }
    const next = offset + len < bytes ? offset + len : null;
    if (next === null) this.remove(id);
    return { dataBase64: buf.toString('base64'), next, bytes, fileName: e.fileName };
  }

  remove(id: string): void {
    const e = this.files.get(id);
    this.files.delete(id);
    if (e) fs.rmSync(e.path, { force: true });
  }

  /** Old files: this process's after an hour, and any left by an earlier run (the personal data must not linger). */
  private sweep(): void {
    const now = Date.now();
    for (const [id, e] of this.files) if (now - e.createdAt > KEEP_MS) this.remove(id);
    if (this.swept) return;
    this.swept = true;
    if (!fs.existsSync(this.dir)) return;
    for (const name of fs.readdirSync(this.dir)) fs.rmSync(path.join(this.dir, name), { force: true });
  }
}
