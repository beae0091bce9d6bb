/**
 * Data grades (数据分级) of docs/domain.md, used first-grade-first when selecting campaign targets:
 *   1 一等  maintained within the last year AND selected ≥ 3 times within the last year
 *   2 二等  selected OR maintained within the last year
 *   3 三等  neither within the last year, but has past usage information
 *   4 四等  everything else
 * "Within the last year" includes the day exactly one calendar year ago (a record maintained on
 * 2025-11-23 still counts on 2026-11-23) and nothing earlier.
 */
export type Grade = 1 | 2 | 3 | 4;
export const GRADE_LABELS: Record<Grade, string> = { 1: '一等', 2: '二等', 3: '三等', 4: '四等' };
export const GRADE_1_MIN_SELECTIONS = 3;

export interface GradeInputs {
  /** ISO timestamp of the last maintenance, or null. */
  maintainedAt: string | null;
  /** Selections at or after the start of the one-year window. */
  selectionsWithinYear: number;
  hasUsage: boolean;
}

/** Start of the window: the same calendar day one year earlier, 00:00 local time. */
export function yearWindowStart(now: Date): Date {
  const d = new Date(now.getFullYear() - 1, now.getMonth(), now.getDate());
  // 29 February → 28 February of a non-leap year, not 1 March.
  if (d.getMonth() !== now.getMonth()) d.setDate(0);
  return d;
}

export function gradeOf(x: GradeInputs, now: Date): Grade {
  const since = yearWindowStart(now).getTime();
  const maintained = x.maintainedAt !== null && new Date(x.maintainedAt).getTime() >= since;
  const selected = x.selectionsWithinYear > 0;
  if (maintained && x.selectionsWithinYear >= GRADE_1_MIN_SELECTIONS) return 1;
  if (maintained || selected) return 2;
  if (x.hasUsage) return 3;
  return 4;
}
