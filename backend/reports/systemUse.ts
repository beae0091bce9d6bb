/** System use: log-ins per week from the 操作日志, against the floor of two a week (docs/domain.md). */
import { LOGINS_PER_WEEK_FLOOR, type WeekUse } from '../../shared/dashboard';
import type { Reader } from '../db/handles';
import { localYmd, mondayOf, weeksBetween } from './period';

/**
 * When the branch began using the program: its first account, or the set-up of its villages if that came first.
 * Weeks before it were not weeks the branch failed to log in.
 */
export function branchStart(r: Reader): Date | null {
  const at = r.value<string>(
    "SELECT MIN(at) FROM (SELECT MIN(created_at) AS at FROM users UNION ALL SELECT MIN(at) FROM audit_log WHERE action = 'setup.branch')",
  );
  return at ? new Date(at) : null;
}

/**
 * Weeks of [start, min(end, now)) that have begun, from the branch's start on. The running week, and a first
 * week the branch joined after its Monday, are marked partial: shown, not counted as missed.
 */
export function loginsPerWeek(r: Reader, start: Date, end: Date, now: Date): { floor: number; since: string | null; weeks: WeekUse[]; weeksBelow: number } {
  const began = branchStart(r);
  const from = began && began > start ? began : start;
  const since = began && began > start ? localYmd(began) : null;
  const until = now < end ? now : end;
  const mondays = from <= until ? weeksBetween(from, until) : [];
  if (mondays.length === 0) return { floor: LOGINS_PER_WEEK_FLOOR, since, weeks: [], weeksBelow: 0 };
  const joinedMidWeek = since !== null && localYmd(mondayOf(from)) !== since ? localYmd(mondayOf(from)) : null;
  const first = mondays[0]!;
  const last = mondays[mondays.length - 1]!;
  const after = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 7);
  const counts = new Map<string, number>();
  for (const { at } of r.all<{ at: string }>("SELECT at FROM audit_log WHERE action = 'login' AND at >= ? AND at < ?", [
    first.toISOString(),
    after.toISOString(),
  ])) {
    const k = localYmd(mondayOf(new Date(at)));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const weeks = mondays.map((m) => {
    const logins = counts.get(localYmd(m)) ?? 0;
    const partial = now.getTime() < new Date(m.getFullYear(), m.getMonth(), m.getDate() + 7).getTime() || localYmd(m) === joinedMidWeek;
    return { weekStart: localYmd(m), logins, belowFloor: logins < LOGINS_PER_WEEK_FLOOR, partial };
  });
  return { floor: LOGINS_PER_WEEK_FLOOR, since, weeks, weeksBelow: weeks.filter((w) => w.belowFloor && !w.partial).length };
}
