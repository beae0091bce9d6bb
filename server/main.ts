/**
 * `npm run hub -- …`: the city hub.
 *   [serve] --port P [--host H] [--database-url URL | --data-dir DIR]   run the service (sync API and the 市局 console)
 *           [--idle-minutes N] [--behind-proxy]
 *   user add|list|disable                                             the console's accounts (password from stdin)
 *   branch add --name NAME                                            register a branch; prints its token once
 *   branch list
 *   campaign add --name N --channels door,letter [--products 报刊,储蓄] [--start D] [--end D] [--script TEXT]
 *                (--targets 网点=户数,网点=户数 | --list FILE.csv)      issue a campaign (专项营销活动)
 *   campaign list | campaign report --id ID [--json]
 *   file --in REQUEST --out REPLY                                     answer a branch's sync file
 * Storage: --database-url, else $DATABASE_URL (PostgreSQL), else the embedded database in --data-dir
 * (default ./hub-data).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Hlc } from '../shared/hlc';
import { parseFlags, requireString, UsageError, type Flags } from '../shared/node/args';
import { addBranch, listBranches } from './branches';
import { addAdmin } from './admins';
import { CLI_ACTOR, recordAudit } from './audit';
import { openHubDb, type HubDb } from './db';
import { HubError } from './errors';
import { handleSyncFile } from './files';
import { createHub } from './http';
import { issueCampaign } from './campaigns';
import { migrateHub } from './migrations';
import { hubCampaignReport, listHubCampaigns } from './reports';
import { HUB_LIST_LIMITS, toMb } from '../shared/limits';
import { ensureConsole } from './console/build';
import { hubUserCommand, USER_USAGE } from './console/userCli';

const USAGE = `用法：npm run hub -- [命令] [参数]
  [serve] --port 端口 [--host 地址] [--database-url URL | --data-dir 目录]    启动市局同步服务和市局控制台（浏览器打开 http://地址:端口/）
          [--idle-minutes 分钟（默认 15）] [--behind-proxy（在 HTTPS 反向代理之后时）]
${USER_USAGE}
  branch add --name 网点名称                                                  登记网点并显示其令牌（只显示这一次）
  branch list                                                                 列出网点
  campaign add --name 活动名称 --channels door,letter [--products 报刊] [--start 日期 --end 日期]
               (--targets 网点=户数,网点=户数 | --list 名单.csv)              下达专项营销活动
  campaign list | campaign report --id 编号 [--json]                          活动列表 / 各网点完成情况
  admin add --name 姓名                                                       登记市局用户，显示其令牌（用于各网点汇总报表）
  file --in 请求文件 --out 回执文件                                            处理无网络网点交来的同步文件
未给 --database-url 且未设 DATABASE_URL 时使用内置数据库（--data-dir，默认 ./hub-data）。`;

const STORAGE = { 'database-url': 'string', 'data-dir': 'string' } as const;
const LOCK = 'hub.lock';

async function open(flags: Flags): Promise<{ db: HubDb; dataDir: string | undefined }> {
  const url = (flags['database-url'] as string | undefined) ?? process.env['DATABASE_URL'];
  const dataDir = url ? undefined : path.resolve((flags['data-dir'] as string | undefined) ?? 'hub-data');
  const db = await openHubDb({ databaseUrl: url, dataDir });
  await migrateHub(db);
  return { db, dataDir };
}

/** The embedded database is one process's: a second one opening it would corrupt it. */
function assertNotServing(dataDir: string | undefined): void {
  if (!dataDir) return;
  const lock = path.join(dataDir, LOCK);
  if (!fs.existsSync(lock)) return;
  const pid = Number(fs.readFileSync(lock, 'utf8'));
  try {
    process.kill(pid, 0);
  } catch {
    return; // a stale lock from a process that is gone
  }
  throw new HubError(409, 'CONFLICT', `内置数据库正被运行中的市局服务（进程 ${pid}）使用，请先停止服务再执行此命令，或改用 PostgreSQL（--database-url）`);
}

