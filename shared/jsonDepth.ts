/**
 * Nesting depth of a JSON text, measured before it is parsed. JSON.parse itself copes with any depth, but
 * everything after it recurses — the structured clone to the database worker, JSON.stringify, zod — and a
 * body of 100,000 brackets overflows the stack there, an error no caller can act on.
 */
import { MAX_JSON_DEPTH } from './limits';

/** Brackets outside strings are counted on the UTF-8 bytes: quotes, backslashes and brackets are never part of a multi-byte character. */
export function jsonTooDeep(utf8: Uint8Array, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < utf8.length; i++) {
    const c = utf8[i]!;
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
