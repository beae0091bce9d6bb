/**
 * Slow-down of failed log-ins by where they come from and over all accounts together, beside the per-account
 * one in users.ts. Per account alone, one password tried once against every account (password spraying) is
 * never slowed. A source is what the host can vouch for: the Electron window, or the browser client's address
 * (always the loopback one: browser mode listens on 127.0.0.1, so there it is in effect one more overall bound).
 *
 * Only failures in the last 15 minutes count, and the first few are free: a clerk who mistypes is never held
 * up, and nobody is locked out for good — after the wait, the next attempt is heard. The overall bound lets
 * many sources together be slowed too; its wait is shorter, since an attacker can also make the real users wait.
 *
 * Kept in memory: the counts only need to outlive a burst of guesses, and a restart (which a guesser cannot
 * cause) merely gives back the few free tries.
 */

// The numbers are shared with the city hub, which keeps its counts in PostgreSQL instead.
import { OVERALL, PER_SOURCE, THROTTLE_WINDOW_MS as WINDOW_MS, throttleWaitMs, type ThrottleRule as Rule } from '../../shared/loginRules';

export { OVERALL, PER_SOURCE };
const ALL = '*';
/** Sources remembered at most; the oldest quiet ones go first. Hosts name sources, callers cannot invent them. */
const MAX_SOURCES = 1000;

export interface Hold {
  seconds: number;
  scope: 'source' | 'overall';
  message: string;
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  /** Why a log-in from `source` must wait now, or null to go ahead. */
  check(source: string, now: Date): Hold | null {
    const t = now.getTime();
    const own = this.waitMs(source, PER_SOURCE, t);
    if (own > 0) return { seconds: Math.ceil(own / 1000), scope: 'source', message: `这台电脑登录失败次数过多，请 ${Math.ceil(own / 1000)} 秒后再试` };
    const all = this.waitMs(ALL, OVERALL, t);
    if (all > 0) {
      return {
        seconds: Math.ceil(all / 1000),
        scope: 'overall',
        message: `近期各账号登录失败次数过多，为防止有人猜测密码，请 ${Math.ceil(all / 1000)} 秒后再试`,
      };
    }
    return null;
  }

  /** Records a failed log-in; returns the scopes that begin to wait with it (for the audit log). */
  fail(source: string, now: Date): ('source' | 'overall')[] {
    const t = now.getTime();
    const started: ('source' | 'overall')[] = [];
    if (this.add(source, PER_SOURCE, t) === PER_SOURCE.free) started.push('source');
    if (this.add(ALL, OVERALL, t) === OVERALL.free) started.push('overall');
    return started;
  }

  private recent(key: string, t: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((at) => t - at < WINDOW_MS);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  private waitMs(key: string, rule: Rule, t: number): number {
    const list = this.recent(key, t);
    return list.length ? throttleWaitMs(rule, list.length, list[list.length - 1]!, t) : 0;
  }

  private add(key: string, rule: Rule, t: number): number {
    const list = this.recent(key, t);
    list.push(t);
    // Past this many the wait is already at its longest; older entries add nothing.
    if (list.length > rule.free + 16) list.shift();
    this.failures.delete(key);
    this.failures.set(key, list);
    if (this.failures.size > MAX_SOURCES) {
      for (const oldest of this.failures.keys()) {
        if (oldest === ALL) continue;
        this.failures.delete(oldest);
        break;
      }
    }
    return list.length;
  }
}
