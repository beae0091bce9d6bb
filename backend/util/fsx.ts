import fs from 'node:fs';
import path from 'node:path';

/** Makes a rename or unlink in `dir` durable (no-op where directories cannot be opened, i.e. Windows). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Temp file, fsync, rename, fsync dir: readers see the old file or the new one, never half of either. */
export function writeFileAtomic(file: string, data: Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    let off = 0;
    while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

export async function writeFileAtomicAsync(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  const fh = await fs.promises.open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.promises.rename(tmp, file);
  fsyncDir(path.dirname(file));
}
