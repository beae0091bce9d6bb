import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { Backend, type Session } from '../host/backend';
import { VERSION } from '../version';
import { readKeyFile } from '../db/cipher';
import { optionalString, requireString, type Flags } from '../../shared/node/args';

export const cliSession = (): Session => ({ actor: `命令行:${os.userInfo().username}`, role: 'admin' });

/**
 * Opens the database folder at `dbPath` for one command and always closes it (which writes the final
 * snapshot). File-system problems become Chinese messages naming the path instead of stack traces.
 */
export interface DbTarget {
  db: string;
  /** Key file of an encrypted database (`key create` makes one). */
  keyFile?: string | undefined;
}

export function dbTarget(flags: Flags): DbTarget {
  return { db: requireString(flags, 'db'), keyFile: optionalString(flags, 'key-file') };
}

export async function withBackend<T>(target: DbTarget, create: boolean, fn: (b: Backend) => Promise<T>): Promise<T> {
  const { db: dbPath, keyFile } = target;
  const dir = path.resolve(dbPath);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
    throw new AppError('VALIDATION', `--db 应指向数据库文件夹，而 ${dir} 是一个文件`);
  }
  if (!create && !fs.existsSync(dir)) throw new AppError('NOT_FOUND', `数据库不存在：${dir}（请先运行 init）`);
  let backend: Backend;
  try {
    backend = await Backend.open({ dir, create, version: VERSION, ...(keyFile ? { key: readKeyFile(keyFile) } : {}) });
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('STORAGE', `无权读取或写入数据库文件夹：${dir}`);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('NOT_FOUND', `无法访问数据库路径：${dir}`);
    throw e;
  }
  try {
    return await fn(backend);
  } finally {
    await backend.close();
  }
}

/** Calls one contract operation; an error envelope becomes an AppError for the CLI's error printer. */
export async function callOp<T>(b: Backend, name: string, input: unknown): Promise<T> {
  const env = await b.call(name, input, cliSession());
  if (!env.ok) throw AppError.fromPayload(env.error);
  return env.value as T;
}
