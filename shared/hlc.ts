/**
 * Hybrid logical clock (Kulkarni et al.; as in Actual Budget's crdt package). A timestamp is wall-clock
 * milliseconds, a counter that orders events within one millisecond or while the wall clock lags a time
 * already seen, and the node id that breaks ties. The text form sorts the same way the clock orders, so
 * "later write wins" is a string comparison everywhere — in sql.js, in PostgreSQL and in JS.
 *
 * A branch whose clock runs a day fast still merges correctly: once any node has seen its timestamps, that
 * node's own later writes are stamped after them (recv), so causality is kept; only truly concurrent writes
 * are decided by the skewed clock, and those are recorded as conflicts for review.
 */
const MAX_COUNTER = 0xffff;
const NODE_RE = /^[0-9a-z]{1,32}$/;
const HLC_RE = /^(\d{15})-([0-9a-f]{4})-([0-9a-z]{1,32})$/;

export interface HlcParts {
  millis: number;
  counter: number;
  node: string;
}

export function formatHlc(p: HlcParts): string {
  return `${String(p.millis).padStart(15, '0')}-${p.counter.toString(16).padStart(4, '0')}-${p.node}`;
}

export function parseHlc(s: string): HlcParts {
  const m = HLC_RE.exec(s);
  if (!m) throw new Error(`不是有效的时钟时间戳：${s.slice(0, 60)}`);
  return { millis: Number(m[1]), counter: parseInt(m[2]!, 16), node: m[3]! };
}

export const isHlc = (s: unknown): s is string => typeof s === 'string' && HLC_RE.test(s);

/** The node id an HLC was stamped by: who made the change. */
export const hlcNode = (s: string): string => parseHlc(s).node;

export class Hlc {
  private millis: number;
  private counter: number;

  constructor(
    readonly node: string,
    private readonly wallClock: () => number,
    last?: string | null,
  ) {
    if (!NODE_RE.test(node)) throw new Error(`时钟节点编号无效：${node}`);
    const p = last ? parseHlc(last) : { millis: 0, counter: 0 };
    this.millis = p.millis;
    this.counter = p.counter;
  }

  /** A new timestamp for a local event, after every timestamp this clock has issued or seen. */
  send(): string {
    const wall = this.wallClock();
    if (wall > this.millis) {
      this.millis = wall;
      this.counter = 0;
    } else {
      this.bump();
    }
    return this.current;
  }

  /** Takes in a timestamp from elsewhere, so later local events are stamped after it. */
  recv(remote: string): void {
    const r = parseHlc(remote);
    const wall = this.wallClock();
    if (wall > this.millis && wall > r.millis) {
      this.millis = wall;
      this.counter = 0;
    } else if (r.millis > this.millis) {
      this.millis = r.millis;
      this.counter = r.counter;
      this.bump();
    } else if (r.millis === this.millis) {
      this.counter = Math.max(this.counter, r.counter);
      this.bump();
    } else {
      this.bump();
    }
  }

  get current(): string {
    return formatHlc({ millis: this.millis, counter: this.counter, node: this.node });
  }

  private bump(): void {
    if (this.counter < MAX_COUNTER) {
      this.counter += 1;
    } else {
      // 65,536 events in one millisecond: borrow the next millisecond rather than fail the write.
      this.millis += 1;
      this.counter = 0;
    }
  }
}
