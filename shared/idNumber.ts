/** Resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, check digit. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Full-width digits and letters (from Chinese input methods) to ASCII; spaces dropped. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '');
}

export type IdParse =
  | { ok: true; value: string; birthDate: string; sex: 'M' | 'F'; regionCode: string }
  | { ok: false; reason: string };

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Validates and normalises an 18-digit ID number (lower-case x becomes X). Reasons are Chinese, for the clerk.
 * `today` bounds the birth date so a typo in the year is caught.
 */
export function parseIdNumber(raw: string, today: Date = new Date()): IdParse {
  const s = toHalfWidth(raw).toUpperCase();
  if (/^\d+(\.\d+)?E\+\d+$/.test(s)) return { ok: false, reason: '身份证号被 Excel 存成了科学计数法，已丢失末几位，请把该列设为文本后重新录入' };
  if (s.length !== 18) return { ok: false, reason: `身份证号应为 18 位，现为 ${s.length} 位` };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: '身份证号只能由数字组成，最后一位可为 X' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (!validDate(y, m, d) || y < 1900) return { ok: false, reason: '身份证号中的出生日期无效' };
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getTime() > today.getTime()) return { ok: false, reason: '身份证号中的出生日期晚于今天' };
  const expected = idCheckDigit(s.slice(0, 17));
  if (s[17] !== expected) return { ok: false, reason: '身份证号校验位不正确，请核对' };
  const seq = Number(s[16]);
  return {
    ok: true,
    value: s,
    birthDate: `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`,
    sex: seq % 2 === 1 ? 'M' : 'F',
    regionCode: s.slice(0, 6),
  };
}

/** Whole years between a YYYY-MM-DD birth date and `on`. */
export function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getFullYear() - y;
  const beforeBirthday = on.getMonth() + 1 < m || (on.getMonth() + 1 === m && on.getDate() < d);
  if (beforeBirthday) age--;
  return age;
}

/** 3701**********123X: region prefix and last four kept, the birth date hidden. */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** A value the UI received masked and sent back unchanged ("keep what is stored"). */
export function isMaskedIdNumber(s: string): boolean {
  return /^\d{4}\*+[\dX]{4}$/.test(s);
}
