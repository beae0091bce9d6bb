/**
 * Runs sync by itself: every interval (default 10 minutes) while the hub answers; after a failure it backs
 * off — 30 s, 1, 2, 4 … minutes, never longer than the interval — so a line that comes back is used soon
 * and a hub that is down is not hammered. 立即同步 runs at once and restarts the timing.
 */
import type { AppError } from '../../shared/errors';
import type { LocalDatabase } from '../db/localDatabase';
import { hubLink, syncOnline } from './hubLink';
import type { SyncRunResult, SyncService } from './syncService';

const FIRST_RETRY_MS = 30_000;

export class SyncRunner {
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private started = false;
  private next: Date | null = null;

  constructor(
    private readonly db: LocalDatabase,
    private readonly sync: SyncService,
    private readonly now: () => Date,
  ) {}

  get nextAttemptAt(): Date | null {
    return this.next;
  }

  /** Starts the periodic runs (hosts with a user: the app and browser mode; not the CLI or tests). */
  start(firstDelayMs = 5_000): void {
    this.started = true;
    this.schedule(firstDelayMs);
  }

  stop(): void {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.next = null;
  }

  async runNow(): Promise<SyncRunResult> {
    try {
      const r = await syncOnline(this.db, this.sync, this.now);
      this.failures = 0;
      return r;
    } catch (e) {
      this.failures++;
      throw e;
    } finally {
      this.schedule();
    }
  }

  /** The delay before the next automatic run, from the interval and the failures in a row. */
  static delayMs(intervalMinutes: number, failures: number): number {
    const interval = intervalMinutes * 60_000;
    if (failures === 0) return interval;
    return Math.min(interval, FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 20));
  }

  private schedule(delayMs?: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    const link = hubLink(this.db);
    const wait = delayMs ?? SyncRunner.delayMs(link?.intervalMinutes ?? 10, this.failures);
    this.next = new Date(this.now().getTime() + wait);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!hubLink(this.db) || !this.sync.isEnabled) {
        this.schedule();
        return;
      }
      this.runNow().catch((e: AppError) => e);
    }, wait);
    this.timer.unref();
  }
}
