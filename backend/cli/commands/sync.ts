import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { exportSyncFile, importSyncReply } from '../../sync/branchFiles';
import { configureHub, hubLink } from '../../sync/hubLink';
import { beginRestore, finishRestore } from '../../sync/restore';
import { parseFlags, requireString, UsageError } from '../../../shared/node/args';
import { dbTarget, withBackend } from '../open';
import type { Out } from './basic';

/**
 * `sync --db PATH [--hub URL --token T] [--json]`: push and pull now. On a database folder that does not
 * exist yet it makes one and restores the branch's data from the hub (disaster recovery).
 * `sync export|import --db PATH --file F`: the same through sealed files, for a branch with no line.
 */
export async function syncCommand(argv: string[], out: Out): Promise<void> {
  if (argv[0] === 'export' || argv[0] === 'import') return syncFileCommand(argv[0], argv.slice(1), out);
  if (argv[0] && !argv[0].startsWith('--')) throw new UsageError(`未知的子命令：sync ${argv[0]}（可用：sync、sync export、sync import）`);
  const { flags } = parseFlags(argv, { db: 'string', 'key-file': 'string', hub: 'string', token: 'string', interval: 'string', json: 'boolean' });
  const target = dbTarget(flags);
  const hub = typeof flags['hub'] === 'string' ? flags['hub'] : undefined;
  const token = typeof flags['token'] === 'string' ? flags['token'] : undefined;
  if (Boolean(hub) !== Boolean(token)) throw new UsageError('--hub 和 --token 需要一起给出');
  const fresh = !fs.existsSync(path.resolve(target.db));
  if (fresh && !hub) throw new AppError('NOT_FOUND', `数据库不存在：${path.resolve(target.db)}；要从市局恢复，请同时给出 --hub 和 --token`);
  const result = await withBackend(target, fresh, async (b) => {
    const link = hubLink(b.db);
    const interval = typeof flags['interval'] === 'string' ? Number(flags['interval']) : undefined;
    if (fresh && hub && token) {
      beginRestore(b.db, b.sync, { hubUrl: hub, token, intervalMinutes: interval });
      const r = await b.syncRunner.runNow();
      finishRestore(b.db);
      return r;
    }
    if (hub && token && (!link || link.url !== hub.replace(/\/+$/, '') || link.token !== token.trim() || !b.sync.isEnabled)) {
      configureHub(b.db, b.sync, { hubUrl: hub, token, intervalMinutes: interval });
    }
    return b.syncRunner.runNow();
  });
  const summary = { pushed: result.pushed, pulled: result.pulled, conflicts: result.conflicts };
  if (flags['json']) out(JSON.stringify(summary));
  else
    out(
      `同步完成：上传 ${summary.pushed} 条，下载 ${summary.pulled} 条，新冲突 ${summary.conflicts} 条${result.rejected ? `，市局拒收 ${result.rejected} 条（见同步页）` : ''}`,
    );
}

async function syncFileCommand(kind: 'export' | 'import', argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', 'key-file': 'string', file: 'string', json: 'boolean' });
  const file = requireString(flags, 'file');
  if (kind === 'export') {
    if (fs.existsSync(file)) throw new AppError('CONFLICT', `${file} 已存在；为免覆盖，请换一个文件名`);
    const r = await withBackend(dbTarget(flags), false, async (b) => exportSyncFile(b.db, b.sync, new Date()));
    try {
      fs.writeFileSync(file, r.data, { flag: 'wx' });
    } catch (e) {
      throw new AppError('STORAGE', `无法写入 ${file}（${(e as NodeJS.ErrnoException).code ?? String(e)}）`);
    }
    if (flags['json']) out(JSON.stringify({ changes: r.changes, file }));
    else out(`已导出同步请求：${file}（${r.changes} 条变更）。请交市局处理，再导入返回的回执文件。`);
    return;
  }
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (e) {
    throw new AppError('NOT_FOUND', `无法读取 ${file}（${(e as NodeJS.ErrnoException).code ?? String(e)}）`);
  }
  const r = await withBackend(dbTarget(flags), false, async (b) => importSyncReply(b.db, b.sync, data, new Date()));
  const summary = { pushed: r.pushed, pulled: r.pulled, conflicts: r.conflicts };
  if (flags['json']) out(JSON.stringify(summary));
  else out(`已导入回执：市局收到 ${summary.pushed} 条，下载 ${summary.pulled} 条，新冲突 ${summary.conflicts} 条`);
}
