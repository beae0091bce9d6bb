import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleSink, log, setLogSink, silentSink, type LogLevel } from '../../shared/log';

afterEach(() => {
  setLogSink(null);
  vi.restoreAllMocks();
});

describe('shared/log', () => {
  it('writes info to stdout and warnings and errors to stderr, details included', () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const e = new Error('disk full');
    log.info('listening');
    log.warn('refused x');
    log.error('start-up work failed', e);
    expect(out).toHaveBeenCalledWith('listening');
    expect(warn).toHaveBeenCalledWith('refused x');
    expect(err).toHaveBeenCalledWith('start-up work failed', e);
  });

  it('can be captured or silenced by a test, and restored', () => {
    const seen: [LogLevel, string, readonly unknown[]][] = [];
    const before = setLogSink((level, message, details) => seen.push([level, message, details]));
    expect(before).toBe(consoleSink);
    log.warn('a', 1);
    expect(seen).toEqual([['warn', 'a', [1]]]);

    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    setLogSink(silentSink);
    log.error('nobody hears this');
    setLogSink(null);
    log.error('heard');
    expect(err).toHaveBeenCalledTimes(1);
    expect(err).toHaveBeenCalledWith('heard');
  });
});
