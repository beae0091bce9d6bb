import { afterEach, describe, expect, it, vi } from 'vitest';
import { changedRow, type Change } from '../../backend/db/capture';

afterEach(() => vi.restoreAllMocks());

describe('a captured row is parsed once per commit (issue 19)', () => {
  it('every reader after the commit shares one parse of the row', () => {
    const after = { id: 'c1', name: '张三', phone: '13900139000', deleted_at: null };
    const change: Change = ['customers', 'u', 'c1', JSON.stringify(after)];
    const parse = vi.spyOn(JSON, 'parse');
    expect(changedRow(change)).toEqual(after);
    expect(changedRow(change)).toEqual(after);
    expect(parse.mock.calls.filter(([text]) => text === change[3])).toHaveLength(1);
    expect(changedRow(['customers', 'd', 'c2', null])).toBeNull();
  });
});
