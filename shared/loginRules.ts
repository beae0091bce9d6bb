/**
 * How failed log-ins slow further attempts, for a branch's accounts and the city hub's alike: per account (the
 * doubling wait after three failures) and, against one password tried on many accounts, per source and over all
 * accounts within a window. The branch keeps its counts in memory, the hub in PostgreSQL (several hub processes
 * must share them); the numbers are one.
 */

/** Seconds a log-in must wait after `failures` consecutive failures of one account: none for the first three, then doubling. */
export function loginDelaySeconds(failures: number): number {
  return failures < 3 ? 0 : Math.min(2 ** (failures - 3) * 5, 300);
}

export interface ThrottleRule {
  /** Failures within the window before any wait. */
  free: number;
  /** Wait after the first failure past the free ones, doubling with each further one, up to maxSeconds. */
  firstSeconds: number;
  maxSeconds: number;
}

export const PER_SOURCE: ThrottleRule = { free: 5, firstSeconds: 10, maxSeconds: 300 };
export const OVERALL: ThrottleRule = { free: 20, firstSeconds: 10, maxSeconds: 120 };
/** Only failures this recent count towards the source and overall waits. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;

/** Milliseconds still to wait, given how many failures fell in the window and when the latest was. */
export function throttleWaitMs(rule: ThrottleRule, failuresInWindow: number, lastFailureMs: number, nowMs: number): number {
  if (failuresInWindow < rule.free) return 0;
  const seconds = Math.min(rule.firstSeconds * 2 ** (failuresInWindow - rule.free), rule.maxSeconds);
  return Math.max(0, lastFailureMs + seconds * 1000 - nowMs);
}
