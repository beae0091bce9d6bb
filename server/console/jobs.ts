/**
 * Report jobs of the 报表 page: started by one request, polled by later ones that may reach another hub process,
 * so their state and the finished file live in PostgreSQL. The process that started a job runs it and keeps a
 * heartbeat; a job whose heartbeat stopped (its process ended) reads as failed. Cancelling marks the row and
 * the runner, seeing it at its next step, stops without overwriting that.
 */
import crypto from 'node:crypto';
import { REPORT_TITLES, type ReportName } from '../../shared/domain';
import type { ReportJob, ReportJobInput, ReportJobState } from '../../shared/hubConsole';
import { log } from '../../shared/log';
import type { HubDb } from '../db';
import { HubError } from '../errors';
import { cityReportWorkbook } from './reportFiles';

const HEARTBEAT_MS = 5_000;
/** A running job not heard from for this long belonged to a process that stopped. */
const STALE_MS = 60_000;
/** Finished files are kept this long for the page to fetch. */
const KEEP_MS = 3600_000;

interface JobRow {
  id: string;
  state: ReportJobState;
  done: number;
  total: number;
  step: string;
  error: string | null;
  file_name: string | null;
  bytes: unknown;
  updated_at: Date | string;
}

const running = new Map<string, AbortController>();

export async function startReportJob(db: HubDb, userId: string, input: ReportJobInput, now: () => Date): Promise<ReportJob> {
  const at = now();
  await db.query('DELETE FROM hub_report_jobs WHERE created_at < $1', [new Date(at.getTime() - KEEP_MS)]);
  const id = crypto.randomUUID();
  const period = { from: input.from ?? null, to: input.to ?? null };
  await db.query(
    `INSERT INTO hub_report_jobs (id, user_id, names, period, state, total, step, created_at, updated_at) VALUES ($1, $2, $3::jsonb, $4::jsonb, 'running', $5, '排队中', $6, $6)`,
    [id, userId, JSON.stringify(input.names), JSON.stringify(period), input.names.length + 1, at],
  );
  const abort = new AbortController();
  running.set(id, abort);
  void run(db, id, input.names, period, abort, now).finally(() => running.delete(id));
  return getReportJob(db, userId, id, now);
}

async function run(
  db: HubDb,
  id: string,
  names: readonly ReportName[],
  period: { from: string | null; to: string | null },
  abort: AbortController,
  now: () => Date,
): Promise<void> {
  let progress = { done: 0, step: '排队中' };
  // Progress is written by the heartbeat, never awaited from inside the report's transaction: the embedded
  // database has one connection, and waiting there for a second statement would wait forever.
  const beat = async () => {
    const rows = await db.query<{ state: string }>(
      "UPDATE hub_report_jobs SET done = $2, step = $3, updated_at = $4 WHERE id = $1 AND state = 'running' RETURNING state",
      [id, progress.done, progress.step, now()],
    );
    if (!rows.length) abort.abort();
  };
  const timer = setInterval(() => void beat().catch(() => undefined), HEARTBEAT_MS);
  try {
    const file = await cityReportWorkbook(db, names, period, {
      now: now(),
      signal: abort.signal,
      onProgress: (done, _total, step) => {
        progress = { done, step };
        void beat().catch(() => undefined);
      },
    });
    const fileName = `各网点汇总-${names
      .map((n) => REPORT_TITLES[n])
      .join('、')
      .slice(0, 60)}-${now().toISOString().slice(0, 10)}.xlsx`;
    await db.query(
      "UPDATE hub_report_jobs SET state = 'done', done = total, step = '已完成', file = $2, file_name = $3, updated_at = $4 WHERE id = $1 AND state = 'running'",
      [id, file, fileName, now()],
    );
  } catch (e) {
    if (!abort.signal.aborted) log.error('hub console: report job failed', e);
    const message = abort.signal.aborted ? '已取消' : `生成失败：${e instanceof Error ? e.message : String(e)}`;
    await db
      .query("UPDATE hub_report_jobs SET state = 'failed', error = $2, updated_at = $3 WHERE id = $1 AND state = 'running'", [id, message, now()])
      .catch(() => undefined);
  } finally {
    clearInterval(timer);
  }
}

export async function getReportJob(db: HubDb, userId: string, id: string, now: () => Date): Promise<ReportJob> {
  const r = (
    await db.query<JobRow>(
      'SELECT id, state, done, total, step, error, file_name, octet_length(file) AS bytes, updated_at FROM hub_report_jobs WHERE id = $1 AND user_id = $2',
      [id, userId],
    )
  )[0];
  if (!r) throw new HubError(404, 'NOT_FOUND', '没有这个报表任务（可能已过期，请重新生成）');
  const stale = r.state === 'running' && !running.has(id) && now().getTime() - new Date(r.updated_at).getTime() > STALE_MS;
  return {
    id: r.id,
    state: stale ? 'failed' : r.state,
    done: Number(r.done),
    total: Number(r.total),
    step: r.step,
    error: stale ? '生成中断（市局服务重启过），请重新生成' : r.error,
    fileName: r.file_name,
    bytes: r.bytes === null || r.bytes === undefined ? null : Number(r.bytes),
  };
}

export async function cancelReportJob(db: HubDb, userId: string, id: string, now: () => Date): Promise<ReportJob> {
  await db.query("UPDATE hub_report_jobs SET state = 'cancelled', step = '已取消', updated_at = $3 WHERE id = $1 AND user_id = $2 AND state = 'running'", [
    id,
    userId,
    now(),
  ]);
  running.get(id)?.abort();
  return getReportJob(db, userId, id, now);
}

export async function reportJobFile(db: HubDb, userId: string, id: string): Promise<{ fileName: string; file: Buffer }> {
  const r = (
    await db.query<{ file_name: string; file: Buffer | Uint8Array }>(
      "SELECT file_name, file FROM hub_report_jobs WHERE id = $1 AND user_id = $2 AND state = 'done'",
      [id, userId],
    )
  )[0];
  if (!r) throw new HubError(404, 'NOT_FOUND', '工作簿还没有生成好，或已过期（保留一小时），请重新生成');
  return { fileName: r.file_name, file: Buffer.from(r.file) };
}
