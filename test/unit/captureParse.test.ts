import { afterEach, describe, expect, it, vi } from 'vitest';
import { changedRow, type Change } from '../../backend/db/capture';
import { outboxEntries } from '../../backend/sync/outbox';

afterEach(() => vi.restoreAllMocks());

describe('a captured row is parsed once per commit (issue 19)', () => {
  it('the sync outbox and the search index share one parse of the row', () => {
    const before = { id: 'c1', name: '张三', phone: '13800138000', deleted_at: null };
    const after = { ...before, phone: '13900139000' };
    const change: Change = ['customers', 'u', 'c1', JSON.stringify(after), JSON.stringify(before)];
    const parse = vi.spyOn(JSON, 'parse');
    expect(outboxEntries([change])).toEqual([{ tbl: 'customers', pk: 'c1', fields: { phone: '13900139000' }, insert: false }]);
    // What the search index reads after the commit.
    expect(changedRow(change)).toEqual(after);
    expect(parse.mock.calls.filter(([text]) => text === change[3])).toHaveLength(1);
  });

  it('the outbox never changes the shared row', () => {
    const row = { id: 'c2', name: '李四' };
    const insert: Change = ['customers', 'u', 'c2', JSON.stringify(row), null];
    const update: Change = ['customers', 'u', 'c2', JSON.stringify({ ...row, name: '李四四' }), JSON.stringify(row)];
    outboxEntries([insert, update]);
    expect(changedRow(insert)).toEqual(row);
    expect(changedRow(['customers', 'd', 'c2', null])).toBeNull();
  });
});
