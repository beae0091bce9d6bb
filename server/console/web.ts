/**
 * What every console request shares: who the client is (behind a proxy only if the hub was told so), the
 * same-origin rule for state-changing requests, the session cookie, JSON in and out with Chinese errors.
 */
import type http from 'node:http';
import type { z } from 'zod';
import { HubError } from '../errors';
import { log } from '../../shared/log';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** Headers on every console response, pages and API alike. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const COOKIE = 'hubsid';
/** The cookie goes only to the API; the pages themselves never need it. */
const COOKIE_PATH = '/console/api';
const MAX_JSON = 16 * 1024 * 1024;

export interface ProxyTrust {
  /** The hub runs behind a reverse proxy that sets X-Forwarded-Proto/-Host/-For: believe them. */
  trustProxy: boolean;
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim() || undefined;

export function isHttps(req: http.IncomingMessage, t: ProxyTrust): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  return t.trustProxy && first(req.headers['x-forwarded-proto'])?.toLowerCase() === 'https';
}

/**
 * Where a log-in comes from, for throttling: the peer address, or — behind a trusted proxy — the address the
 * proxy appended last (earlier entries are whatever the client chose to send).
 */
export function clientSource(req: http.IncomingMessage, t: ProxyTrust): string {
  if (t.trustProxy) {
    const fwd = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (fwd.length) return fwd[fwd.length - 1]!;
  }
  return req.socket.remoteAddress ?? '?';
}

/**
 * A page of another site can make the browser post here (with the cookie, were it not Strict); browsers name the
 * page's origin, so a state-changing request must name exactly this one — scheme and host as the client sees them.
 */
export function assertSameOrigin(req: http.IncomingMessage, t: ProxyTrust): void {
  const refuse = new HubError(403, 'CROSS_ORIGIN', '拒绝来自其他网站的请求');
  const host = (t.trustProxy ? first(req.headers['x-forwarded-host']) : undefined) ?? req.headers.host;
  const origin = req.headers.origin;
  if (!host || !origin || req.headers['sec-fetch-site'] === 'cross-site' || req.headers['sec-fetch-site'] === 'same-site') throw refuse;
  const expected = `${isHttps(req, t) ? 'https' : 'http'}://${host}`.toLowerCase();
  if (origin.toLowerCase() !== expected) throw refuse;
}

export function sessionToken(req: http.IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function sessionCookie(token: string | null, secure: boolean): string {
  const attrs = `HttpOnly; SameSite=Strict; Path=${COOKIE_PATH}${secure ? '; Secure' : ''}`;
  return token ? `${COOKIE}=${encodeURIComponent(token)}; ${attrs}` : `${COOKIE}=; ${attrs}; Max-Age=0`;
}

export async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HubError(415, 'VALIDATION', '请求格式应为 JSON（Content-Type: application/json）');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON) throw new HubError(413, 'TOO_LARGE', `提交的内容过大（超过 ${MAX_JSON / 1024 / 1024} MB）`);
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HubError(400, 'VALIDATION', '提交的内容不是有效的 JSON');
  }
}

/** zod's first problem, in the words the schema gives (all Chinese in shared/hubConsole.ts). */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `（${issue.path.join('.')}）` : '';
  throw new HubError(400, 'VALIDATION', `${issue?.message ?? '提交的内容有误'}${where}`);
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': text.length,
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: http.ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const err = e instanceof HubError ? e : null;
  if (!err) log.error('hub console: request failed', e);
  sendJson(res, err?.status ?? 500, { error: { code: err?.code ?? 'INTERNAL', message: err?.message ?? '市局服务器内部错误，请稍后再试' } });
}
