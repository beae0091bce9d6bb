/**
 * Slow-down of failed log-ins by source address and over all accounts, with the branch app's numbers
 * (shared/loginRules.ts). Kept in PostgreSQL: a guesser spreading attempts over the hub's processes meets
 * one count, and a restart of one process gives nothing back.
 */
import { OVERALL, PER_SOURCE, THROTTLE_WINDOW_MS, throttleWaitMs, type ThrottleRule } from '../../shared/loginRules';
import type { Queryable } from '../db';

export interface Hold {
  seconds: number;
  message: string;
}

async function waitMs(q: Queryable, rule: ThrottleRule, source: string | null, now: Date): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const r = (
    await q.query<{ n: unknown; last: Date | string | null }>(
      `SELECT count(*) AS n, max(at) AS last FROM hub_login_failures WHERE at > $1 ${source === null ? '' : 'AND source = $2'}`,
      source === null ? [since] : [since, source],
    )
  )[0];
  if (!r?.last) return 0;
  return throttleWaitMs(rule, Number(r.n), new Date(r.last).getTime(), now.getTime());
}

/** Why a log-in from `source` must wait now, or null to go ahead. */
export async function loginHold(q: Queryable, source: string, now: Date): Promise<Hold | null> {
  const own = await waitMs(q, PER_SOURCE, source, now);
  if (own > 0) {
    const s = Math.ceil(own / 1000);
    return { seconds: s, message: `这台电脑登录失败次数过多，请 ${s} 秒后再试` };
  }
  const all = await waitMs(q, OVERALL, null, now);
  if (all > 0) {
    const s = Math.ceil(all / 1000);
    return { seconds: s, message: `近期各账号登录失败次数过多，为防止有人猜测密码，请 ${s} 秒后再试` };
  }
  return null;
}

export async function recordLoginFailure(q: Queryable, source: string, now: Date): Promise<void> {
  // Past the window a failure counts for nothing: dropping it keeps the table as small as one burst.
  await q.query('DELETE FROM hub_login_failures WHERE at <= $1', [new Date(now.getTime() - THROTTLE_WINDOW_MS)]);
  await q.query('INSERT INTO hub_login_failures (source, at) VALUES ($1, $2)', [source.slice(0, 100), now]);
}
