import { describe, expect, it } from 'vitest';
import { Hlc, parseHlc } from '../../shared/hlc';
import { SyncRunner } from '../../backend/sync/runner';
import { parsePushRequest } from '../../shared/syncProtocol';

describe('hybrid logical clock', () => {
  it('orders a PC’s writes after everything it has heard of, even when its own clock is a day slow', () => {
    let wall = Date.UTC(2026, 10, 23, 8);
    const fast = new Hlc('fast', () => wall + 86_400_000);
    const slow = new Hlc('slow', () => wall - 86_400_000);
    const a = fast.send();
    slow.recv(a);
    const b = slow.send();
    expect(b > a).toBe(true); // text order is clock order
    wall += 1;
    expect(slow.send() > b).toBe(true);
    // Many events in one millisecond never repeat a time.
    const seen = new Set<string>();
    for (let i = 0; i < 70_000; i++) seen.add(fast.send());
    expect(seen.size).toBe(70_000);
  });

  it('resumes after the last time it stored', () => {
    const h = new Hlc('pc1', () => 1000, '000000000005000-0003-pc1');
    expect(parseHlc(h.send())).toEqual({ millis: 5000, counter: 4, node: 'pc1' });
  });
});

describe('automatic sync timing', () => {
  it('waits the interval while the hub answers and backs off from 30 seconds when it does not, never past the interval', () => {
    expect(SyncRunner.delayMs(10, 0)).toBe(600_000);
    expect([1, 2, 3, 4, 5, 6, 30].map((f) => SyncRunner.delayMs(10, f))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
    expect(SyncRunner.delayMs(1, 3)).toBe(60_000);
  });
});

describe('push requests', () => {
  it('are checked field by field with a Chinese reason', () => {
    const ok = { node: 'pc1', changes: [{ id: 'abcdefgh', tbl: 'customers', pk: 'c1', fields: { name: '王五' }, hlc: '000000000005000-0003-pc1', seen: 0 }] };
    expect(parsePushRequest(ok)).toBe(ok);
    expect(() => parsePushRequest({ ...ok, changes: [{ ...ok.changes[0], tbl: 'Robert"; DROP' }] })).toThrow(/第 1 条的表名无效/);
    expect(() => parsePushRequest({ ...ok, changes: [{ ...ok.changes[0], fields: { name: { nested: 1 } } }] })).toThrow(/字段 name 的值无效/);
    expect(() => parsePushRequest({ ...ok, changes: [{ ...ok.changes[0], hlc: 'yesterday' }] })).toThrow(/时钟时间戳无效/);
    expect(() => parsePushRequest({ ...ok, extra: 1 })).toThrow(/多余的字段/);
  });
});
