/**
 * Serves the built renderer. Paths are resolved and checked to stay under the root (no `..` escapes, no
 * symlinked parents are followed outside it); anything that is not a file with an extension falls back to
 * index.html so hash or history routes reload cleanly.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file under `root` that `urlPath` names, or null when it would leave the root. */
export function resolveUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const target = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return target === root || target.startsWith(root + path.sep) ? target : null;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, pathname: string): void {
  const target = resolveUnder(root, pathname);
  if (target === null) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('未找到 / Not found');
    return;
  }
  let file = target;
  if (!isFile(file)) {
    // Real-looking asset requests (with an extension) get a 404 instead of HTML the browser would misparse.
    if (path.extname(target) !== '') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('未找到 / Not found');
      return;
    }
    file = path.join(root, 'index.html');
  }
  // Symlinks inside the build must not point outside it.
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('未找到 / Not found');
    return;
  }
  const realRoot = fs.realpathSync(root);
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('未找到 / Not found');
    return;
  }
  const size = fs.statSync(real).size;
  // Vite puts content hashes in asset names, so those can be cached for good; index.html must always be fresh.
  const immutable = path.relative(realRoot, real).split(path.sep)[0] === 'assets';
  res.writeHead(200, {
    'Content-Type': contentTypeOf(real),
    'Content-Length': size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = fs.createReadStream(real);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
