/** CRC-32 (IEEE), for framing change-log records. */
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

const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** zlib's native CRC-32 where the runtime has it (Node ≥ 22.2, Electron), the table version otherwise. */
export function crc32(buf: Uint8Array): number {
  if (native) return native(buf) >>> 0;
  return crc32js(buf);
}

export function crc32js(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
