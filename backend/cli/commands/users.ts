import type { Role, UserInfo } from '../../../shared/domain';
import { ROLE_LABELS, ROLES } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { optionalString, parseFlags, requireString, UsageError } from '../../../shared/node/args';
import { callOp, dbTarget, withBackend } from '../open';
import type { Out } from './basic';

const ROLE_BY_LABEL = new Map<string, Role>(ROLES.flatMap((r) => [[ROLE_LABELS[r], r] as [string, Role], [r, r] as [string, Role]]));

/** The password comes from standard input only: never an argument (visible in `ps`) or the environment. */
export async function readPassword(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if ((stdin as NodeJS.ReadStream).isTTY) process.stderr.write('请输入密码后回车：');
  const chunks: Buffer[] = [];
  for await (const c of stdin) {
    chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
    if (Buffer.concat(chunks).includes(10)) break;
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!line) throw new AppError('VALIDATION', '没有从标准输入读到密码（例如：echo "密码" | npm run cli -- user add …）');
  return line;
}

export async function userCommand(argv: string[], out: Out, stdin?: NodeJS.ReadableStream): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'add') throw new UsageError(`未知的子命令：user ${sub ?? ''}（可用：user add）`);
  const { flags } = parseFlags(rest, {
    db: 'string',
    'key-file': 'string',
    login: 'string',
    role: 'string',
    name: 'string',
    json: 'boolean',
    password: 'string',
  });
  if (flags['password'] !== undefined) throw new UsageError('出于安全，密码不能写在命令行参数里，请从标准输入提供');
  const target = dbTarget(flags);
  const login = requireString(flags, 'login');
  const roleText = requireString(flags, 'role');
  const role = ROLE_BY_LABEL.get(roleText);
  if (!role) throw new UsageError(`未知的角色“${roleText}”，可用：${ROLES.map((r) => ROLE_LABELS[r]).join('、')}`);
  const password = await readPassword(stdin);
  const user = await withBackend(target, false, (b) =>
    callOp<UserInfo>(b, 'users.create', { login, displayName: optionalString(flags, 'name') ?? login, role, password }),
  );
  out(flags['json'] ? JSON.stringify({ id: user.id, login: user.login, role: user.role }) : `已添加用户 ${user.login}（${ROLE_LABELS[user.role]}）`);
}
