/**
 * The hub's HTTP face. Stateless between requests (all state is in the database), so several processes can
 * serve one city behind a reverse proxy that terminates TLS. Bodies may be gzip-compressed both ways: a
 * rural line is slow long before it is down.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { z } from 'zod';
import { Hlc } from '../shared/hlc';
import { jsonTooDeep } from '../shared/jsonDepth';
import { log } from '../shared/log';
import { parsePushRequest } from '../shared/syncProtocol';
import { authenticate } from './branches';
import { authenticateAdmin } from './admins';
import { cityReports } from './city/reports';
import { REPORT_NAMES, type ReportName } from '../shared/domain';
import type { HubDb } from './db';
import { HubError } from './errors';
import { createConsole, type ConsoleOptions } from './console';
import { handleSyncFile } from './files';
import { pullPage } from './pull';
import { applyPush } from './push';

const MAX_BODY = 48 * 1024 * 1024;
const gunzip = promisify(zlib.gunzip);
const gzip = promisify(zlib.gzip);

export interface HubOptions {
  db: HubDb;
  now?: () => Date;
  /** The 市局's console for people (server/console/), served beside the sync API. */
  console?: ConsoleOptions;
}

export interface Hub {
  server: http.Server;
  clock: Hlc;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export function createHub(opts: HubOptions): Hub {
  const now = opts.now ?? (() => new Date());
  const clock = new Hlc(`hub${crypto.randomBytes(4).toString('hex')}`, () => now().getTime());
  const web = createConsole({ db: opts.db, now, clock }, opts.console);
  const server = http.createServer((req, res) => {
    const consoleUrl = new URL(req.url ?? '/', 'http://hub');
    if (web.handles(consoleUrl.pathname)) return void web.handle(req, res, consoleUrl);
    route(req, opts.db, clock, now)
      .then((r) => send(req, res, r.status, r.body, r.type))
      .catch((e: unknown) => {
        const err = e instanceof HubError ? e : e instanceof z.ZodError ? new HubError(400, 'VALIDATION', `请求格式不对：${e.issues[0]?.message ?? ''}`) : null;
        if (!err) log.error('hub: request failed', e);
        const status = err?.status ?? 500;
        const message = err?.message ?? '市局服务器内部错误，请稍后再试';
        void send(req, res, status, JSON.stringify({ error: { code: err?.code ?? 'INTERNAL', message } }), 'application/json');
      });
  });
  // Long pushes over a slow line: allow them, but not forever.
  server.requestTimeout = 5 * 60_000;
  server.headersTimeout = 60_000;
  return {
    server,
    clock,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as { port: number }).port));
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface Reply {
  status: number;
  body: string | Buffer;
  type: string;
}

const json = (value: unknown): Reply => ({ status: 200, body: JSON.stringify(value), type: 'application/json' });

async function route(req: http.IncomingMessage, db: HubDb, clock: Hlc, now: () => Date): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://hub');
  const path = url.pathname.replace(/\/+$/, '');
  if (req.method === 'GET' && path === '/v1/health') return json({ ok: true, storage: db.kind, time: now().toISOString() });
  if (req.method === 'POST' && path === '/v1/push') {
    const branch = await authenticate(db, bearer(req));
    let body;
    const raw = await readBody(req);
    if (jsonTooDeep(raw)) throw new HubError(400, 'VALIDATION', '上传的数据格式不对：嵌套层数过多');
    try {
      body = parsePushRequest(JSON.parse(raw.toString('utf8')));
    } catch (e) {
      if (e instanceof HubError) throw e;
      throw new HubError(400, 'VALIDATION', e instanceof SyntaxError ? '上传的数据不完整（不是完整的 JSON），请重试' : (e as Error).message);
    }
    const result = await applyPush(db, branch, body, clock, now);
    return json(result);
  }
  if (req.method === 'GET' && path === '/v1/pull') {
    const branch = await authenticate(db, bearer(req));
    const since = Number(url.searchParams.get('since') ?? '0');
    const limit = Number(url.searchParams.get('limit') ?? '5000');
    const node = url.searchParams.get('node') ?? undefined;
    const pending = Number(url.searchParams.get('pending') ?? 'NaN');
    const page = await pullPage(db, branch, since, limit, node);
    // The last page of a pull ends a successful sync: what the 网点 page shows as the branch's last contact.
    if (!page.more) {
      await db.query('UPDATE branches SET last_pull_at = now(), pending_changes = coalesce($2, pending_changes) WHERE id = $1', [
        branch.id,
        Number.isSafeInteger(pending) && pending >= 0 ? pending : null,
      ]);
    }
    return json(page);
  }
  if (req.method === 'POST' && path === '/v1/file') {
    const reply = await handleSyncFile(db, await readBody(req), clock, now);
    return { status: 200, body: reply, type: 'application/octet-stream' };
  }
  if (req.method === 'GET' && path === '/v1/admin/reports') {
    await authenticateAdmin(db, bearer(req));
    const names = (url.searchParams.get('names') ?? '').split(',').filter(Boolean);
    const bad = names.filter((n) => !REPORT_NAMES.includes(n as ReportName));
    if (!names.length || bad.length) throw new HubError(400, 'VALIDATION', `未知的报表：${bad.join('、') || '（未指定）'}；可用：${REPORT_NAMES.join('、')}`);
    const ymd = /^\d{4}-\d{2}-\d{2}$/;
    const from = url.searchParams.get('from');
    const to = url.searchParams.get('to');
    for (const d of [from, to]) if (d && !ymd.test(d)) throw new HubError(400, 'VALIDATION', `日期格式应为 YYYY-MM-DD，收到：${d}`);
    return json({ reports: await cityReports(db, names as ReportName[], { from, to }, now()) });
  }
  throw new HubError(404, 'NOT_FOUND', '没有这个接口');
}

function bearer(req: http.IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HubError(413, 'TOO_LARGE', '一次上传的数据过多，请分批同步');
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks);
  if (req.headers['content-encoding'] === 'gzip') {
    try {
      return await gunzip(raw, { maxOutputLength: MAX_BODY });
    } catch {
      throw new HubError(400, 'VALIDATION', '上传的数据不完整（压缩数据损坏），请重试');
    }
  }
  return raw;
}

async function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: string | Buffer, type: string): Promise<void> {
  if (res.headersSent || res.destroyed) return;
  let payload = typeof body === 'string' ? Buffer.from(body) : body;
  const headers: http.OutgoingHttpHeaders = { 'content-type': type, 'cache-control': 'no-store' };
  if (payload.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    payload = await gzip(payload);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = payload.length;
  res.writeHead(status, headers);
  res.end(payload);
}
