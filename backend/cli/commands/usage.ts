/** `import usage FILE` and `usage queue|lines|libraries`: extracts from the business systems from the command line. */
import path from 'node:path';
import type { Library, QueuePage, UsageImportResult, UsageLine } from '../../../shared/usage';
import { QUEUE_STATUS_LABELS } from '../../../shared/usage';
import { optionalString, parseFlags, UsageError } from '../../../shared/node/args';
import { callOp, dbTarget, withBackend } from '../open';
import type { Out } from './basic';
import { awaitJob, readInput } from './transfer';

export async function importUsageCommand(argv: string[], out: Out): Promise<void> {
  const { flags, positionals } = parseFlags(argv, { db: 'string', 'key-file': 'string', line: 'string', date: 'string', json: 'boolean' });
  const file = positionals[0];
  if (!file) throw new UsageError('缺少要导入的提取文件');
  const target = dbTarget(flags);
  const line = optionalString(flags, 'line');
  const asOf = optionalString(flags, 'date');
  if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--date 应为 YYYY-MM-DD，收到：${asOf}`);
  const bytes = readInput(file);
  const res = await withBackend(target, false, async (b) => {
    const { jobId } = await callOp<{ jobId: string }>(b, 'usage.importStart', {
      fileName: path.basename(file),
      dataBase64: bytes.toString('base64'),
      ...(line ? { line } : {}),
      ...(asOf ? { asOf } : {}),
    });
    await awaitJob(b, jobId);
    return callOp<UsageImportResult>(b, 'usage.importCommit', { jobId });
  });
  const { matched, queued, unmatched, facts } = res;
  if (flags['json']) {
    out(JSON.stringify({ matched, queued, unmatched, facts }));
    return;
  }
  out(
    `自动匹配 ${matched} 行，待核对 ${queued} 行，无候选 ${unmatched} 行；新增用邮信息 ${facts} 条，更新 ${res.factsUpdated} 条` +
      (res.discardedBefore ? `；${res.discardedBefore} 行此前已驳回` : '') +
      (res.problems.length
        ? `\n问题 ${res.problems.length} 处：` +
          res.problems
            .slice(0, 20)
            .map((p) => `\n  第 ${p.row} 行 ${p.column}：${p.message}`)
            .join('')
        : ''),
  );
}

async function queueCommand(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', 'key-file': 'string', all: 'boolean', json: 'boolean' });
  const status = flags['all'] ? 'all' : 'pending';
  const page = await withBackend(dbTarget(flags), false, async (b) => {
    const first = await callOp<QueuePage>(b, 'usage.queue', { status, limit: 20_000 });
    const rows = [...first.rows];
    while (rows.length < first.total) rows.push(...(await callOp<QueuePage>(b, 'usage.queue', { status, limit: 20_000, offset: rows.length })).rows);
    return { ...first, rows };
  });
  if (flags['json']) {
    out(JSON.stringify({ total: page.total, counts: page.counts, entries: page.rows }));
    return;
  }
  out(`待核对 ${page.counts.pending} 条（有候选 ${page.counts.ambiguous}，无候选 ${page.counts.unmatched}），已处理 ${page.counts.resolved} 条`);
  for (const e of page.rows) {
    out(
      `${QUEUE_STATUS_LABELS[e.status]}\t${e.line}\t${e.name}\t${e.phone ?? ''}\t${e.place ?? ''}\t${e.product ?? ''}\t候选 ${e.candidates}（最高 ${e.bestScore} 分）\t${e.fileName} 第 ${e.rowNumber} 行`,
    );
  }
}

async function listCommand(what: 'lines' | 'libraries', argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', 'key-file': 'string', json: 'boolean' });
  const rows = await withBackend(dbTarget(flags), false, (b) => callOp<(UsageLine | Library)[]>(b, what === 'lines' ? 'usage.lines' : 'usage.libraries', {}));
  if (flags['json']) out(JSON.stringify(rows));
  else
    for (const r of rows) {
      out(
        'aliases' in r
          ? `${r.name}\t别名：${r.aliases.join('、') || '—'}\t${r.customers} 户`
          : `${r.kind === 'line' ? '专业库' : '名址库'}\t${r.name}\t${r.count} 户`,
      );
    }
}

export async function usageCommand(argv: string[], out: Out): Promise<void> {
  const [what, ...rest] = argv;
  if (what === 'queue') return queueCommand(rest, out);
  if (what === 'lines' || what === 'libraries') return listCommand(what, rest, out);
  throw new UsageError(`未知的 usage 子命令：${what ?? ''}（可用：usage queue、usage lines、usage libraries）`);
}
