/** A year or one of its quarters, in the branch's local calendar (the office's days, not UTC's). */
import type { DashboardPeriod, Quarter } from '../../shared/dashboard';

const DAY = 86_400_000;

export const localYmd = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export interface PeriodBounds extends DashboardPeriod {
  /** First instant of the period and first instant after it. */
  start: Date;
  end: Date;
}

export function periodOf(year: number, quarter: Quarter | null, now: Date): PeriodBounds {
  const start = new Date(year, quarter ? (quarter - 1) * 3 : 0, 1);
  const end = new Date(year, quarter ? quarter * 3 : 12, 1);
  const lastDay = new Date(end.getTime() - DAY / 2);
  const asOf = now < start ? start : now < end ? now : lastDay;
  return { year, quarter, from: localYmd(start), to: localYmd(lastDay), asOf: localYmd(asOf), start, end };
}

/** Monday 00:00 of the week holding d. */
export function mondayOf(d: Date): Date {
  const back = (d.getDay() + 6) % 7;
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - back);
}

/** Mondays of every week that overlaps [start, until), oldest first. */
export function weeksBetween(start: Date, until: Date): Date[] {
  const out: Date[] = [];
  for (let m = mondayOf(start); m < until; m = new Date(m.getFullYear(), m.getMonth(), m.getDate() + 7)) out.push(m);
  return out;
}
