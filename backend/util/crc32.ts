/** CRC-32 (IEEE), for framing change-log records and summing snapshot images. */
import zlib from 'node:zlib';
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/**
 * zlib's native CRC-32 where the runtime has it (Node ≥ 20.15, Electron), the table version otherwise. `prev` is
 * the CRC of the bytes before `buf`, so a long file can be summed chunk by chunk as it is read.
 */
export function crc32(buf: Uint8Array, prev = 0): number {
  // zlib sums a buffer with no memory behind it (an empty one from a cipher's final()) to 0, whatever came before.
  if (buf.length === 0) return prev >>> 0;
  if (native) return native(buf, prev) >>> 0;
  return crc32js(buf, prev);
}

export function crc32js(buf: Uint8Array, prev = 0): number {
  let c = (prev ^ 0xffffffff) >>> 0;
  for (let i = 0; i < buf.length; i++) c = TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The length and CRC-32 of pieces written one after the other, as if they were one buffer. */
export function crc32OfParts(parts: readonly Uint8Array[]): { length: number; crc: number } {
  let length = 0;
  let crc = 0;
  for (const p of parts) {
    length += p.length;
    crc = crc32(p, crc);
  }
  return { length, crc };
}
