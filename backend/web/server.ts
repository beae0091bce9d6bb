/**
 * Browser mode: the same backend as the desktop app (in a worker thread), behind HTTP on 127.0.0.1 instead of
 * Electron IPC. Used by the e2e tests and by developers without the Electron binary. Only this machine can
 * reach it: it binds the loopback address, refuses foreign Host headers (DNS rebinding) and cross-site posts.
 */
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { takeToken } from '../host/tokens';
import { jsonTooDeep } from '../../shared/jsonDepth';
import { log as appLog } from '../../shared/log';
import type { BackendPort } from '../host/types';
import { WorkerBackend } from '../host/workerBackend';
import { AppError, type Envelope, type ErrorCode } from '../../shared/errors';
import { DEFAULT_RENDERER_DIR, ensureRenderer, REPO_ROOT, type BuildPolicy } from './renderer';
import { serveStatic } from './static';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

/** The session cookie: HttpOnly so page scripts never see the token; Strict so other sites cannot send it. */
const COOKIE = 'pbsid';

function tokenFrom(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return decodeURIComponent(v.join('='));
  }
  return null;
}

function cookieHeader(token: string | null): string {
  return token ? `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/api` : `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/api; Max-Age=0`;
}

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface WebServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Data folder of the branch database; created when missing (its parent must exist). */
  dbPath: string;
  rendererDir?: string;
  build?: BuildPolicy;
  version?: string;
  /** Key of an encrypted database. */
  key?: Buffer;
  log?: (line: string) => void;
}

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Fails early, in Chinese, on a data path the worker could not use. */
function checkDbPath(dbPath: string): string {
  const abs = path.resolve(dbPath);
  const parent = path.dirname(abs);
  if (!fs.existsSync(parent)) throw new AppError('NOT_FOUND', `数据目录的上级文件夹不存在：${parent}`);
  try {
    fs.accessSync(parent, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    throw new AppError('FORBIDDEN', `无权读写数据目录所在的文件夹：${parent}`);
  }
  if (fs.existsSync(abs) && !fs.statSync(abs).isDirectory()) throw new AppError('VALIDATION', `数据路径不是文件夹：${abs}`);
  return abs;
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

const failure = (code: ErrorCode, message: string): Envelope<never> => ({ ok: false, error: { code, message } });

/** The body, or null once a 413 has been sent for one that is too large. */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        over = true;
        sendJson(res, 413, failure('VALIDATION', `提交的内容过大（超过 ${MAX_BODY_BYTES / 1024 / 1024} MB）`), { Connection: 'close' });
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => !over && resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const log = options.log ?? ((line: string) => appLog.info(line));
  const rendererDir = path.resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const dir = checkDbPath(options.dbPath);
  await ensureRenderer(rendererDir, options.build ?? 'auto', log);

  const entry = new URL('../host/dbWorker.dev.mjs', import.meta.url);
  const backend: BackendPort = await WorkerBackend.start(entry, {
    dir,
    create: true,
    version: options.version ?? readVersion(),
    ...(options.key ? { key: options.key } : {}),
  });

  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  let closing = false;

  const handleApi = async (req: IncomingMessage, res: ServerResponse, op: string): Promise<void> => {
    // Cross-site pages can post to 127.0.0.1 too; browsers name their origin, so refuse any that is not ours.
    const origin = req.headers.origin;
    if ((origin !== undefined && !allowedOrigins.has(origin)) || req.headers['sec-fetch-site'] === 'cross-site') {
      return sendJson(res, 403, failure('FORBIDDEN', '拒绝来自其他网站的请求'));
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return sendJson(res, 415, failure('VALIDATION', '请求格式应为 JSON（Content-Type: application/json）'));
    const raw = await readBody(req, res);
    if (raw === null) return;
    let input: unknown = {};
    if (jsonTooDeep(raw)) return sendJson(res, 400, failure('VALIDATION', '提交的内容嵌套层数过多，未保存任何数据'));
    if (raw.length > 0) {
      try {
        input = JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        return sendJson(res, 400, failure('VALIDATION', '提交的内容不是有效的 JSON，未保存任何数据'));
      }
    }
    if (closing) return sendJson(res, 503, failure('INTERNAL', '服务正在关闭，本次操作未执行'));
    // The same log-in as the desktop app: the backend checks the session behind the cookie on every call.
    const envelope = await backend.call(op, input, { token: tokenFrom(req), source: `web:${req.socket.remoteAddress ?? '?'}` });
    const token = takeToken(op, envelope);
    sendJson(res, 200, envelope, token === undefined ? {} : { 'Set-Cookie': cookieHeader(token) });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // DNS-rebinding guard: a foreign name resolving to 127.0.0.1 still carries its own Host header.
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('主机名不被允许 / Host not allowed');
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, failure('VALIDATION', '接口只接受 POST 请求'), { Allow: 'POST' });
      let op: string;
      try {
        op = decodeURIComponent(pathname.slice('/api/'.length));
      } catch {
        return sendJson(res, 400, failure('VALIDATION', '接口地址无效'));
      }
      return handleApi(req, res, op);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('不支持的请求方法 / Method not allowed');
      return;
    }
    serveStatic(rendererDir, req, res, pathname);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', `内部错误：${e instanceof Error ? e.message : String(e)}`));
      else res.destroy();
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : options.port);
    });
  }).catch(async (e: unknown) => {
    await backend.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new AppError('CONFLICT', `端口 ${options.port} 已被占用，请用 --port 换一个端口`);
    if (code === 'EACCES') throw new AppError('FORBIDDEN', `无权使用端口 ${options.port}，请换一个大于 1024 的端口`);
    throw e;
  });
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  const url = `http://${HOST}:${port}`;

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Calls already handed to the backend finish (and are made durable) before its final snapshot.
      await backend.close();
      server.closeAllConnections();
      await stopped;
    })();
    return closed;
  };

  return { url, port, close };
}
