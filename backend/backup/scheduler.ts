/**
 * Scheduled backups. The rule (when is the next one due) is a pure function; the scheduler only asks it every
 * minute. Clock and timer are injected, so tests move time instead of waiting for it.
 */
import type { BackupConfig, BackupOutcome } from '../../shared/backup';

/** After a failure (USB stick not plugged in), try again within the hour rather than a day later. */
export const RETRY_AFTER_FAILURE_MS = 60 * 60 * 1000;
export const CHECK_EVERY_MS = 60 * 1000;

export function nextDue(
  cfg: Pick<BackupConfig, 'destination' | 'intervalHours'>,
  last: BackupOutcome | null,
  lastSuccessAt: string | null,
  now: Date,
): Date | null {
  if (!cfg.destination || cfg.intervalHours <= 0) return null;
  const interval = cfg.intervalHours * 60 * 60 * 1000;
  const afterSuccess = lastSuccessAt ? new Date(lastSuccessAt).getTime() + interval : now.getTime();
  const afterFailure = last && !last.ok ? new Date(last.at).getTime() + Math.min(RETRY_AFTER_FAILURE_MS, interval) : 0;
  return new Date(Math.max(afterSuccess, afterFailure));
}

export interface Timer {
  every(fn: () => void, ms: number): () => void;
}

export const realTimer: Timer = {
  every: (fn, ms) => {
    const h = setInterval(fn, ms);
    // A pending backup check must never keep a closing process alive.
    h.unref();
    return () => clearInterval(h);
  },
};

export class BackupScheduler {
  private cancel: (() => void) | undefined;

  constructor(
    private readonly check: () => void,
    private readonly timer: Timer = realTimer,
  ) {}

  start(): void {
    this.cancel ??= this.timer.every(this.check, CHECK_EVERY_MS);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }
}
