import fs from 'node:fs';
import path from 'node:path';
import type { BackupInspection, RestoreResult } from '../../../shared/backup';
import { formatBytes } from '../../../shared/backup';
import { AppError } from '../../../shared/errors';
import { derivePasswordKey } from '../../backup/keys';
import { verifyPassword } from '../../auth/passwords';
import type { Backend } from '../../host/backend';
import { parseFlags, requireString, UsageError } from '../../../shared/node/args';
import { callOp, cliSession, dbTarget, withBackend } from '../open';
import type { Out } from './basic';
import { readPassword } from './users';

/**
 * `backup --db PATH --out FILE`: a sealed, verified backup file. It opens with the data key (--key-file) and
 * with the backup password set in 设置 → 数据备份; an unencrypted database without one needs an administrator's
 * password from standard input (--password-stdin).
 */
export async function backupCommand(argv: string[], out: Out, stdin?: NodeJS.ReadableStream): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', 'key-file': 'string', out: 'string', 'password-stdin': 'boolean', login: 'string', json: 'boolean' });
  const target = dbTarget(flags);
  const file = path.resolve(requireString(flags, 'out'));
  const password = flags['password-stdin'] ? await readPassword(stdin) : undefined;
  const outcome = await withBackend(target, false, async (b) => {
    const isDir = fs.existsSync(file) && fs.statSync(file).isDirectory();
    if (!isDir && fs.existsSync(file)) throw new AppError('CONFLICT', `${file} 已存在；为免覆盖已有备份，请换一个文件名`);
    if (!isDir && !file.endsWith('.pbbak')) throw new UsageError('--out 应为以 .pbbak 结尾的文件名，或一个文件夹');
    const seal = {
      ...b.backups.sealWith(),
      ...(password ? { passwordKey: derivePasswordKey(adminLogin(b, password, flags['login']), password, new Date()) } : {}),
    };
    if (!seal.dataKey && !seal.passwordKey) {
      throw new AppError(
        'VALIDATION',
        '备份必须加密：这个数据库没有加密密钥，也未设置备份密码。请在命令后加 --password-stdin 并从标准输入提供管理员密码（或先在 设置 → 数据备份 中设置备份密码）',
      );
    }
    const idle = { progress: () => undefined, checkpoint: async () => undefined };
    return b.backups.backupTo({
      dest: isDir ? file : path.dirname(file),
      ...(isDir ? {} : { name: path.basename(file) }),
      seal,
      trigger: 'manual',
      who: cliSession(),
      ctl: idle,
    });
  });
  if (flags['json']) out(JSON.stringify({ file: outcome.file, bytes: outcome.bytes }));
  else out(`已备份并校验：${outcome.file}（${formatBytes(outcome.bytes ?? 0)}）`);
}

function adminLogin(b: Backend, password: string, login: unknown): string {
  const admins = b.db.read((r) =>
    r.all<{ login: string; password_hash: string }>("SELECT login, password_hash FROM users WHERE role = 'admin' AND disabled_at IS NULL"),
  );
  const hit = admins.find((a) => (typeof login !== 'string' || a.login === login) && verifyPassword(password, a.password_hash));
  if (!hit) throw new AppError('FORBIDDEN', '密码不是任何管理员账号的密码（可用 --login 指定管理员）');
  return hit.login;
}

/**
 * `restore --db PATH --file FILE`: prints what the backup holds and what the restore would lose; replaces the
 * data only with --yes, after keeping the current data aside as a safety copy. The password, when the backup
 * needs one, comes from standard input.
 */
export async function restoreCommand(argv: string[], out: Out, stdin?: NodeJS.ReadableStream): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', 'key-file': 'string', file: 'string', yes: 'boolean', json: 'boolean' });
  const target = dbTarget(flags);
  const source = { path: path.resolve(requireString(flags, 'file')) };
  const result = await withBackend(target, true, async (b) => {
    let password: string | undefined;
    let inspection = await callOp<BackupInspection>(b, 'backup.inspect', { source });
    if (inspection.state === 'locked' && inspection.needs.password) {
      password = await readPassword(stdin);
      inspection = await callOp<BackupInspection>(b, 'backup.inspect', { source, password });
    }
    if (inspection.state === 'locked') {
      if (inspection.wrong === 'password') throw new AppError('FORBIDDEN', `密码不正确：请提供管理员 ${inspection.needs.password ?? ''} 设置备份时的登录密码`);
      throw new AppError('LOCKED', '该备份只能用它的数据密钥打开：请用 --key-file 指定恢复密钥文件');
    }
    const c = inspection.contents;
    out(
      `备份：${c.branchName ?? '未命名网点'}，${new Date(c.createdAt).toLocaleString('zh-CN')}，${c.customers} 位客户、${c.visits} 条走访记录、${c.users} 个账号（程序版本 ${c.appVersion}）`,
    );
    if (inspection.refusal) throw new AppError('FORBIDDEN', inspection.refusal);
    out(inspection.loss.text);
    if (!flags['yes']) throw new AppError('CONFLICT', '未恢复，数据没有任何改动。确认上述内容后加 --yes 重新运行（恢复前会先把当前数据另存为安全副本）');
    return callOp<RestoreResult>(b, 'backup.restore', { source, confirmToken: inspection.confirmToken, ...(password ? { password } : {}) });
  });
  if (flags['json']) out(JSON.stringify(result));
  else out(`已恢复：${result.customers} 位客户、${result.visits} 条走访记录${result.safetyCopy ? `；恢复前的数据已另存为 ${result.safetyCopy}` : ''}`);
}
