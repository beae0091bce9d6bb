import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { idGenerator, newId } from '../../backend/services/ids';

/** The uuid package (a well-kept implementation of RFC 9562) judges the format; the order is what indexes rely on. */
describe('record ids', () => {
  it('are valid version-7 UUIDs, all different, in the order they were made', () => {
    const ids = Array.from({ length: 50_000 }, () => newId());
    for (const id of ids.slice(0, 2000)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) expect(`${ids[i - 1]} < ${ids[i]}`).toBe('in order');
  });

  it('carry the time they were made and stay in order when thousands are made within one millisecond', () => {
    const t = Date.UTC(2026, 11, 6, 8, 0, 0);
    const make = idGenerator(() => t);
    const ids = Array.from({ length: 10_000 }, make);
    for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) expect(`${ids[i - 1]} < ${ids[i]}`).toBe('in order');
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(msOf(ids[0]!)).toBe(t);
    // A millisecond holds at most 4,096 ids of one process; the rest borrow the next milliseconds, never going back.
    expect(msOf(ids.at(-1)!)).toBeGreaterThan(t);
    expect(msOf(ids.at(-1)!)).toBeLessThanOrEqual(t + 5);
    // A clock set back (an NTP correction) does not make ids go back either.
    let now = t + 100;
    const back = idGenerator(() => now);
    const before = back();
    now = t;
    expect(back() > before).toBe(true);
  });
});
