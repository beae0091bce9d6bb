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

/** File contents whole, or in parts written one after the other (a snapshot's header and its image, never joined
 * into one more copy of a 700 MB image). */
export type FileData = Uint8Array | readonly Uint8Array[];
const partsOf = (data: FileData): readonly Uint8Array[] => (data instanceof Uint8Array ? [data] : data);

/** Writes every byte at the descriptor's position (a single write may take only part of a large buffer). */
export function writeAll(fd: number, data: FileData): void {
  for (const part of partsOf(data)) {
    let off = 0;
    while (off < part.length) off += fs.writeSync(fd, part, off, part.length - off);
  }
}

/** Temp file, fsync, rename, fsync dir: readers see the old file or the new one, never half of either. */
export function writeFileAtomic(file: string, data: FileData): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    writeAll(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

export async function writeFileAtomicAsync(file: string, data: FileData): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  const fh = await fs.promises.open(tmp, 'w');
  try {
    for (const part of partsOf(data)) await fh.writeFile(part);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.promises.rename(tmp, file);
  fsyncDir(path.dirname(file));
}