async function serve(argv: string[]): Promise<void> {
  const { flags } = parseFlags(argv, { port: 'string', host: 'string', 'idle-minutes': 'string', 'behind-proxy': 'boolean', ...STORAGE });
  const port = Number(flags['port'] ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port 应为 0–65535 的整数');
  const idleMinutes = Number(flags['idle-minutes'] ?? '15');
  if (!Number.isInteger(idleMinutes) || idleMinutes < 1 || idleMinutes > 24 * 60) throw new UsageError('--idle-minutes 应为 1–1440 的整数');
  // A fresh clone has no built console yet: build it before the first supervisor asks for it.
  await ensureConsole((line) => console.log(line));
  const { db, dataDir } = await open(flags);
  if (dataDir) {
    assertNotServing(dataDir);
    fs.writeFileSync(path.join(dataDir, LOCK), String(process.pid));
  }
  const hub = createHub({ db, console: { idleMinutes, trustProxy: flags['behind-proxy'] === true } });
  const bound = await hub.listen(port, (flags['host'] as string | undefined) ?? '127.0.0.1');
  console.log(
    `市局同步服务已启动：http://${(flags['host'] as string | undefined) ?? '127.0.0.1'}:${bound}（存储：${db.kind === 'postgres' ? 'PostgreSQL' : `内置数据库 ${dataDir}`}）`,
  );
  const stop = async () => {
    await hub.close();
    await db.close();
    if (dataDir) fs.rmSync(path.join(dataDir, LOCK), { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function withDb<T>(flags: Flags, fn: (db: HubDb) => Promise<T>): Promise<T> {
  const url = (flags['database-url'] as string | undefined) ?? process.env['DATABASE_URL'];
  if (!url) assertNotServing(path.resolve((flags['data-dir'] as string | undefined) ?? 'hub-data'));
  const { db } = await open(flags);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const hlc = () => new Hlc(`hub${crypto.randomBytes(4).toString('hex')}`, Date.now);

async function branchCmd(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const { flags } = parseFlags(rest, { name: 'string', json: 'boolean', ...STORAGE });
  if (sub === 'add') {
    const name = requireString(flags, 'name');
    const b = await withDb(flags, async (db) => {
      const added = await addBranch(db, name);
      await recordAudit(db, { userId: null, login: CLI_ACTOR, action: '登记网点', subject: added.name }, new Date());
      return added;
    });
    if (flags['json']) console.log(JSON.stringify(b));
    else console.log(`已登记网点：${b.name}（编号 ${b.id}）\n网点令牌（只显示这一次，请当面或加密交给网点，在其 设置 → 同步 中填写）：\n${b.token}`);
    return;
  }
  if (sub === 'list') {
    const list = await withDb(flags, (db) => listBranches(db));
    if (flags['json']) console.log(JSON.stringify(list));
    else for (const b of list) console.log(`${b.id}\t${b.name}\t${b.createdAt.slice(0, 10)}\t${b.rows} 条记录`);
    return;
  }
  throw new UsageError(`未知的子命令：branch ${sub ?? ''}`);
}

function readList(file: string): Map<string, string[]> {
  let text: string;
  try {
    // Sized before it is read: the whole list is held, split and sent to the database in one transaction.
    if (fs.statSync(file).size > HUB_LIST_LIMITS.maxBytes) {
      throw new HubError(400, 'VALIDATION', `文件过大：名单文件 ${file} 超过 ${toMb(HUB_LIST_LIMITS.maxBytes)} MB，请分几个活动下达`);
    }
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof HubError) throw e;
    throw new HubError(404, 'NOT_FOUND', `无法读取名单文件 ${file}（${(e as NodeJS.ErrnoException).code ?? String(e)}）`);
  }
  const lines = text.split(/\r?\n/);
  if (lines.length > HUB_LIST_LIMITS.maxRows + 2) {
    throw new HubError(400, 'VALIDATION', `文件过大：名单文件 ${file} 超过 ${HUB_LIST_LIMITS.maxRows.toLocaleString('zh-CN')} 行，请分几个活动下达`);
  }
  const byBranch = new Map<string, string[]>();
  lines.forEach((line, i) => {
    const [branch, customer] = line.split(',').map((x) => x?.trim() ?? '');
    if (!line.trim() || (i === 0 && /网点|branch/i.test(branch ?? ''))) return;
    if (!branch || !customer) throw new HubError(400, 'VALIDATION', `名单第 ${i + 1} 行应为“网点名称,客户编号”`);
    byBranch.set(branch, [...(byBranch.get(branch) ?? []), customer]);
  });
  if (!byBranch.size) throw new HubError(400, 'VALIDATION', '名单文件是空的');
  return byBranch;
}

async function campaignCmd(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const { flags } = parseFlags(rest, {
    name: 'string',
    channels: 'string',
    products: 'string',
    start: 'string',
    end: 'string',
    script: 'string',
    targets: 'string',
    list: 'string',
    id: 'string',
    json: 'boolean',
    ...STORAGE,
  });
  if (sub === 'add') {
    const split = (v: unknown) =>
      typeof v === 'string'
        ? v
            .split(/[,，]/)
            .map((x) => x.trim())
            .filter(Boolean)
        : [];
    let branches: { branch: string; targetCount?: number; customerIds?: string[] }[];
    if (typeof flags['list'] === 'string') {
      branches = [...readList(flags['list'])].map(([branch, customerIds]) => ({ branch, customerIds }));
    } else {
      branches = split(requireString(flags, 'targets')).map((pair) => {
        const m = /^(.+?)[=＝](\d+)$/.exec(pair);
        if (!m) throw new UsageError(`--targets 的每一项应为“网点名称=户数”，收到：${pair}`);
        return { branch: m[1]!.trim(), targetCount: Number(m[2]) };
      });
    }
    const r = await withDb(flags, async (db) => {
      const issued = await issueCampaign(
        db,
        {
          name: requireString(flags, 'name'),
          channels: split(requireString(flags, 'channels')),
          products: split(flags['products']),
          startDate: (flags['start'] as string | undefined) ?? null,
          endDate: (flags['end'] as string | undefined) ?? null,
          script: (flags['script'] as string | undefined) ?? null,
          branches,
        },
        hlc(),
        new Date(),
      );
      await recordAudit(
        db,
        { userId: null, login: CLI_ACTOR, action: '下发专项活动', subject: `${String(flags['name'])}（${issued.branches} 个网点）` },
        new Date(),
      );
      return issued;
    });
    if (flags['json']) console.log(JSON.stringify(r));
    else console.log(`已下达活动（编号 ${r.id}）到 ${r.branches} 个网点${r.targets ? `，名单共 ${r.targets} 户` : ''}；各网点下次同步时收到。`);
    return;
  }
  if (sub === 'list') {
    const list = await withDb(flags, (db) => listHubCampaigns(db));
    if (flags['json']) console.log(JSON.stringify(list));
    else for (const c of list) console.log(`${c.id}\t${c.name}\t${c.createdAt.slice(0, 10)}\t${c.branches} 个网点`);
    return;
  }
  if (sub === 'report') {
    const r = await withDb(flags, (db) => hubCampaignReport(db, requireString(flags, 'id')));
    if (flags['json']) {
      console.log(JSON.stringify(r));
      return;
    }
    console.log(`${r.name}`);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    for (const b of [...r.branches, { ...r.total, branch: '合计' }]) {
      console.log(
        `${b.branch}\t下达 ${b.targetCount ?? '-'}\t目标 ${b.targets}\t已分派 ${b.assigned}\t已走访 ${b.visited}\t反馈率 ${pct(b.feedbackRate)}\t成功率 ${pct(b.successRate)}\t收入 ¥${(b.revenueFen / 100).toFixed(2)}`,
      );
    }
    return;
  }
  throw new UsageError(`未知的子命令：campaign ${sub ?? ''}`);
}

async function adminCmd(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'add') throw new UsageError(`未知的子命令：admin ${sub ?? ''}（可用：admin add --name 姓名）`);
  const { flags } = parseFlags(rest, { name: 'string', json: 'boolean', ...STORAGE });
  const name = requireString(flags, 'name');
  const a = await withDb(flags, async (db) => {
    const added = await addAdmin(db, name);
    await recordAudit(db, { userId: null, login: CLI_ACTOR, action: '登记报表令牌', subject: added.name }, new Date());
    return added;
  });
  if (flags['json']) console.log(JSON.stringify(a));
  else
    console.log(
      `已登记市局用户：${a.name}\n令牌（只显示这一次）：\n${a.token}\n导出各网点汇总：npm run cli -- export report all --hub 地址 --token 令牌 --out 汇总.xlsx`,
    );
}

async function fileCmd(argv: string[]): Promise<void> {
  const { flags } = parseFlags(argv, { in: 'string', out: 'string', ...STORAGE });
  const inFile = requireString(flags, 'in');
  const outFile = requireString(flags, 'out');
  if (fs.existsSync(outFile)) throw new HubError(409, 'CONFLICT', `${outFile} 已存在；为免覆盖，请换一个文件名`);
  let data: Buffer;
  try {
    data = fs.readFileSync(inFile);
  } catch (e) {
    throw new HubError(404, 'NOT_FOUND', `无法读取 ${inFile}（${(e as NodeJS.ErrnoException).code ?? String(e)}）`);
  }
  const reply = await withDb(flags, (db) => handleSyncFile(db, data, hlc(), () => new Date()));
  fs.writeFileSync(outFile, reply, { flag: 'wx' });
  console.log(`已生成回执：${outFile}，请交回网点导入。`);
}

export async function runHubCli(argv: string[], stdin: NodeJS.ReadableStream = process.stdin, out: (line: string) => void = console.log): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (!cmd || cmd.startsWith('--') || cmd === 'serve') await serve(cmd === 'serve' ? rest : argv);
    else if (cmd === 'branch') await branchCmd(rest);
    else if (cmd === 'campaign') await campaignCmd(rest);
    else if (cmd === 'file') await fileCmd(rest);
    else if (cmd === 'admin') await adminCmd(rest);
    else if (cmd === 'user')
      await hubUserCommand(rest, { withDb, stdin, out }).catch((e: unknown) => {
        throw e instanceof HubError && e.code === 'USAGE' ? new UsageError(e.message) : e;
      });
    else if (cmd === 'help' || cmd === '--help') console.log(USAGE);
    else throw new UsageError(`未知命令：${cmd}`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`错误：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  void runHubCli(process.argv.slice(2)).then((code) => {
    if (code !== 0) process.exitCode = code;
  });
}
