/**
 * Files in and out of the page. The backend hands files over as base64 (FileDownload); the browser saves them
 * through a temporary object URL and an <a download> click — the same in Electron (will-download) and browser
 * mode. Uploads go the other way: the chosen file is read into memory and sent as base64.
 */
import type { FileDownload } from '../../../shared/domain';

const MIME_BY_EXT: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  csv: 'text/csv;charset=utf-8',
  pdf: 'application/pdf',
};

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Chunked, because String.fromCharCode(...bytes) on a multi-megabyte file overflows the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let bin = '';
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

function mimeOf(fileName: string): string {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return MIME_BY_EXT[ext] ?? 'application/octet-stream';
}

/** Saves a file the backend produced under its own (Chinese) file name. */
export function downloadFile(file: FileDownload): void {
  saveBlob(new Blob([base64ToBytes(file.dataBase64)], { type: mimeOf(file.fileName) }), file.fileName);
}

/** One piece of a file the backend hands over in chunks (files.read); `next` is null after the last one. */
export interface FileChunk {
  dataBase64: string;
  next: number | null;
}

/**
 * Reads a large file (a mail PDF) chunk by chunk into Blob parts and saves it, so no single base64 string holds
 * the whole file. Returns the number of bytes saved.
 */
export async function downloadChunks(fileName: string, readChunk: (offset: number) => Promise<FileChunk>): Promise<number> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  for (let offset: number | null = 0; offset !== null;) {
    const chunk = await readChunk(offset);
    const part = base64ToBytes(chunk.dataBase64);
    parts.push(part);
    bytes += part.length;
    offset = chunk.next;
  }
  saveBlob(new Blob(parts, { type: mimeOf(fileName) }), fileName);
  return bytes;
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can abort the save in some browsers; a minute is plenty for it to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
