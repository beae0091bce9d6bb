/** System use: log-ins per week from the 操作日志, against the floor of two a week (DOMAIN.md). */
import { LOGINS_PER_WEEK_FLOOR, type WeekUse } from '../../shared/dashboard';
import type { Reader } from '../db/handles';
import { localYmd, mondayOf, weeksBetween } from './period';

/** Weeks of [start, min(end, now)) that have begun; the running week is marked partial, not failed. */
export function loginsPerWeek(r: Reader, start: Date, end: Date, now: Date): { floor: number; weeks: WeekUse[]; weeksBelow: number } {
  const until = now < end ? now : end;
  const mondays = start <= until ? weeksBetween(start, until) : [];
  if (mondays.length === 0) return { floor: LOGINS_PER_WEEK_FLOOR, weeks: [], weeksBelow: 0 };
  const first = mondays[0]!;
  const last = mondays[mondays.length - 1]!;
  const after = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 7);
  const counts = new Map<string, number>();
  for (const { at } of r.all<{ at: string }>("SELECT at FROM audit_log WHERE action = 'login' AND at >= ? AND at < ?", [first.toISOString(), after.toISOString()])) {
    const k = localYmd(mondayOf(new Date(at)));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const weeks = mondays.map((m) => {
    const logins = counts.get(localYmd(m)) ?? 0;
    const partial = now.getTime() < new Date(m.getFullYear(), m.getMonth(), m.getDate() + 7).getTime();
    return { weekStart: localYmd(m), logins, belowFloor: logins < LOGINS_PER_WEEK_FLOOR, partial };
  });
  return { floor: LOGINS_PER_WEEK_FLOOR, weeks, weeksBelow: weeks.filter((w) => w.belowFloor && !w.partial).length };
}
