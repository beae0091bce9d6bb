/**
 * 客户编号: the short number a person reads out, writes on a returned envelope and types back in. The UUID stays
 * the customer's identity inside the program and between PCs; this code is only how people name a customer.
 *
 * Shape: two letters/digits of prefix, a hyphen, a sequence of at least five digits and one check character,
 * e.g. "KM-00127X". Characters come from Crockford's base 32, which leaves out I, L, O and U, so nothing printed
 * can be misread as 1 or 0; typed input maps I/L to 1 and O to 0 as that alphabet prescribes.
 *
 * Prefixes keep PCs apart: each installation numbers its own customers under a prefix of two letters
 * (backend/services/customerCodes.ts), so two PCs adding customers offline never hand out the same code.
 * Customers that arrive without a code (made before codes existed, or by an older program) get one derived
 * from their id under a letter + digit prefix, the same on every PC, so they cannot collide with PC numbers.
 * The check character (Luhn mod 32) catches any single mistyped character and most swapped neighbours.
 */

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The letters of the alphabet: a prefix always starts with one, so a code is never all digits like a 流水号. */
export const CODE_LETTERS = 'ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_DIGITS = '0123456789';
/** Digits in the sequence part; more once a PC has numbered 99,999 customers. */
export const SEQ_DIGITS = 5;

const valueOf = (ch: string): number => CODE_ALPHABET.indexOf(ch);

/** Luhn mod N over Crockford values: the character that makes the whole code check out. */
export function checkCharacter(payload: string): string {
  const n = CODE_ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    const v = valueOf(payload[i]!);
    if (v < 0) throw new Error(`客户编号含有无效字符：${payload[i]}`);
    const addend = factor * v;
    sum += Math.floor(addend / n) + (addend % n);
    factor = factor === 2 ? 1 : 2;
  }
  return CODE_ALPHABET[(n - (sum % n)) % n]!;
}

/** "KM", 127 → "KM-00127X". */
export function formatCustomerCode(prefix: string, seq: number): string {
  const digits = String(seq).padStart(SEQ_DIGITS, '0');
  return `${prefix}-${digits}${checkCharacter(prefix + digits)}`;
}

/** What a person typed, in the alphabet's terms: upper case, no spaces or hyphens, I/L → 1, O → 0. */
export function compactCode(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-－—_.·]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

const SHAPE = new RegExp(`^([${CODE_LETTERS}][${CODE_ALPHABET}])(\\d{${SEQ_DIGITS},})([${CODE_ALPHABET}])$`);

export type CodeReading =
  | { ok: true; code: string; prefix: string; seq: number }
  /** Shaped like a code but wrong: the message says what (a missing or wrong check character). */
  | { ok: false; looksLikeCode: boolean; reason: string };

/** Reads a typed code back to its stored form ("km 00127x" → "KM-00127X"), checking the last character. */
export function readCustomerCode(text: string): CodeReading {
  const c = compactCode(text);
  const m = SHAPE.exec(c);
  if (!m) {
    const partial = new RegExp(`^[${CODE_LETTERS}][${CODE_ALPHABET}]\\d{${SEQ_DIGITS},}$`).test(c);
    return partial
      ? { ok: false, looksLikeCode: true, reason: `客户编号“${text.trim()}”不完整：最后还有一位校验码，请照着打印的编号输入` }
      : { ok: false, looksLikeCode: false, reason: `“${text.trim()}”不是客户编号（形如 KM-00127X）` };
  }
  const [, prefix, digits, check] = m as unknown as [string, string, string, string];
  if (checkCharacter(prefix + digits) !== check) {
    return { ok: false, looksLikeCode: true, reason: `客户编号“${text.trim()}”的校验码不符，可能有字输错了，请核对` };
  }
  return { ok: true, code: `${prefix}-${digits}${check}`, prefix, seq: Number(digits) };
}

/** A prefix a PC numbers under (two letters) rather than one derived from a customer's id (letter + digit). */
export const isPcPrefix = (prefix: string): boolean => prefix.length === 2 && CODE_LETTERS.includes(prefix[0]!) && CODE_LETTERS.includes(prefix[1]!);
