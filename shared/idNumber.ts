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
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]/g, '');
}

export type IdParse = { ok: true; value: string; birthDate: string; sex: 'M' | 'F'; regionCode: string } | { ok: false; reason: string };

/** First two digits of the address code (GB/T 2260): the provinces, autonomous regions and municipalities. */
const MAINLAND_PROVINCES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
];
/**
 * What may start a resident's number: the mainland, 71 (台湾省 in GB/T 2260), and 81, 82 and 83, the codes 公安部
 * gives the residence permits of Hong Kong, Macao and Taiwan residents (港澳台居民居住证), whose numbers follow
 * GB 11643 otherwise.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([...MAINLAND_PROVINCES, '71', '81', '82', '83']);

/**
 * The 2023 外国人永久居留身份证 has the same 18 positions and check digit, but starts with 9, then the mainland
 * province that issued it, then a 3-digit nationality code; birth date, sequence and check digit sit where a
 * resident's do. Only 18-digit numbers: the old foreigners' cards were letters and digits.
 */
const FOREIGNER_PREFIX = '9';

/** GB 11643-1999 §6: a 15-digit number (before 1999) becomes 18 digits by "19" before the year and a check digit. */
export function upgradeIdNumber15(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idCheckDigit(first17);
}

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function regionProblem(s: string, old: boolean): string | null {
  if (PROVINCE_CODES.has(s.slice(0, 2))) return null;
  if (!old && s.startsWith(FOREIGNER_PREFIX) && MAINLAND_PROVINCES.includes(s.slice(1, 3))) return null;
  return `身份证号前两位 ${s.slice(0, 2)} 不是省级行政区代码（如 37 山东、11 北京）`;
}

function dateProblem(s: string, today: Date): string | null {
  const ys = s.slice(6, 10);
  const ms = s.slice(10, 12);
  const ds = s.slice(12, 14);
  const y = Number(ys);
  const m = Number(ms);
  const d = Number(ds);
  if (y < 1900) return `身份证号中的出生年份 ${ys} 早于 1900 年，请核对`;
  if (m < 1 || m > 12) return `身份证号中的出生月份 ${ms} 无效（第 11–12 位应为 01–12）`;
  if (!validDate(y, m, d)) return `身份证号中的出生日期 ${ys}-${ms}-${ds} 不存在（${y} 年 ${m} 月没有 ${d} 日）`;
  const birth = Date.UTC(y, m - 1, d);
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  if (birth > todayUtc) return `身份证号中的出生日期 ${ys}-${ms}-${ds} 晚于今天`;
  return null;
}

/**
 * Validates and normalises a resident ID number (lower-case x becomes X; a 15-digit one is upgraded to its 18-digit
 * form, which is what gets stored, so the same person never exists under both). Reasons are Chinese, for the clerk.
 * `today` bounds the birth date so a typo in the year is caught.
 */
export function parseIdNumber(raw: string, today: Date = new Date()): IdParse {
  let s = toHalfWidth(raw).toUpperCase();
  if (/^\d+(\.\d+)?E\+\d+$/.test(s)) return { ok: false, reason: '身份证号被 Excel 存成了科学计数法，已丢失末几位，请把该列设为文本后重新录入' };
  const old = s.length === 15;
  if (old) {
    if (!/^\d{15}$/.test(s)) return { ok: false, reason: '15 位旧身份证号只能由数字组成' };
    // The old numbers carry no check digit: region and date are all that can be checked before upgrading.
    s = upgradeIdNumber15(s);
  }
  if (s.length !== 18) return { ok: false, reason: `身份证号应为 18 位（或 15 位旧号码），现为 ${s.length} 位` };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: '身份证号只能由数字组成，最后一位可为 X' };
  const problem = regionProblem(s, old) ?? dateProblem(s, today);
  if (problem) return { ok: false, reason: problem };
  if (s[17] !== idCheckDigit(s.slice(0, 17))) return { ok: false, reason: '身份证号校验位不正确，请核对' };
  return {
    ok: true,
    value: s,
    birthDate: `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`,
    sex: Number(s[16]) % 2 === 1 ? 'M' : 'F',
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
