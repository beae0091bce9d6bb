import { describe, expect, it } from 'vitest';
import { gradeOf, yearWindowStart } from '../../shared/grading';

const now = new Date(2026, 10, 23, 15, 0); // 2026-11-23 15:00 local
const at = (y: number, m: number, d: number, h = 0) => new Date(y, m - 1, d, h).toISOString();

describe('data grades (docs/domain.md 数据分级)', () => {
  it('一等 needs maintenance within the year AND at least three selections within it', () => {
    expect(gradeOf({ maintainedAt: at(2026, 6, 1), selectionsWithinYear: 3, hasUsage: false }, now)).toBe(1);
    expect(gradeOf({ maintainedAt: at(2026, 6, 1), selectionsWithinYear: 2, hasUsage: true }, now)).toBe(2);
    expect(gradeOf({ maintainedAt: null, selectionsWithinYear: 5, hasUsage: true }, now)).toBe(2);
  });
  it('counts maintenance exactly one year ago as within the year, and the day before as not', () => {
    expect(gradeOf({ maintainedAt: at(2025, 11, 23, 0), selectionsWithinYear: 3, hasUsage: false }, now)).toBe(1);
    expect(gradeOf({ maintainedAt: at(2025, 11, 22, 23), selectionsWithinYear: 3, hasUsage: false }, now)).toBe(2);
    expect(gradeOf({ maintainedAt: at(2025, 11, 22, 23), selectionsWithinYear: 0, hasUsage: false }, now)).toBe(4);
  });
  it('二等 is selected or maintained within the year', () => {
    expect(gradeOf({ maintainedAt: at(2026, 1, 1), selectionsWithinYear: 0, hasUsage: false }, now)).toBe(2);
    expect(gradeOf({ maintainedAt: at(2020, 1, 1), selectionsWithinYear: 1, hasUsage: false }, now)).toBe(2);
  });
  it('三等 has past usage but nothing within the year; 四等 is everything else', () => {
    expect(gradeOf({ maintainedAt: at(2020, 1, 1), selectionsWithinYear: 0, hasUsage: true }, now)).toBe(3);
    expect(gradeOf({ maintainedAt: null, selectionsWithinYear: 0, hasUsage: true }, now)).toBe(3);
    expect(gradeOf({ maintainedAt: null, selectionsWithinYear: 0, hasUsage: false }, now)).toBe(4);
  });
  it('puts the window start on the same calendar day a year back, 29 February on 28 February', () => {
    expect(yearWindowStart(now)).toEqual(new Date(2025, 10, 23));
    expect(yearWindowStart(new Date(2028, 1, 29, 12))).toEqual(new Date(2027, 1, 28));
  });
});
