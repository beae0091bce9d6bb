/**
 * The 市局 console's API over branches that really synced: what each role may do (a 市局主管 reads and issues
 * campaigns, only a 市局管理员 registers, revokes and reissues), branch tokens from the console, campaigns by count
 * and by uploaded list (CSV in GBK, xlsx), the figures pages, report jobs, Chinese errors, and the page itself with
 * its CSP — on the embedded database and on PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { seedBranch } from '../../../backend/seed/generate';
import { configureHub, syncOnline } from '../../../backend/sync/hubLink';
import { createHubUser } from '../../../server/console/accounts';
import { cityReportWorkbook } from '../../../server/console/reportFiles';
import { createHub } from '../../../server/http';
import { HUB_KINDS, startHub, type TestHub } from '../../helpers/hub';
import { call } from '../../helpers/backend';
import { tmpDir } from '../../helpers/tmp';
import { consoleClient, type ConsoleClient } from './consoleClient';

const now = () => new Date();
const PW = { admin: 'City-admin-2027', sup: 'Zhu-guan-2027!' };

async function waitForJob(c: ConsoleClient, id: string): Promise<{ state: string; error: string | null; fileName: string | null }> {
  for (let i = 0; i < 200; i++) {
    const j = await c.get(`/reports/jobs/${id}`);
    if (j.body.state !== 'running') return j.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('report job did not finish');
}

for (const kind of HUB_KINDS) {
  describe(`hub console API (${kind === 'postgres' ? 'PostgreSQL' : 'embedded'})`, () => {
    let hub: TestHub;
    const branches: { name: string; id: string; token: string; b: Backend }[] = [];
    const admin = () => consoleClient(hub.url);
    let a: ConsoleClient;
    let s: ConsoleClient;

    beforeAll(async () => {
      hub = await startHub(kind);
      for (const [i, name] of ['北关支局', '南关支局'].entries()) {
        const { id, token } = await hub.addBranch(name);
        const b = await Backend.open({ dir: tmpDir('console-'), create: true });
        b.db.write('seed', (w) => seedBranch(w, { villages: 3, customers: 120 + 40 * i, seed: 31 + i, now: now(), actor: '测试' }));
        configureHub(b.db, b.sync, { hubUrl: hub.url, token });
        await syncOnline(b.db, b.sync, now);
        branches.push({ name, id, token, b });
      }
      await createHubUser(hub.db, { login: 'wang', displayName: '王管理', role: 'city_admin', password: PW.admin }, now());
      await createHubUser(hub.db, { login: 'zhang', displayName: '张主管', role: 'city_supervisor', password: PW.sup }, now());
      a = admin();
      s = consoleClient(hub.url);
      expect((await a.login('wang', PW.admin)).status).toBe(200);
      expect((await s.login('zhang', PW.sup)).status).toBe(200);
    }, 240_000);
    afterAll(async () => {
      for (const { b } of branches) await b.close();
      await hub.stop();
    }, 60_000);

    it('shows every synced branch with its customers, villages and last sync', async () => {
      const r = await s.get('/branches');
      expect(r.status).toBe(200);
      for (const { name, b } of branches) {
        const row = r.body.branches.find((x: { name: string }) => x.name === name);
        expect(row.customers).toBe(b.db.read((q) => q.value<number>('SELECT count(*) FROM customers WHERE deleted_at IS NULL')));
        expect(row.villages).toBe(3);
        expect(row.lastSyncAt).not.toBeNull();
      }
      const health = await s.get('/sync-health');
      expect(health.body.health.silent).toEqual([]);
    });

    it('lets only a 市局管理员 register, revoke and reissue branch tokens and manage accounts', async () => {
      const refused = await s.post('/branches', { name: '东关支局' });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({ error: { code: 'FORBIDDEN', message: '只有市局管理员可以进行此操作' } });
      expect((await s.get('/users')).status).toBe(403);
      expect((await s.post(`/branches/${branches[0]!.id}/revoke`)).status).toBe(403);
      expect((await s.post('/users', { login: 'li', displayName: '李', role: 'city_admin', password: PW.admin })).status).toBe(403);

      expect((await a.post('/branches', { name: '  ' })).body.error.message).toBe('请填写网点名称（name）');
      const made = await a.post('/branches', { name: '东关支局' });
      expect(made.status).toBe(200);
      expect(made.body.token).toMatch(/^b[0-9a-f]{12}\./);
      const pull = (token: string) => fetch(`${hub.url}/v1/pull?since=0`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
      expect(await pull(made.body.token)).toBe(200);
      expect((await a.post('/branches', { name: '东关支局' })).body.error.message).toMatch(/已有名为“东关支局”的网点/);

      const again = await a.post(`/branches/${made.body.id}/reissue`);
      expect(again.body.token).not.toBe(made.body.token);
      expect(await pull(made.body.token)).toBe(401);
      expect(await pull(again.body.token)).toBe(200);
      expect((await a.post(`/branches/${made.body.id}/revoke`)).status).toBe(200);
      expect(await pull(again.body.token)).toBe(401);
      const listed = (await s.get('/branches')).body.branches.find((x: { name: string }) => x.name === '东关支局');
      expect(listed.disabled).toBe(true);
      // A new token brings a revoked branch back.
      const back = await a.post(`/branches/${made.body.id}/reissue`);
      expect(await pull(back.body.token)).toBe(200);
      expect((await a.post('/branches/nope/reissue')).status).toBe(404);

      const user = await a.post('/users', { login: 'li', displayName: '李主管', role: 'city_supervisor', password: 'weakweak' });
      expect(user.status).toBe(400);
      expect(user.body.error.message).toMatch(/^密码不够安全/);
      expect((await a.post('/users', { login: 'li', displayName: '李主管', role: 'city_supervisor', password: 'Zhu-guan-2028' })).status).toBe(200);
      expect((await a.get('/users')).body.map((u: { login: string }) => u.login)).toEqual(['li', 'wang', 'zhang']);
    });

    it('issues a campaign by count per branch, shows its progress and one branch by carrier and village', async () => {
      const bad = await s.post('/campaigns', { name: '报刊大收订', channels: ['door'], counts: [] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe('请给各网点填写户数，或上传名单（二选一）');
      expect(
        (await s.post('/campaigns', { name: 'x', channels: ['pigeon'], counts: [{ branchId: branches[0]!.id, targetCount: 5 }] })).body.error.message,
      ).toMatch(/^未知的渠道/);
      expect((await s.post('/campaigns', { name: 'x', channels: ['door'], counts: [{ branchId: 'bnope', targetCount: 5 }] })).body.error.message).toMatch(
        /没有这些网点/,
      );

      const issued = await s.post('/campaigns', {
        name: '报刊大收订',
        channels: ['door'],
        products: ['报刊'],
        startDate: '2027-01-05',
        endDate: '2027-02-28',
        counts: branches.map((b) => ({ branchId: b.id, targetCount: 40 })),
      });
      expect(issued.status, JSON.stringify(issued.body)).toBe(200);
      const id = issued.body.id as string;
      for (const { b } of branches) {
        await syncOnline(b.db, b.sync, now);
        await call(b, 'campaigns.freeze', { id, filter: {}, limit: 40 }, { actor: '测试', role: 'admin' });
        await syncOnline(b.db, b.sync, now);
      }
      const list = await s.get('/campaigns');
      expect(list.body[0]).toMatchObject({ id, name: '报刊大收订', channels: ['door'], branches: 2 });
      const p = await s.get(`/campaigns/${id}`);
      expect(p.status).toBe(200);
      expect(p.body.branches.map((r: { branch: string; plan: number; targets: number }) => [r.branch, r.plan, r.targets])).toEqual([
        ['北关支局', 40, 40],
        ['南关支局', 40, 40],
      ]);
      expect(p.body.total.targets).toBe(80);
      const drill = await s.get(`/campaigns/${id}/branches/${branches[0]!.id}`);
      expect(drill.status).toBe(200);
      expect(drill.body.byVillage.reduce((n: number, r: { targets: number }) => n + r.targets, 0)).toBe(40);
      expect((await s.get('/campaigns/nope')).status).toBe(404);
    });

    it('issues a campaign from an uploaded list, CSV in GBK or xlsx', async () => {
      const ids = (b: Backend, n: number) => b.db.read((q) => q.all<{ id: string }>('SELECT id FROM customers ORDER BY id LIMIT ?', [n])).map((r) => r.id);
      const csv = [
        '网点,客户编号',
        ...ids(branches[0]!.b, 3).map((c) => `北关支局,${c}`),
        ...ids(branches[1]!.b, 2).map((c) => `${branches[1]!.id},${c}`),
      ].join('\r\n');
      const gbk = gbkBytes(csv);
      expect(new TextDecoder('gb18030').decode(gbk)).toBe(csv);
      const r = await s.post('/campaigns', { name: '邮储春季', channels: ['door', 'phone'], list: { fileName: '名单.csv', base64: gbk.toString('base64') } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ branches: 2, targets: 5 });

      const sheet = XLSX.utils.aoa_to_sheet([['客户编号', '所属网点'], ...ids(branches[1]!.b, 4).map((c) => [c, '南关支局'])]);
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, sheet, '名单');
      const xlsx = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
      const x = await s.post('/campaigns', { name: '邮储夏季', channels: ['door'], list: { fileName: '名单.xlsx', base64: xlsx.toString('base64') } });
      expect(x.status, JSON.stringify(x.body)).toBe(200);
      expect(x.body).toMatchObject({ branches: 1, targets: 4 });

      const wrong = await s.post('/campaigns', {
        name: '错名单',
        channels: ['door'],
        list: { fileName: '名单.csv', base64: Buffer.from('网点,客户编号\n北关支局,c-not-there\n').toString('base64') },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toMatch(/网点“北关支局”没有这些客户：c-not-there/);
      const gap = await s.post('/campaigns', {
        name: '错名单',
        channels: ['door'],
        list: { fileName: 'a.csv', base64: Buffer.from('网点,客户编号\n北关支局,\n').toString('base64') },
      });
      expect(gap.body.error.message).toBe('名单第 2 行缺少客户编号');
      expect((await s.post('/campaigns', { name: '错名单', channels: ['door'], list: { fileName: 'a.pdf', base64: 'JVBERi0=' } })).body.error.message).toBe(
        '名单应为 .csv 或 .xlsx 文件',
      );
    });

    it('answers the maintenance figures for a year, and refuses a year that is not one', async () => {
      const m = await s.get(`/maintenance?year=${now().getFullYear()}`);
      expect(m.status).toBe(200);
      expect(m.body.branches.map((r: { branch: string }) => r.branch)).toEqual(expect.arrayContaining(['北关支局', '南关支局']));
      const bad = await s.get('/maintenance?year=abc');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^年份应为数字/);
    });

    it('makes a cross-branch workbook as a job the page polls, and downloads it', async () => {
      expect((await s.post('/reports/jobs', { names: [] })).body.error.message).toBe('请至少选择一张报表（names）');
      expect((await s.post('/reports/jobs', { names: ['campaign'], from: '2027-13-1' })).body.error.message).toMatch(/日期格式应为 YYYY-MM-DD/);
      const started = await s.post('/reports/jobs', { names: ['campaign', 'maintenance', 'subsidy'] });
      expect(started.status).toBe(200);
      const done = await waitForJob(s, started.body.id);
      expect(done.state, done.error ?? '').toBe('done');
      // Another person's job is not theirs to see.
      expect((await a.get(`/reports/jobs/${started.body.id}`)).status).toBe(404);
      const file = await s.get(`/reports/jobs/${started.body.id}/file`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toMatch(/attachment; .*filename\*=UTF-8''/);
      const wb = XLSX.read(file.body as Buffer, { type: 'buffer' });
      const text = JSON.stringify(wb.SheetNames.map((n) => XLSX.utils.sheet_to_json(wb.Sheets[n]!, { header: 1 })));
      expect(wb.SheetNames.length).toBeGreaterThanOrEqual(3);
      for (const x of ['北关支局', '南关支局', '全市合计', '报刊大收订']) expect(text).toContain(x);
      // Laid out as the branch's workbooks are: a title said once, the scope, then the header.
      for (const n of wb.SheetNames) {
        const [title, scope] = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[n]!, { header: 1 }).map((r) => String(r[0]));
        expect(title).not.toMatch(/^(.+)：\1/);
        expect(scope).toMatch(/^范围：全市 {4}日期范围：全部日期/);
      }
    });

    it('cancels a report job', async () => {
      // An aborted workbook stops before it reads anything.
      const abort = new AbortController();
      abort.abort();
      await expect(cityReportWorkbook(hub.db, ['campaign'], { from: null, to: null }, { signal: abort.signal })).rejects.toThrow();
      if (kind !== 'postgres') return;
      // On PostgreSQL a lock held elsewhere keeps the job waiting, so the cancel surely comes first.
      const blocker = new pg.Client({ connectionString: hub.databaseUrl });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE branches IN ACCESS EXCLUSIVE MODE');
      try {
        const started = await s.post('/reports/jobs', { names: ['campaign', 'carriers'] });
        const cancelled = await s.post(`/reports/jobs/${started.body.id}/cancel`);
        expect(cancelled.body.state).toBe('cancelled');
        await blocker.query('ROLLBACK');
        await new Promise((r) => setTimeout(r, 500));
        expect((await s.get(`/reports/jobs/${started.body.id}`)).body.state).toBe('cancelled');
        expect((await s.get(`/reports/jobs/${started.body.id}/file`)).status).toBe(404);
      } finally {
        await blocker.end();
      }
    });

    it('serves the console page with a strict CSP beside the sync API', async () => {
      const dir = tmpDir('console-build-');
      fs.mkdirSync(path.join(dir, 'assets'));
      fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>市局控制台</title>');
      fs.writeFileSync(path.join(dir, 'assets', 'app-1.js'), 'console.log(1)');
      const h = createHub({ db: hub.db, console: { dir } });
      const base = `http://127.0.0.1:${await h.listen(0)}`;
      try {
        const page = await fetch(`${base}/`);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/text\/html/);
        const csp = page.headers.get('content-security-policy')!;
        expect(csp).toMatch(/script-src 'self';/);
        expect(csp).toMatch(/connect-src 'self';/);
        expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
        expect(page.headers.get('x-frame-options')).toBe('DENY');
        expect((await fetch(`${base}/assets/app-1.js`)).headers.get('content-type')).toMatch(/javascript/);
        expect((await fetch(`${base}/assets/..%2f..%2fpackage.json`)).status).toBe(404);
        expect((await fetch(`${base}/console/api/me`)).headers.get('content-security-policy')).toBe(csp);
        expect((await fetch(`${base}/console/api/nothing`)).status).toBe(401);
        expect(await (await fetch(`${base}/v1/health`)).json()).toMatchObject({ ok: true });
        expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
      } finally {
        await h.close();
      }
      const none = createHub({ db: hub.db, console: { dir: path.join(dir, 'missing') } });
      const nb = `http://127.0.0.1:${await none.listen(0)}`;
      try {
        const r = await fetch(`${nb}/`);
        expect(r.status).toBe(503);
        expect(await r.text()).toMatch(/npm run build:console/);
      } finally {
        await none.close();
      }
    });

    it('keeps an audit trail of every change made in the console, in words a 市局管理员 reads', async () => {
      expect((await consoleClient(hub.url).login('wang', 'not-the-password')).status).toBe(401);
      expect((await s.get('/audit')).status).toBe(403);
      const log = (await a.get('/audit')).body as { login: string; action: string; subject: string }[];
      const seen = (action: string, subject: string, login: string) => log.some((e) => e.action === action && e.subject.includes(subject) && e.login === login);
      expect(seen('登记网点', '东关支局', 'wang')).toBe(true);
      expect(seen('重新签发网点令牌', '东关支局', 'wang')).toBe(true);
      expect(seen('吊销网点令牌', '东关支局', 'wang')).toBe(true);
      expect(seen('新建市局账号', 'li', 'wang')).toBe(true);
      expect(seen('下发专项活动', '报刊大收订（2 个网点）', 'zhang')).toBe(true);
      expect(seen('导出各网点汇总', '营销活动汇总', 'zhang')).toBe(true);
      expect(seen('登录', '', 'zhang')).toBe(true);
      // A failed log-in names the login tried and claims nothing about who it was.
      expect(log[0]).toMatchObject({ login: 'wang', action: '登录失败' });
      // Refused requests changed nothing, so they are not in the trail as done.
      expect(log.filter((e) => e.login === 'zhang' && e.action === '登记网点')).toEqual([]);
      expect(JSON.stringify(log)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\/branches|city_admin/);
    });
  });
}

/** The bytes Excel on a Chinese Windows saves a CSV as: each character's two GBK bytes, found by decoding. */
function gbkBytes(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) for (let lo = 0x40; lo <= 0xfe; lo++) table.set(decoder.decode(Uint8Array.of(hi, lo)), [hi, lo]);
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}
