import { Worker } from 'node:worker_threads';
import { AppError, type Envelope, type ErrorPayload } from '../../shared/errors';
import type { BackendOptions, Caller } from './backend';
import type { BackendPort } from './types';

type OutMsg = { type: 'ready' } | { type: 'fatal'; error: ErrorPayload } | { type: 'result'; id: number; envelope: Envelope<unknown> } | { type: 'closed' };

/** Runs the backend in a worker thread; same call() as the in-process Backend. */
export class WorkerBackend implements BackendPort {
  private nextId = 1;
  private readonly pending = new Map<number, (e: Envelope<unknown>) => void>();
  private closing: Promise<void> | undefined;
  private onClosed: (() => void) | undefined;
  private exited = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (msg: OutMsg) => {
      if (msg.type === 'result') {
        this.pending.get(msg.id)?.(msg.envelope);
        this.pending.delete(msg.id);
      } else if (msg.type === 'closed') this.onClosed?.();
    });
    worker.on('exit', () => {
      this.exited = true;
      for (const resolve of this.pending.values()) {
        resolve({ ok: false, error: { code: 'INTERNAL', message: '数据库进程意外退出，请重新启动程序' } });
      }
      this.pending.clear();
      this.onClosed?.();
    });
  }

  /**
   * `entry` is the worker script: the built out/main/dbWorker.js under Electron, or backend/host/dbWorker.ts
   * under tsx (whose loader the worker inherits through execArgv).
   */
  static start(entry: URL | string, options: BackendOptions, execArgv?: string[]): Promise<WorkerBackend> {
    const worker = new Worker(entry, { workerData: options, ...(execArgv ? { execArgv } : {}) });
    return new Promise((resolve, reject) => {
      const onMessage = (msg: OutMsg) => {
        if (msg.type === 'ready') {
          worker.off('message', onMessage);
          resolve(new WorkerBackend(worker));
        } else if (msg.type === 'fatal') {
          worker.off('message', onMessage);
          void worker.terminate();
          reject(AppError.fromPayload(msg.error));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  }

  call(name: string, input: unknown, caller: Caller): Promise<Envelope<unknown>> {
    if (this.exited || this.closing) {
      return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: '数据库已关闭' } });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ type: 'call', id, name, input, caller });
    });
  }

  /** Waits for calls already queued, then a final snapshot. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      this.onClosed = resolve;
      this.worker.postMessage({ type: 'close' });
    });
    return this.closing;
  }
}
