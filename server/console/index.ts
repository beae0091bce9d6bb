/**
 * The 市局 console, served by the hub at the root of its port: the page (out/console) and its API under
 * /console/api. Same origin as the API, so the session cookie can be HttpOnly and SameSite=Strict and the page's
 * CSP can allow connections to 'self' only. Sync (/v1/…) is untouched by any of this.
 */
import type http from 'node:http';
import { DEFAULT_IDLE_MINUTES, loginInput, unlockInput, type ConsoleMe } from '../../shared/hubConsole';
import type { Hlc } from '../../shared/hlc';
import { recordAudit } from '../audit';
import type { HubDb } from '../db';
import { HubError } from '../errors';
import { checkLogin, type SignedIn } from './accounts';
import { CONSOLE_DIR } from './build';
import type { Answer, Route, RouteCtx } from './router';
import { auditRoutes } from './routes/audit';
import { branchRoutes } from './routes/branches';
import { campaignRoutes } from './routes/campaigns';
import { maintenanceRoutes } from './routes/maintenance';
import { reportRoutes } from './routes/reports';
import { userRoutes } from './routes/users';
import { createSession, endSession, lockSession, resolveSession, unlockSession } from './sessions';
import { ConsoleFiles } from './static';
import {
  assertSameOrigin,
  clientSource,
  isHttps,
  parse,
  readJson,
  sendError,
  sendJson,
  sessionCookie,
  sessionToken,
  SECURITY_HEADERS,
  type ProxyTrust,
} from './web';

export interface ConsoleOptions {
  /** Minutes without a request before a session locks (15 by default). */
  idleMinutes?: number;
  /** Behind a reverse proxy: honour X-Forwarded-Proto/-Host/-For. Never set it when clients reach the hub directly. */
  trustProxy?: boolean;
  /** The built console; out/console by default. */
  dir?: string;
}

export interface ConsoleDeps {
  db: HubDb;
  now: () => Date;
  clock: Hlc;
}

const API = '/console/api';
const ROUTES: Route[] = [...auditRoutes, ...branchRoutes, ...campaignRoutes, ...maintenanceRoutes, ...reportRoutes, ...userRoutes];

export interface Console {
  /** Everything but the sync API belongs to the console. */
  handles(pathname: string): boolean;
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void>;
}

export function createConsole(deps: ConsoleDeps, opts: ConsoleOptions = {}): Console {
  const idleMinutes = opts.idleMinutes ?? DEFAULT_IDLE_MINUTES;
  const trust: ProxyTrust = { trustProxy: opts.trustProxy ?? false };
  const files = new ConsoleFiles(opts.dir ?? CONSOLE_DIR);
  const { db, now } = deps;

  const me = (user: SignedIn, locked: boolean): ConsoleMe => ({ user, locked, idleMinutes });

  async function auth(req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<boolean> {
    const cookie = (token: string | null) => ({ 'set-cookie': sessionCookie(token, isHttps(req, trust)) });
    if (path === '/login' && req.method === 'POST') {
      const input = parse(loginInput, await readJson(req));
      const source = clientSource(req, trust);
      let user: SignedIn;
      try {
        user = await checkLogin(db, input.login, input.password, source, now());
      } catch (e) {
        // The login tried is all that is known of who it was; no role is claimed for an unproven person.
        if (e instanceof HubError && e.status !== 400)
          await recordAudit(db, { userId: null, login: input.login.slice(0, 64), action: '登录失败', subject: e.message, source }, now());
        throw e;
      }
      await recordAudit(db, { userId: user.id, login: user.login, action: '登录', source }, now());
      const token = await createSession(db, user.id, now());
      sendJson(res, 200, me(user, false), cookie(token));
      return true;
    }
    if (path === '/logout' && req.method === 'POST') {
      const s = await resolveSession(db, sessionToken(req), now(), idleMinutes);
      if (s.state !== 'none') {
        await endSession(db, s.key);
        await recordAudit(db, { userId: s.user.id, login: s.user.login, action: '退出登录', source: clientSource(req, trust) }, now());
      }
      sendJson(res, 200, { ok: true }, cookie(null));
      return true;
    }
    if (path === '/me' && req.method === 'GET') {
      const s = await resolveSession(db, sessionToken(req), now(), idleMinutes);
      if (s.state === 'none') throw new HubError(401, 'UNAUTHENTICATED', '请先登录');
      sendJson(res, 200, me(s.user, s.state === 'locked'));
      return true;
    }
    if ((path === '/unlock' || path === '/lock') && req.method === 'POST') {
      const s = await resolveSession(db, sessionToken(req), now(), idleMinutes);
      if (s.state === 'none') throw new HubError(401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
      if (path === '/lock') {
        await lockSession(db, s.key);
        sendJson(res, 200, me(s.user, true));
        return true;
      }
      const input = parse(unlockInput, await readJson(req));
      await checkLogin(db, s.user.login, input.password, clientSource(req, trust), now());
      await unlockSession(db, s.key, now());
      sendJson(res, 200, me(s.user, false));
      return true;
    }
    return false;
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(API.length).replace(/\/+$/, '');
    if (req.method !== 'GET' && req.method !== 'HEAD') assertSameOrigin(req, trust);
    if (await auth(req, res, path)) return;
    const s = await resolveSession(db, sessionToken(req), now(), idleMinutes);
    if (s.state === 'none') throw new HubError(401, 'UNAUTHENTICATED', '请先登录');
    if (s.state === 'locked') throw new HubError(401, 'LOCKED', `已闲置超过 ${idleMinutes} 分钟，请重新输入密码`);
    const matches = ROUTES.map((r) => ({ r, m: r.path.exec(path) })).filter((x) => x.m);
    const hit = matches.find((x) => x.r.method === req.method || (req.method === 'HEAD' && x.r.method === 'GET'));
    if (!hit) throw matches.length ? new HubError(405, 'METHOD', '不支持的请求方法') : new HubError(404, 'NOT_FOUND', '没有这个接口');
    if (hit.r.adminOnly && s.user.role !== 'city_admin') throw new HubError(403, 'FORBIDDEN', '只有市局管理员可以进行此操作');
    let body: Promise<unknown> | undefined;
    let subject = '';
    const ctx: RouteCtx = {
      req,
      url,
      params: hit.m!.slice(1),
      user: s.user,
      db,
      now,
      clock: deps.clock,
      body: () => (body ??= readJson(req)),
      subject: (name) => void (subject = name),
    };
    const a = await hit.r.run(ctx);
    if (hit.r.method === 'POST')
      await recordAudit(db, { userId: s.user.id, login: s.user.login, action: hit.r.audit, subject, source: clientSource(req, trust) }, now());
    answer(res, a);
  }

  function answer(res: http.ServerResponse, a: Answer): void {
    if ('json' in a) return sendJson(res, 200, a.json);
    const ascii = a.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': a.type,
      'content-length': a.file.length,
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
    });
    res.end(a.file);
  }

  return {
    handles: (pathname) => pathname !== '/v1' && !pathname.startsWith('/v1/'),
    handle: async (req, res, url) => {
      try {
        if (url.pathname === API || url.pathname.startsWith(`${API}/`)) return await api(req, res, url);
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new HubError(405, 'METHOD', '不支持的请求方法');
        files.serve(req, res, url.pathname);
      } catch (e) {
        sendError(res, e);
      }
    },
  };
}
