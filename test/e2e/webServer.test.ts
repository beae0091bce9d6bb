/**
 * Browser mode's HTTP surface (what a hostile page or a confused client could send) and its command line
 * (start, clean stop, refusal of a bad data folder), without a browser.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../backend/web/server';
import { tmpDir } from '../helpers/tmp';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const post = (port: number, op: string, body: string, headers: Record<string, string> = {}) =>
  request(port, { method: 'POST', path: `/api/${op}`, headers: { 'Content-Type': 'application/json', ...headers }, body });

const ADMIN = { login: 'admin', displayName: '管理员', password: 'Test-pass-2026' };

/** Signs in (creating the administrator on a fresh database) and returns the Cookie header to send. */
async function signIn(port: number): Promise<Record<string, string>> {
  let r = await post(port, 'auth.setupAdmin', JSON.stringify(ADMIN));
  if (!(JSON.parse(r.body) as { ok: boolean }).ok) r = await post(port, 'auth.login', JSON.stringify({ login: ADMIN.login, password: ADMIN.password }));
  const cookie = String(r.headers['set-cookie'] ?? '').split(';')[0]!;
  expect(cookie).toMatch(/^pbsid=/);
  expect(String(r.headers['set-cookie'])).toContain('HttpOnly');
  expect(r.body).not.toContain('token');
  return { Cookie: cookie };
}

describe('browser-mode server', () => {
  let server: WebServer;

  beforeAll(async () => {
    server = await startWebServer({ port: 0, dbPath: path.join(tmpDir('pbdb-web-'), 'data'), build: 'never', log: () => {} });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('listens on the loopback address only and serves the UI with the CSP', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const r = await request(server.port, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.body).toContain('<html lang="zh-CN">');
    // Client-side routes fall back to the app; missing assets do not.
    expect((await request(server.port, { path: '/customers' })).body).toContain('<div id="root">');
    expect((await request(server.port, { path: '/assets/missing.js' })).status).toBe(404);
  });

  it('never serves files outside the build', async () => {
    for (const p of ['/../../../../etc/passwd', '/..%2f..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%5c..%5cpackage.json']) {
      const r = await request(server.port, { path: p });
      expect(r.body).not.toContain('root:');
      expect(r.body).not.toContain('"devDependencies"');
    }
  });

  it('refuses foreign Host headers (DNS rebinding) and cross-site posts', async () => {
    expect((await request(server.port, { path: '/', headers: { Host: `evil.example:${server.port}` } })).status).toBe(403);
    expect((await request(server.port, { path: '/', headers: { Host: 'localhost:1' } })).status).toBe(403);
    expect((await request(server.port, { path: '/', headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
    const cross = await post(server.port, 'app.info', '{}', { Origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    expect(JSON.parse(cross.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const form = await request(server.port, { method: 'POST', path: '/api/villages.create', headers: { 'Content-Type': 'text/plain' }, body: '{"name":"x"}' });
    expect(form.status).toBe(415);
  });

  it('requires the same log-in as the desktop app', async () => {
    expect(JSON.parse((await post(server.port, 'villages.list', '{}')).body)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '请先登录' },
    });
    expect(JSON.parse((await post(server.port, 'villages.list', '{}', { Cookie: 'pbsid=forged' })).body)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const auth = await signIn(server.port);
    expect(JSON.parse((await post(server.port, 'villages.list', '{}', auth)).body)).toMatchObject({ ok: true });
    const out = await post(server.port, 'auth.logout', '{}', auth);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect(JSON.parse((await post(server.port, 'villages.list', '{}', auth)).body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('answers every call with an envelope, Chinese on failure', async () => {
    const auth = await signIn(server.port);
    const ok = await post(server.port, 'villages.create', JSON.stringify({ name: '红旗村' }), auth);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { name: '红旗村', code: null } });
    const dup = JSON.parse((await post(server.port, 'villages.create', JSON.stringify({ name: '红旗村' }), auth)).body);
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', problems: [{ field: 'name' }] } });
    const bad = await post(server.port, 'villages.create', '{"name":');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('JSON') } });
    expect(JSON.parse((await post(server.port, 'no.such', '{}')).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    expect((await request(server.port, { path: '/api/app.info' })).status).toBe(405);
    const huge = await post(server.port, 'app.info', JSON.stringify({ pad: 'x'.repeat(21 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
  });
});

describe('npm run web', () => {
  const tsx = path.resolve('node_modules/.bin/tsx');

  function run(args: string[]) {
    const child = spawn(tsx, ['backend/web/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const listening = async (): Promise<number> => {
      for (let i = 0; i < 300; i++) {
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) return Number(m[1]);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`server did not start:\n${out}`);
    };
    return { child, exited, listening, output: () => out };
  }

  it('starts, saves, stops cleanly on SIGTERM and finds the data again', async () => {
    const db = path.join(tmpDir('pbdb-cli-'), 'data');
    const first = run(['--port', '0', '--db', db, '--build', 'never']);
    const port = await first.listening();
    expect(JSON.parse((await post(port, 'villages.create', JSON.stringify({ name: '东风村' }), await signIn(port))).body).ok).toBe(true);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('已安全退出');

    const second = run(['--port=0', `--db=${db}`, '--build=never']);
    const port2 = await second.listening();
    const list = JSON.parse((await post(port2, 'villages.list', '{}', await signIn(port2))).body) as { value: { name: string }[] };
    expect(list.value.map((v) => v.name)).toEqual(['东风村']);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('refuses a data folder whose parent is missing, and a damaged database, with a non-zero exit', async () => {
    const missing = run(['--port', '0', '--db', path.join(tmpDir(), 'no', 'such', 'data'), '--build', 'never']);
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toContain('上级文件夹不存在');

    const damaged = tmpDir('pbdb-bad-');
    fs.writeFileSync(path.join(damaged, 'snapshot-00000001.pbdb'), Buffer.alloc(4096, 7));
    const bad = run(['--port', '0', '--db', damaged, '--build', 'never']);
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/损坏/);

    const usage = run(['--port', '0']);
    expect(await usage.exited).toBe(2);
    expect(usage.output()).toContain('--db');
  });
});
