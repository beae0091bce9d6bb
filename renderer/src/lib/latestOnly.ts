import { useEffect, useState } from 'react';

/**
 * One request at a time, always ending on the newest ask: asks made while one is on its way collapse into the
 * last of them, sent the moment the current one answers. Unlike a debounce nothing waits for the typing to stop,
 * so the answer to the last key arrives one backend round after it (two at worst), and a fast typist still never
 * queues a request per key behind a slow one.
 */
export class LatestOnly<K, T> {
  private busy = false;
  private next: { key: K } | null = null;
  private stopped = false;

  constructor(
    private readonly run: (key: K) => Promise<T>,
    /** Only the answer to the newest ask arrives here; answers overtaken meanwhile are dropped. */
    private readonly deliver: (key: K, outcome: { ok: true; value: T } | { ok: false; error: unknown }) => void,
  ) {}

  ask(key: K): void {
    if (this.stopped) return;
    if (this.busy) {
      this.next = { key };
      return;
    }
    void this.send(key);
  }

  /** The page is back (React mounts effects twice in development): asks are sent again. */
  start(): void {
    this.stopped = false;
  }

  /** The page is gone: nothing more is sent or delivered. */
  stop(): void {
    this.stopped = true;
    this.next = null;
  }

  private async send(key: K): Promise<void> {
    this.busy = true;
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await this.run(key) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    this.busy = false;
    if (this.stopped) return;
    const next = this.next;
    this.next = null;
    if (next) return this.send(next.key);
    this.deliver(key, outcome);
  }
}

/** A LatestOnly for the life of a component: made once, stopped when the component goes. */
export function useLatestOnly<K, T>(
  run: (key: K) => Promise<T>,
  deliver: (key: K, outcome: { ok: true; value: T } | { ok: false; error: unknown }) => void,
): LatestOnly<K, T> {
  // The first render's functions are kept: callers pass ones that only use the API and state setters.
  const [runner] = useState(() => new LatestOnly(run, deliver));
  useEffect(() => {
    runner.start();
    return () => runner.stop();
  }, [runner]);
  return runner;
}
