import fs from 'node:fs';
import { AppError } from '../../../shared/errors';
import { newKey } from '../../db/cipher';
import { parseFlags, requireString, UsageError } from '../../../shared/node/args';
import type { Out } from './basic';

/**
 * `key create --out FILE`: a new random 256-bit key for an encrypted database under plain Node (CLI, browser
 * mode). Written readable by its owner only; whoever holds the file can read the database.
 */
export async function keyCommand(argv: string[], out: Out): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'create') throw new UsageError(`未知的子命令：key ${sub ?? ''}（可用：key create --out 文件）`);
  const { flags } = parseFlags(rest, { out: 'string' });
  const file = requireString(flags, 'out');
  if (fs.existsSync(file)) throw new AppError('CONFLICT', `${file} 已存在；为免覆盖已有密钥，请换一个文件名`);
  try {
    fs.writeFileSync(file, newKey().toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    throw new AppError('STORAGE', `无法写入密钥文件 ${file}（${(e as NodeJS.ErrnoException).code ?? String(e)}）`);
  }
  out(`已生成密钥文件：${file}（请妥善保管并另存一份备份；丢失后加密的数据库无法打开）`);
}
