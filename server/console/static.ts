/**
 * Serves the built console (out/console) under the hub's root: index.html for the page, hashed files under
 * assets/. Files are read once per change and kept with their gzip form, since every supervisor's browser asks
 * for the same few megabytes of antd and ECharts.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { SECURITY_HEADERS } from './web';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

interface Cached {
  mtimeMs: number;
  body: Buffer;
  gzipped: Buffer | null;
}

export class ConsoleFiles {
  private readonly cache = new Map<string, Cached>();
  constructor(readonly dir: string) {}

  /** The file under the console's folder a URL path names; null for anything outside it or not a known type. */
  private fileFor(pathname: string): string | null {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (rel === '/' || rel === '/index.html') return path.join(this.dir, 'index.html');
    if (!/^\/assets\/[A-Za-z0-9._-]+$/.test(rel) || !TYPES[path.extname(rel)]) return null;
    return path.join(this.dir, rel);
  }

  private read(file: string): Cached | null {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit;
    const body = fs.readFileSync(file);
    const entry = { mtimeMs: st.mtimeMs, body, gzipped: body.length > 1024 && /\.(html|js|css|svg|json)$/.test(file) ? zlib.gzipSync(body) : null };
    this.cache.set(file, entry);
    return entry;
  }

  serve(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    const file = this.fileFor(pathname);
    const entry = file ? this.read(file) : null;
    if (!file || !entry) {
      const missing = pathname === '/' || pathname === '/index.html';
      const text = missing ? '市局控制台尚未构建：请在程序目录运行 npm run build:console，然后刷新本页。' : '未找到';
      res.writeHead(missing ? 503 : 404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);
      return;
    }
    const gzip = entry.gzipped && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? entry.gzipped! : entry.body;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      // Vite names assets by their content, so they never change; the page itself must always be fresh.
      'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
