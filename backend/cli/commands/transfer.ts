import fs from 'node:fs';
import path from 'node:path';
import type { FileDownload, ImportResult, JobStatus, Report } from '../../../shared/domain';
import { reportWorkbook } from '../../../shared/node/reportWorkbook';
import { normaliseHubUrl } from '../../sync/httpTransport';
import { AppError } from '../../../shared/errors';
import { REPORT_NAMES } from '../../../shared/domain';
import type { Backend } from '../../host/backend';
import { optionalString, parseFlags, requireString, UsageError } from '../../../shared/node/args';
import { callOp, dbTarget, withBackend } from '../open';
import type { Out } from './basic';

/** Waits for a job the same way the UI does (polling jobs.get), printing progress to stderr when asked. */
export async function awaitJob(b: Backend, jobId: string, onProgress?: (s: JobStatus) => void): Promise<JobStatus> {
  for (;;) {
    const s = await callOp<JobStatus>(b, 'jobs.get', { id: jobId });
    onProgress?.(s);
    if (s.state === 'done') return s;
    if (s.state !== 'running') throw new AppError(s.error?.code ?? 'INTERNAL', s.error?.message ?? s.phase);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function readInput(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError(
      'NOT_FOUND',
      code === 'ENOENT' ? `找不到文件：${file}` : code === 'EISDIR' ? `${file} 是文件夹，不是文件` : `无法读取文件 ${file}（${code ?? String(e)}）`,
    );
  }
}

export function writeOutput(file: string, data: Buffer): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, data);
  } catch (e) {
    throw new AppError('STORAGE', `无法写入 ${file}（${(e as NodeJS.ErrnoException).code ?? String(e)}）`);
  }
}

export async function importCommand(argv: string[], out: Out): Promise<void> {
  const [what, ...rest] = argv;
  if (what !== 'customers') throw new UsageError(`未知的导入类型：${what ?? ''}（可用：import customers FILE、import usage FILE --line 业务类别）`);
  const { flags, positionals } = parseFlags(rest, { db: 'string', 'key-file': 'string', 'on-duplicate': 'string', json: 'boolean', 'error-report': 'string' });
  const file = positionals[0];
  if (!file) throw new UsageError('缺少要导入的文件');
  const target = dbTarget(flags);
  const onDuplicate = optionalString(flags, 'on-duplicate') ?? 'skip';
  if (onDuplicate !== 'update' && onDuplicate !== 'skip') throw new UsageError('--on-duplicate 只能是 update 或 skip');
  const bytes = readInput(file);
  const result = await withBackend(target, false, async (b) => {
    const { jobId } = await callOp<{ jobId: string }>(b, 'customers.importStart', { fileName: path.basename(file), dataBase64: bytes.toString('base64') });
    await awaitJob(b, jobId);
    const res = await callOp<ImportResult>(b, 'customers.importCommit', { jobId, onDuplicate });
    const report = optionalString(flags, 'error-report');
    if (report && res.errors.length > 0) {
      const dl = await callOp<FileDownload>(b, 'customers.importErrorReport', { jobId });
      writeOutput(report, Buffer.from(dl.dataBase64, 'base64'));
    }
    return res;
  });
  const { inserted, updated, skipped, errors } = result;
  out(
    flags['json']
      ? JSON.stringify({ inserted, updated, skipped, errors })
      : `新增 ${inserted}，更新 ${updated}，跳过 ${skipped}，问题 ${errors.length} 处` +
          errors
            .slice(0, 20)
            .map((e) => `\n  第 ${e.row} 行 ${e.column}：${e.message}`)
            .join(''),
  );
}

async function exportReport(argv: string[], out: Out): Promise<void> {
  const [name, ...rest] = argv;
  const names = name === 'all' ? [...REPORT_NAMES] : REPORT_NAMES.filter((n) => n === name);
  if (names.length === 0) throw new UsageError(`未知的报表“${name ?? ''}”，可用：${REPORT_NAMES.join('、')} 或 all`);
  const { flags } = parseFlags(rest, {
    db: 'string',
    'key-file': 'string',
    out: 'string',
    from: 'string',
    to: 'string',
    json: 'boolean',
    hub: 'string',
    token: 'string',
  });
  const target = requireString(flags, 'out');
  const from = optionalString(flags, 'from');
  const to = optionalString(flags, 'to');
  const hub = optionalString(flags, 'hub');
  if (hub) {
    const data = await hubReportWorkbook(hub, requireString(flags, 'token'), names, from, to);
    writeOutput(target, data);
    out(flags['json'] ? JSON.stringify({ file: target, bytes: data.length, reports: names, hub }) : `已导出各网点汇总到 ${target}`);
    return;
  }
  const dl = await withBackend(dbTarget(flags), false, async (b) => {
    const { jobId } = await callOp<{ jobId: string }>(b, 'reports.exportStart', { names, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    await awaitJob(b, jobId);
    return callOp<FileDownload>(b, 'reports.exportResult', { jobId });
  });
  const data = Buffer.from(dl.dataBase64, 'base64');
  writeOutput(target, data);
  out(flags['json'] ? JSON.stringify({ file: target, bytes: data.length, reports: names }) : `已导出到 ${target}`);
}

/** The cross-branch versions, computed by the hub (a 市局 user's token) and written here as one workbook. */
async function hubReportWorkbook(hub: string, token: string, names: readonly string[], from?: string, to?: string): Promise<Buffer> {
  const base = normaliseHubUrl(hub);
  const query = new URLSearchParams({ names: names.join(','), ...(from ? { from } : {}), ...(to ? { to } : {}) });
  let res: Response;
  try {
    res = await fetch(`${base}/v1/admin/reports?${query}`, { headers: { authorization: `Bearer ${token.trim()}` }, signal: AbortSignal.timeout(15 * 60_000) });
  } catch {
    throw new AppError('OFFLINE', `连不上市局服务器（${base}）`);
  }
  const body = (await res.json().catch(() => null)) as { reports?: Report[]; error?: { message: string } } | null;
  if (!res.ok || !body?.reports)
    throw new AppError(res.status === 401 ? 'FORBIDDEN' : 'VALIDATION', body?.error?.message ?? `市局服务器拒绝了请求（${res.status}）`);
  return reportWorkbook(body.reports);
}

export async function exportCommand(argv: string[], out: Out): Promise<void> {
  const [what, ...rest] = argv;
  if (what === 'report') return exportReport(rest, out);
  if (what !== 'customers') throw new UsageError(`未知的导出类型：${what ?? ''}（可用：export customers、export report 报表名）`);
  const { flags } = parseFlags(rest, { db: 'string', 'key-file': 'string', out: 'string', json: 'boolean' });
  const source = dbTarget(flags);
  const target = requireString(flags, 'out');
  const dl = await withBackend(source, false, (b) => callOp<FileDownload>(b, 'customers.export', {}));
  const data = Buffer.from(dl.dataBase64, 'base64');
  writeOutput(target, data);
  out(flags['json'] ? JSON.stringify({ file: target, bytes: data.length }) : `已导出到 ${target}`);
}
