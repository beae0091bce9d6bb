/**
 * Long work (import, export) runs as a job: the call that starts it returns at once with an id, the UI polls
 * its progress and may cancel it. Jobs yield between chunks so other calls are served meanwhile.
 */
import { AppError, toErrorPayload } from '../../shared/errors';
import type { JobStatus } from '../../shared/domain';
import { newId } from './ids';

export interface JobControl {
  progress(done: number, total: number, phase?: string): void;
  /** Lets other calls run; throws if the job was cancelled. */
  checkpoint(): Promise<void>;
}

interface JobEntry {
  status: JobStatus;
  result: unknown;
  cancelled: boolean;
  finishedAt: number | null;
}

const KEEP_FINISHED_MS = 60 * 60 * 1000;

export class JobRegistry {
  private readonly jobs = new Map<string, JobEntry>();

  start(kind: string, run: (ctl: JobControl) => Promise<unknown>): string {
    this.expire();
    const id = newId();
    const entry: JobEntry = {
      status: { id, kind, state: 'running', phase: '准备中', done: 0, total: 0 },
      result: undefined,
      cancelled: false,
      finishedAt: null,
    };
    this.jobs.set(id, entry);
    const ctl: JobControl = {
      progress: (done, total, phase) => {
        entry.status = { ...entry.status, done, total, ...(phase ? { phase } : {}) };
      },
      checkpoint: async () => {
        await new Promise((r) => setImmediate(r));
        if (entry.cancelled) throw new AppError('VALIDATION', '已取消');
      },
    };
    void run(ctl).then(
      (result) => {
        entry.result = result;
        entry.status = { ...entry.status, state: 'done', phase: '完成' };
        entry.finishedAt = Date.now();
      },
      (e: unknown) => {
        entry.status = entry.cancelled
          ? { ...entry.status, state: 'cancelled', phase: '已取消' }
          : { ...entry.status, state: 'failed', phase: '失败', error: toErrorPayload(e) };
        entry.finishedAt = Date.now();
      },
    );
    return id;
  }

  /** Runs a job to completion (CLI and tests). */
  async run<T>(kind: string, run: (ctl: JobControl) => Promise<T>): Promise<T> {
    const id = this.start(kind, run);
    for (;;) {
      const s = this.status(id);
      if (s.state === 'done') return this.result<T>(id, kind);
      if (s.state !== 'running') throw new AppError(s.error?.code ?? 'INTERNAL', s.error?.message ?? s.phase);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  status(id: string): JobStatus {
    const e = this.jobs.get(id);
    if (!e) throw new AppError('NOT_FOUND', '该任务不存在或已过期，请重新开始');
    return e.status;
  }

  result<T>(id: string, kind: string): T {
    const e = this.jobs.get(id);
    if (!e || e.status.kind !== kind) throw new AppError('NOT_FOUND', '该任务不存在或已过期，请重新开始');
    if (e.status.state !== 'done') throw new AppError('CONFLICT', e.status.state === 'running' ? '任务尚未完成' : `任务${e.status.phase}`);
    return e.result as T;
  }

  cancel(id: string): JobStatus {
    const e = this.jobs.get(id);
    if (!e) throw new AppError('NOT_FOUND', '该任务不存在或已过期');
    if (e.status.state === 'running') e.cancelled = true;
    return e.status;
  }

  /** Drops a finished job's result (e.g. once an import preview has been committed). */
  forget(id: string): void {
    this.jobs.delete(id);
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, e] of this.jobs) if (e.finishedAt !== null && now - e.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}
