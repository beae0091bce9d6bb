/**
 * Finding 5b: deeply nested JSON sent to any /api/ call of browser mode answered 500 "Maximum call stack size
 * exceeded" (the worker's structured clone recursed). It must be a 400 with a Chinese message, and so at the
 * hub's JSON endpoints.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../backend/web/server';
import { HUB_KINDS, startHub, type TestHub } from '../helpers/hub';
import { tmpDir } from '../helpers/tmp';

const DEPTH = 100_000;
const nested = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const BODIES: [string, string][] = [
  ['a bare nested array', nested],
  ['nested inside a field', `{"login":${nested},"password":"x"}`],
  ['nested objects', '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH)],
];

function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { Host: u.host, 'Content-Type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser mode refuses deeply nested JSON with a 400', () => {
  let server: WebServer;
  beforeAll(async () => {
    const renderer = tmpDir('renderer-');
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>t</title>');
    server = await startWebServer({ port: 0, dbPath: path.join(tmpDir('web-'), 'data'), rendererDir: renderer, build: 'never', log: () => {} });
  }, 60_000);
  afterAll(async () => server?.close());

  for (const [what, body] of BODIES) {
    it(`${what} to /api/auth.login`, async () => {
      const r = await post(`${server.url}/api/auth.login`, body, {});
      expect(r.status).toBe(400);
      const env = JSON.parse(r.body) as { ok: boolean; error: { code: string; message: string } };
      expect(env).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(env.error.message).toMatch(/层数过多/);
    });
  }

  it('ordinary nesting still works', async () => {
    const r = await post(`${server.url}/api/auth.state`, '{}', {});
    expect(r.status).toBe(200);
  });
});

describe('the hub refuses deeply nested JSON with a 400', () => {
  for (const kind of HUB_KINDS) {
    describe(kind, () => {
      let hub: TestHub;
      let token: string;
      beforeAll(async () => {
        hub = await startHub(kind);
        token = (await hub.addBranch('嵌套支局')).token;
      }, 60_000);
      afterAll(async () => hub?.stop(), 60_000);

      for (const [what, body] of [
        ...BODIES,
        ['nested inside a change', `{"node":"a1","changes":[{"id":"12345678","tbl":"customers","pk":"x","fields":{"name":${nested}},"hlc":"x","seen":0}]}`],
      ] as [string, string][]) {
        it(`${what} to /v1/push`, async () => {
          const r = await post(`${hub.url}/v1/push`, body, { Authorization: `Bearer ${token}` });
          expect(r.status).toBe(400);
          expect((JSON.parse(r.body) as { error: { message: string } }).error.message).toMatch(/层数过多/);
        });
      }
    });
  }
});
