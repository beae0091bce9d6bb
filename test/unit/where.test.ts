/** The WHERE builder behind the list and filter queries (backend/db/where.ts). */
import { describe, expect, it } from 'vitest';
import { containsPattern, where } from '../../backend/db/where';

describe('where()', () => {
  it('is empty without conditions and keeps the fixed ones', () => {
    expect(where().sql).toBe('');
    expect(where().params).toEqual([]);
    expect(where('c.deleted_at IS NULL').sql).toBe('WHERE c.deleted_at IS NULL');
  });

  it('adds only the filters that were given, in call order, with their parameters', () => {
    const w = where('c.deleted_at IS NULL')
      .eq('c.village_id', 'v1')
      .eq('c.grade', undefined)
      .eq('c.sex', '')
      .in('c.grade', [1, 2])
      .in('c.kind', [])
      .cmp('at', '>=', '2026-01-01')
      .cmp('at', '<', undefined)
      .part({ sql: 't.carrier_id = ?', params: ['u1'] })
      .part(null);
    expect(w.sql).toBe('WHERE c.deleted_at IS NULL AND c.village_id = ? AND c.grade IN (?, ?) AND at >= ? AND t.carrier_id = ?');
    expect(w.params).toEqual(['v1', 1, 2, '2026-01-01', 'u1']);
    expect(w.conditions).toBe('c.deleted_at IS NULL AND c.village_id = ? AND c.grade IN (?, ?) AND at >= ? AND t.carrier_id = ?');
  });

  it('matches text anywhere, one column or several OR-ed, with % and _ dropped', () => {
    expect(containsPattern('10%_x')).toBe('%10x%');
    const one = where().contains('target_ids', 'ab');
    expect([one.sql, one.params]).toEqual(['WHERE target_ids LIKE ?', ['%ab%']]);
    const many = where().contains(['name', 'phone'], '王').contains('x', '');
    expect([many.sql, many.params]).toEqual(['WHERE (name LIKE ? OR phone LIKE ?)', ['%王%', '%王%']]);
  });

  it('keeps a raw condition and its parameters together', () => {
    const w = where().raw("status = 'pending'").raw('(action = ? OR action LIKE ?)', 'a', 'a.%');
    expect([w.sql, w.params]).toEqual(["WHERE status = 'pending' AND (action = ? OR action LIKE ?)", ['a', 'a.%']]);
  });
});
