/**
 * `npm run hub -- user add|list|disable`: the console's accounts from the command line — the first 市局管理员
 * has no console to be created in. The password comes from standard input only (never an argument, which `ps`
 * shows, nor the environment).
 */
import { parseArgs } from 'node:util';
import { createUserInput, HUB_ROLE_LABELS } from '../../shared/hubConsole';
import type { HubDb } from '../db';
import { HubError } from '../errors';
import { CLI_ACTOR, recordAudit } from '../audit';
import { createHubUser, disableHubUser, listHubUsers, roleFromText } from './accounts';

export const USER_USAGE = `  user add --login 登录名 --role 市局管理员|市局主管 [--name 姓名]              添加控制台用户（密码从标准输入读取）
  user list                                                                   列出控制台用户
  user disable --login 登录名                                                 停用控制台用户（其登录随即失效）`;

/** A mistake in how the command was called (shown with the usage text). */
export const usageError = (message: string) => new HubError(400, 'USAGE', message);

export async function readPasswordLine(stdin: NodeJS.ReadableStream): Promise<string> {
  if ((stdin as NodeJS.ReadStream).isTTY) process.stderr.write('请输入密码后回车：');
  const chunks: Buffer[] = [];
  for await (const c of stdin) {
    chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
    if (c.includes('\n')) break;
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!line) throw new HubError(400, 'VALIDATION', '没有从标准输入读到密码（例如：echo "密码" | npm run hub -- user add …）');
  return line;
}

export interface UserCliIo {
  withDb<T>(flags: Record<string, string | boolean | undefined>, fn: (db: HubDb) => Promise<T>): Promise<T>;
  stdin: NodeJS.ReadableStream;
  out(line: string): void;
}

export async function hubUserCommand(argv: string[], io: UserCliIo): Promise<void> {
  const [sub, ...rest] = argv;
  let flags: Record<string, string | boolean | undefined>;
  try {
    flags = parseArgs({
      args: rest,
      options: {
        login: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        json: { type: 'boolean' },
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    throw usageError(`参数有误：${e instanceof Error ? e.message : String(e)}`);
  }
  if (flags['password'] !== undefined) throw usageError('出于安全，密码不能写在命令行参数里，请从标准输入提供');
  const need = (name: string): string => {
    const v = flags[name];
    if (typeof v !== 'string' || !v.trim()) throw usageError(`缺少参数 --${name}`);
    return v.trim();
  };
  if (sub === 'add') {
    const login = need('login');
    const role = roleFromText(need('role'));
    if (!role) throw usageError(`未知的角色“${String(flags['role'])}”，可用：${Object.values(HUB_ROLE_LABELS).join('、')}`);
    const password = await readPasswordLine(io.stdin);
    const input = createUserInput.safeParse({
      login,
      displayName: typeof flags['name'] === 'string' && flags['name'].trim() ? flags['name'] : login,
      role,
      password,
    });
    if (!input.success) throw new HubError(400, 'VALIDATION', input.error.issues[0]?.message ?? '参数有误');
    const u = await io.withDb(flags, async (db) => {
      const made = await createHubUser(db, input.data, new Date());
      await recordAudit(db, { userId: null, login: CLI_ACTOR, action: '新建市局账号', subject: made.login }, new Date());
      return made;
    });
    io.out(flags['json'] ? JSON.stringify(u) : `已添加市局控制台用户 ${u.login}（${u.displayName}，${HUB_ROLE_LABELS[u.role]}）`);
    return;
  }
  if (sub === 'list') {
    const list = await io.withDb(flags, (db) => listHubUsers(db));
    if (flags['json']) io.out(JSON.stringify(list));
    else
      for (const u of list)
        io.out(
          `${u.login}\t${u.displayName}\t${HUB_ROLE_LABELS[u.role]}\t${u.disabled ? '已停用' : '可用'}\t最近登录 ${u.lastLoginAt?.slice(0, 10) ?? '从未'}`,
        );
    return;
  }
  if (sub === 'disable') {
    const login = need('login');
    const u = await io.withDb(flags, async (db) => {
      const off = await disableHubUser(db, { login }, new Date());
      await recordAudit(db, { userId: null, login: CLI_ACTOR, action: '停用市局账号', subject: off.login }, new Date());
      return off;
    });
    io.out(flags['json'] ? JSON.stringify(u) : `已停用 ${u.login}（${u.displayName}），其登录已全部失效`);
    return;
  }
  throw usageError(`未知的子命令：user ${sub ?? ''}（可用：user add、user list、user disable）`);
}
